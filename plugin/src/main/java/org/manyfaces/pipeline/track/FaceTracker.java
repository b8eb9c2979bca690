package org.manyfaces.pipeline.track;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.manyfaces.pipeline.Face;

/**
 * Follows faces through frames delivered <b>in order</b> (the CLI's single pass): stable track ids,
 * missed detections bridged, tracks ended at shot cuts, detection every N frames, and 1€ smoothing of
 * every coordinate, forward in time (so some lag on fast motion).
 *
 * <p>Where frames can be revisited — an OFX host rendering out of order, or a CLI that can afford a
 * detection pre-pass — use {@link TrackAnalysis} instead: it sees the whole range, interpolates
 * over gaps and smooths without lag.
 *
 * <p>Per frame: {@link #step} does everything from a signature and a detector; or call
 * {@link #isCut}/{@link #cut()}, {@link #needsDetection}, then {@link #update} or {@link #carry}. Not thread-safe.
 */
public final class FaceTracker {
    /** Fraction of its last speed a carried face keeps each further frame: a gap coasts to a stop. */
    private static final double COAST_DECAY = 0.7;

    private final TrackerSettings settings;
    private final double frameRate;
    private final TrackAssociator associator;
    private final Map<Integer, Smoothed> smoothed = new HashMap<>();
    private FrameSignature lastSignature;
    private long lastDetectionFrame = Long.MIN_VALUE;
    private boolean detectNext = true;

    /** Smoother state and last output of one track. */
    private static final class Smoothed {
        final FaceSmoother smoother;
        double[] output;
        long frame;

        Smoothed(FaceSmoother smoother) {
            this.smoother = smoother;
        }
    }

    /** Something that finds faces in a frame. */
    @FunctionalInterface
    public interface Detector {
        List<Detection> detect(long frame) throws Exception;
    }

    public FaceTracker(TrackerSettings settings, double frameRate) {
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.settings = settings;
        this.frameRate = frameRate;
        this.associator = new TrackAssociator(settings);
    }

    /**
     * One frame end to end: checks for a cut against the previous frame's signature (null skips the check),
     * runs {@code detector} when due, and returns the faces to use on this frame.
     */
    public List<TrackedFace> step(long frame, FrameSignature signature, Detector detector) throws Exception {
        if (signature != null) {
            if (isCut(signature)) {
                cut();
            }
            lastSignature = signature;
        }
        return needsDetection(frame) ? update(frame, detector.detect(frame)) : carry(frame);
    }

    /** True when {@code signature} differs from the previous frame's by more than the cut threshold. */
    public boolean isCut(FrameSignature signature) {
        return lastSignature != null && signature.difference(lastSignature) > settings.cutThreshold();
    }

    /** A shot cut before the next frame: every track ends, and the next frame is a detection frame. */
    public void cut() {
        associator.endAll();
        smoothed.clear();
        detectNext = true;
    }

    /** Whether the detector should run on {@code frame} (every N-th frame, and right after a cut). */
    public boolean needsDetection(long frame) {
        return detectNext || frame - lastDetectionFrame >= settings.detectEvery();
    }

    /** Feeds the detections found on {@code frame}; returns the smoothed faces for it. */
    public List<TrackedFace> update(long frame, List<Detection> detections) {
        detectNext = false;
        lastDetectionFrame = frame;
        OneEuroFilter.Settings filter = OneEuroFilter.Settings.fromStrength(settings.smoothing().at(frame));
        List<TrackedFace> out = new ArrayList<>();
        for (TrackAssociator.Match m : associator.associate(frame, detections)) {
            Smoothed s = smoothed.computeIfAbsent(m.track().id,
                    id -> new Smoothed(new FaceSmoother(FaceVector.scale(m.detection().face()))));
            double dt = s.output == null ? 0 : (frame - s.frame) / frameRate;
            s.output = s.smoother.smooth(FaceVector.of(m.detection().face()), dt, filter);
            s.frame = frame;
            out.add(new TrackedFace(m.track().id, FaceVector.toFace(s.output, m.detection().face().score()), true, 0,
                    m.track().embedding));
        }
        smoothed.keySet().retainAll(associator.active().stream().map(t -> t.id).toList());
        for (TrackAssociator.Track t : associator.active()) {
            if (t.lastFrame != frame) {
                out.add(carried(t, frame));
            }
        }
        out.sort(Comparator.comparingInt(TrackedFace::trackId));
        return out;
    }

    /** A frame without detection: every live track is carried (coasting on its last motion). */
    public List<TrackedFace> carry(long frame) {
        List<TrackedFace> out = new ArrayList<>();
        for (TrackAssociator.Track t : associator.active()) {
            out.add(carried(t, frame));
        }
        out.sort(Comparator.comparingInt(TrackedFace::trackId));
        return out;
    }

    private TrackedFace carried(TrackAssociator.Track t, long frame) {
        Smoothed s = smoothed.get(t.id);
        double[] v = s.output.clone();
        long k = frame - t.lastFrame;
        if (t.previous != null && k > 0) {
            // Coast: last observed per-frame motion, decaying, applied to the whole face rigidly.
            double frames = t.lastFrame - t.previousFrame;
            double vx = (t.last.box().centerX() - t.previous.box().centerX()) / frames;
            double vy = (t.last.box().centerY() - t.previous.box().centerY()) / frames;
            double travel = COAST_DECAY * (1 - Math.pow(COAST_DECAY, k)) / (1 - COAST_DECAY);
            for (int i = 0; i < FaceVector.SIZE; i++) {
                if (i < 10) {
                    v[i] += (i % 2 == 0 ? vx : vy) * travel;
                } else if (i == 10) {
                    v[i] += vx * travel;
                } else if (i == 11) {
                    v[i] += vy * travel;
                }
            }
        }
        Face f = FaceVector.toFace(v, t.last.score());
        return new TrackedFace(t.id, f, false, (int) Math.min(Integer.MAX_VALUE, k), t.embedding);
    }
}
