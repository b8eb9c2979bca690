package org.manyfaces.pipeline.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/**
 * Joins each frame's detections to the tracks alive so far (raw positions, no smoothing): greedy
 * matching by predicted-box IoU plus embedding similarity, new tracks for unmatched detections, and
 * the end of tracks that stay unmatched longer than the gap limit. Shared by the streaming
 * {@link FaceTracker} and the offline {@link TrackAnalysis}.
 */
final class TrackAssociator {

    /** Raw state of one track. */
    static final class Track {
        final int id;
        Face last;
        long lastFrame;
        Face previous;
        long previousFrame;
        float[] embedding;

        Track(int id, Detection d, long frame) {
            this.id = id;
            this.last = d.face();
            this.lastFrame = frame;
            this.embedding = d.embeddingView();
        }

        void observe(Detection d, long frame) {
            previous = last;
            previousFrame = lastFrame;
            last = d.face();
            lastFrame = frame;
            if (d.embeddingView() != null) {
                embedding = d.embeddingView();
            }
        }

        /** Box moved on by the velocity of the last two observations (constant-velocity guess). */
        Box predictedBox(long frame) {
            Box b = last.box();
            if (previous == null || frame <= lastFrame) {
                return b;
            }
            Box p = previous.box();
            double steps = (double) (frame - lastFrame) / (lastFrame - previousFrame);
            double cx = b.centerX() + (b.centerX() - p.centerX()) * steps;
            double cy = b.centerY() + (b.centerY() - p.centerY()) * steps;
            double w = Math.max(1, b.width() + (b.width() - p.width()) * steps);
            double h = Math.max(1, b.height() + (b.height() - p.height()) * steps);
            return new Box((float) (cx - w / 2), (float) (cy - h / 2), (float) w, (float) h);
        }
    }

    /** A detection joined to a track on one frame; {@code started} when the detection opened the track. */
    record Match(Track track, Detection detection, boolean started) {
    }

    private final TrackerSettings settings;
    private final List<Track> active = new ArrayList<>();
    private int nextId = 1;

    TrackAssociator(TrackerSettings settings) {
        this.settings = settings;
    }

    List<Track> active() {
        return active;
    }

    /**
     * Matches {@code detections} (found on {@code frame}) to the live tracks. Tracks left unmatched stay
     * alive while within the gap limit; the others end.
     *
     * @return the matches, in detection order
     */
    List<Match> associate(long frame, List<Detection> detections) {
        record Pair(int track, int detection, double score) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < active.size(); t++) {
            Track tr = active.get(t);
            Box predicted = tr.predictedBox(frame);
            for (int d = 0; d < detections.size(); d++) {
                Detection det = detections.get(d);
                double iou = predicted.iou(det.face().box());
                double sim = Detection.similarity(tr.embedding, det.embeddingView());
                boolean sameIdentity = !Double.isNaN(sim) && sim >= settings.minEmbeddingSimilarity();
                boolean otherIdentity = !Double.isNaN(sim) && sim < settings.minEmbeddingSimilarity();
                boolean valid = !otherIdentity && (iou >= settings.minIou() || (sameIdentity && iou > 0));
                if (valid) {
                    pairs.add(new Pair(t, d, iou + (Double.isNaN(sim) ? 0 : sim)));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed());
        boolean[] trackTaken = new boolean[active.size()];
        Match[] byDetection = new Match[detections.size()];
        for (Pair p : pairs) {
            if (!trackTaken[p.track] && byDetection[p.detection] == null) {
                trackTaken[p.track] = true;
                Track tr = active.get(p.track);
                tr.observe(detections.get(p.detection), frame);
                byDetection[p.detection] = new Match(tr, detections.get(p.detection), false);
            }
        }
        List<Track> survivors = new ArrayList<>();
        for (int t = 0; t < active.size(); t++) {
            Track tr = active.get(t);
            if (trackTaken[t] || frame - tr.lastFrame <= settings.gapLimit()) {
                survivors.add(tr);
            }
        }
        active.clear();
        active.addAll(survivors);
        List<Match> matches = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            if (byDetection[d] == null) {
                Track tr = new Track(nextId++, detections.get(d), frame);
                active.add(tr);
                byDetection[d] = new Match(tr, detections.get(d), true);
            }
            matches.add(byDetection[d]);
        }
        return matches;
    }

    /** Ends every track (a shot cut). */
    void endAll() {
        active.clear();
    }
}
