package org.manyfaces.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.manyfaces.disclosure.FaceMarkEvidence;
import org.manyfaces.disclosure.FaceMarkReader;
import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.track.Detection;
import org.manyfaces.pipeline.track.FaceTracker;
import org.manyfaces.pipeline.track.FrameSignature;
import org.manyfaces.pipeline.track.TrackedFace;
import org.manyfaces.pipeline.track.TrackerSettings;

/**
 * The face-mark half of {@code manyfaces verify}: faces found by a detector on the sampled frames, tied into
 * tracks by the project's tracker (cut-aware: a shot cut ends every track), and each track's face-mark evidence
 * added up over its frames before it is judged ({@link FaceMarkReader}). A still is one frame: each face is
 * judged alone.
 *
 * <p>Why raw detections and no smoothing: the mark is read at the landmarks of the frame itself; smoothed
 * landmarks lag a moving face and would misalign the cells.
 */
final class FaceMarkScan {
    /** One track's result. */
    record Track(int id, long firstFrame, long lastFrame, FaceMarkEvidence evidence, MarkReading reading) {
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("track", id);
            m.put("firstFrame", firstFrame);
            m.put("lastFrame", lastFrame);
            m.put("framesRead", evidence.frames());
            m.put("found", reading.found());
            m.put("score", Math.round(reading.score() * 10) / 10.0);
            if (reading.found()) {
                m.put("payload", VerifyCommand.payloadJson(reading.payload()));
            }
            return m;
        }
    }

    private final FaceDetector detector;
    private final float threshold;
    private final FaceMarkReader reader;
    private final FaceTracker tracker;
    private final boolean still;
    private final List<Track> stillFaces = new ArrayList<>();
    private final Map<Integer, long[]> span = new LinkedHashMap<>();
    private final Map<Integer, FaceMarkEvidence> evidence = new LinkedHashMap<>();
    /** Track ids are reused by nobody, but a cut starts new ones: results are keyed per id. */
    private final List<Integer> order = new ArrayList<>();

    /** A scan of a video (tracks, evidence added up) or, with {@code still}, of one picture (faces judged alone). */
    FaceMarkScan(FaceDetector detector, float threshold, FaceMarkReader reader, double frameRate, boolean still) {
        this.still = still;
        this.detector = detector;
        this.threshold = threshold;
        this.reader = reader;
        this.tracker = new FaceTracker(TrackerSettings.defaults().withSmoothing(0).withDetectEvery(1), frameRate);
    }

    /** Detects, tracks and reads the faces of frame {@code index} (frames must come in increasing order). */
    void add(long index, ImageView frame) throws Exception {
        List<Face> faces = detector.detect(frame, threshold);
        if (still) {
            // A picture: each face alone, with the alignment search of FaceMarkReader.judgeStill.
            for (Face f : faces) {
                FaceMarkEvidence e = reader.newEvidence();
                reader.read(frame, f.landmarks(), e);
                stillFaces.add(new Track(stillFaces.size() + 1, index, index, e, reader.judgeStill(frame, f.landmarks())));
            }
            return;
        }
        List<TrackedFace> tracked = tracker.step(index, FrameSignature.of(frame),
                i -> faces.stream().map(Detection::new).toList());
        for (TrackedFace t : tracked) {
            if (!t.observed()) {
                continue;
            }
            FaceMarkEvidence e = evidence.computeIfAbsent(t.trackId(), id -> {
                order.add(id);
                return reader.newEvidence();
            });
            if (reader.read(frame, t.face().landmarks(), e)) {
                span.computeIfAbsent(t.trackId(), id -> new long[] {index, index})[1] = index;
            }
        }
    }

    /** Every track seen, judged on all its evidence. */
    List<Track> tracks() {
        if (still) {
            return List.copyOf(stillFaces);
        }
        List<Track> out = new ArrayList<>();
        for (int id : order) {
            FaceMarkEvidence e = evidence.get(id);
            long[] s = span.getOrDefault(id, new long[] {0, 0});
            out.add(new Track(id, s[0], s[1], e, reader.judge(e)));
        }
        return out;
    }
}
