package org.manyfaces.pipeline.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.VideoReader;

/**
 * The tracker on real footage: the shared clip through the real YuNet detector. The media README
 * documents 2 faces in frames 1–50, 1 face in 51–100 and 1 face in 101–150, with hard cuts at 51 and
 * 101 (0-based 50 and 100) and camera moves (zoom, vertical pan, horizontal pan) within the shots.
 */
class TrackAnalysisOnClipTest {
    private static InferenceEngine engine;
    private static FaceDetector yunet;

    @BeforeAll
    static void openDetector() throws Exception {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
        yunet = FaceDetectors.open(engine, SharedFiles.model("yunet_s_dynamic.onnx"), ProviderChoice.CPU,
                DetectorOptions.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    /** Decodes the clip in order: the signature call moves to the frame, detect looks at the same frame. */
    private static final class ClipSampler implements FrameSampler, AutoCloseable {
        final VideoReader reader = VideoReader.open(SharedFiles.media("faces_pd_640x360_6s.mp4"));
        final List<Long> detected = new ArrayList<>();
        ImageView current;
        long currentFrame = -1;

        ClipSampler() throws Exception {
        }

        @Override
        public FrameSignature signature(long frame) throws Exception {
            while (currentFrame < frame) {
                current = reader.next();
                currentFrame++;
            }
            return FrameSignature.of(current);
        }

        @Override
        public List<Detection> detect(long frame) {
            detected.add(frame);
            List<Detection> out = new ArrayList<>();
            for (Face f : yunet.detect(current, 0.9f)) {
                out.add(new Detection(f));
            }
            return out;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private static void assertDocumentedTracks(TrackAnalysis a) {
        assertEquals(List.of(50L, 100L), a.cuts());
        assertEquals(4, a.trackCount(), "two people in shot 1, one person in each of shots 2 and 3");
        Set<Integer> shot1 = new HashSet<>();
        Set<Integer> shot2 = new HashSet<>();
        Set<Integer> shot3 = new HashSet<>();
        for (int i = 0; i < 150; i++) {
            List<TrackedFace> faces = a.facesAt(i);
            assertEquals(i < 50 ? 2 : 1, faces.size(), "faces on frame " + i);
            for (TrackedFace t : faces) {
                (i < 50 ? shot1 : i < 100 ? shot2 : shot3).add(t.trackId());
            }
        }
        assertEquals(2, shot1.size(), "ids in shot 1 " + shot1);
        assertEquals(1, shot2.size(), "ids in shot 2 " + shot2);
        assertEquals(1, shot3.size(), "ids in shot 3 " + shot3);
        Set<Integer> all = new HashSet<>(shot1);
        all.addAll(shot2);
        all.addAll(shot3);
        assertEquals(4, all.size(), "no track crosses a cut");
    }

    /** RMS of the second difference of every landmark coordinate of one track: frame-to-frame shake. */
    private static double shake(TrackAnalysis a, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from + 1; i < to - 1; i++) {
            float[] p = a.facesAt(i - 1).get(0).face().landmarks();
            float[] c = a.facesAt(i).get(0).face().landmarks();
            float[] q = a.facesAt(i + 1).get(0).face().landmarks();
            for (int k = 0; k < 10; k++) {
                double d2 = p[k] - 2 * c[k] + q[k];
                sum += d2 * d2;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void followsTheDocumentedPeopleThroughCutsAndSteadiesTheLandmarks() throws Exception {
        TrackAnalysis raw;
        TrackAnalysis smooth;
        try (ClipSampler s = new ClipSampler()) {
            raw = TrackAnalysis.analyse(s, 0, 149, TrackerSettings.defaults().withSmoothing(0), 25);
            assertEquals(150, s.detected.size());
        }
        try (ClipSampler s = new ClipSampler()) {
            smooth = TrackAnalysis.analyse(s, 0, 149, TrackerSettings.defaults(), 25);
        }
        assertDocumentedTracks(raw);
        assertDocumentedTracks(smooth);
        // Shots 2 and 3 are steady pans: their landmark paths should be near-straight lines; detector noise
        // shows up as second differences, which smoothing must cut.
        double[][] shots = {{50, 100}, {100, 150}};
        for (double[] shot : shots) {
            double before = shake(raw, (int) shot[0], (int) shot[1]);
            double after = shake(smooth, (int) shot[0], (int) shot[1]);
            System.out.printf("frames %d-%d: landmark shake (RMS 2nd difference) raw %.3f px, smoothed %.3f px%n",
                    (int) shot[0], (int) shot[1] - 1, before, after);
            assertTrue(after < 0.5 * before, "smoothing should at least halve the shake: " + after + " vs " + before);
        }
    }

    @Test
    void detectingEverySeventhFrameStillCoversEveryFrame() throws Exception {
        TrackAnalysis a;
        List<Long> detected;
        try (ClipSampler s = new ClipSampler()) {
            a = TrackAnalysis.analyse(s, 0, 149, TrackerSettings.defaults().withDetectEvery(7), 25);
            detected = s.detected;
        }
        assertDocumentedTracks(a);
        // Every 7th frame, restarting at each documented cut (50 and 100 are not multiples of 7).
        List<Long> expected = new ArrayList<>();
        for (long f = 0; f < 150; ) {
            expected.add(f);
            long next = f + 7;
            for (long cut : new long[] {50, 100}) {
                if (cut > f && cut < next) {
                    next = cut;
                }
            }
            f = next;
        }
        assertEquals(expected, detected);
        assertNotEquals(a.facesAt(49).get(0).trackId(), a.facesAt(50).get(0).trackId());
    }
}
