package org.manyfaces.pipeline.track;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tracked, smoothed faces of every frame of a range, computed once in frame order so that the answer
 * for a frame does not depend on which frames were asked for before, in what order, or from which
 * thread — what an OFX host that renders out of order on several threads needs.
 *
 * <p>The analysis pass, frame by frame: shot-cut check (signature difference), detection on every
 * {@code detectEvery}-th frame and on the first frame of each shot, association into tracks
 * ({@link TrackAssociator}). Then per track, knowing its whole life:
 * <ul>
 *   <li>frames between two observations (missed detections, skipped frames) are <b>interpolated</b>
 *       linearly, so a gap neither flashes the face off nor freezes it;</li>
 *   <li>after the last observation the face is held until the next detection frame that did not find it
 *       (the detector did not look in between), the next cut, or the end of the range;</li>
 *   <li>every coordinate is smoothed by a 1€ filter run forwards and then backwards over the result, which
 *       cancels the filter's lag (zero phase) — possible because the whole track is known.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe once built. Share instances through {@link TrackAnalysisCache}.
 */
public final class TrackAnalysis {
    private static final long NOT_CUT = Long.MIN_VALUE;
    private final long firstFrame;
    private final long lastFrame;
    private final List<List<TrackedFace>> faces;
    private final List<Long> cuts;
    private final int trackCount;
    private final int detectionRuns;

    private TrackAnalysis(long firstFrame, long lastFrame, List<List<TrackedFace>> faces, List<Long> cuts,
                          int trackCount, int detectionRuns) {
        this.firstFrame = firstFrame;
        this.lastFrame = lastFrame;
        this.faces = faces;
        this.cuts = List.copyOf(cuts);
        this.trackCount = trackCount;
        this.detectionRuns = detectionRuns;
    }

    /** Everything known about one track after the pass. */
    private static final class TrackRecord {
        final int id;
        final TreeMap<Long, Detection> observations = new TreeMap<>();
        /** Last frame of the shot the track lives in, or {@link #NOT_CUT} when no cut ended it. */
        long segmentEnd = NOT_CUT;

        TrackRecord(int id) {
            this.id = id;
        }
    }

    /**
     * Runs the analysis pass over frames {@code first..last} (inclusive), asking {@code sampler} in
     * increasing frame order.
     *
     * @param frameRate frames per second of the input (the 1€ filter works in seconds)
     * @throws Exception whatever the sampler throws (nothing is cached then)
     */
    public static TrackAnalysis analyse(FrameSampler sampler, long first, long last, TrackerSettings settings,
                                        double frameRate) throws Exception {
        if (last < first) {
            throw new IllegalArgumentException("empty frame range " + first + ".." + last);
        }
        if (last - first >= Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("frame range " + first + ".." + last + " is too long");
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        TrackAssociator associator = new TrackAssociator(settings);
        Map<Integer, TrackRecord> records = new TreeMap<>();
        List<Long> cuts = new ArrayList<>();
        NavigableSet<Long> detectionFrames = new TreeSet<>();
        FrameSignature previous = null;
        long lastDetection = Long.MIN_VALUE;
        boolean detectNow = true;
        for (long f = first; f <= last; f++) {
            FrameSignature sig = sampler.signature(f);
            if (sig != null && previous != null && sig.difference(previous) > settings.cutThreshold()) {
                for (TrackAssociator.Track t : associator.active()) {
                    records.get(t.id).segmentEnd = f - 1;
                }
                associator.endAll();
                cuts.add(f);
                detectNow = true;
            }
            if (sig != null) {
                previous = sig;
            }
            if (detectNow || f - lastDetection >= settings.detectEvery()) {
                List<Detection> found = sampler.detect(f);
                detectionFrames.add(f);
                lastDetection = f;
                detectNow = false;
                for (TrackAssociator.Match m : associator.associate(f, found == null ? List.of() : found)) {
                    records.computeIfAbsent(m.track().id, TrackRecord::new).observations.put(f, m.detection());
                }
            }
        }
        List<List<TrackedFace>> perFrame = new ArrayList<>();
        for (long f = first; f <= last; f++) {
            perFrame.add(new ArrayList<>());
        }
        for (TrackRecord r : records.values()) {
            long end = r.segmentEnd == NOT_CUT ? last : r.segmentEnd;
            // Hold after the last observation only until a detection run that looked and did not find it.
            Long nextLook = detectionFrames.higher(r.observations.lastKey());
            if (nextLook != null && nextLook - 1 < end) {
                end = nextLook - 1;
            }
            emit(r, end, settings, frameRate, first, perFrame);
        }
        List<List<TrackedFace>> frozen = new ArrayList<>(perFrame.size());
        for (List<TrackedFace> l : perFrame) {
            l.sort(Comparator.comparingInt(TrackedFace::trackId));
            frozen.add(Collections.unmodifiableList(l));
        }
        return new TrackAnalysis(first, last, Collections.unmodifiableList(frozen), cuts, records.size(),
                detectionFrames.size());
    }

    /** Fills gaps, holds the tail, smooths forwards then backwards, and files the faces by frame. */
    private static void emit(TrackRecord r, long end, TrackerSettings settings, double frameRate, long rangeFirst,
                             List<List<TrackedFace>> perFrame) {
        long start = r.observations.firstKey();
        end = Math.max(end, r.observations.lastKey());
        int n = (int) (end - start + 1);
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            long f = start + i;
            Map.Entry<Long, Detection> before = r.observations.floorEntry(f);
            Map.Entry<Long, Detection> after = r.observations.ceilingEntry(f);
            double[] a = FaceVector.of(before.getValue().face());
            Map.Entry<Long, Detection> earlier = r.observations.lowerEntry(before.getKey());
            if (after == null && earlier != null) {
                // Tail after the last observation (at most detectEvery − 1 frames): continue its motion.
                double t = (double) (f - earlier.getKey()) / (before.getKey() - earlier.getKey());
                raw[i] = FaceVector.lerp(FaceVector.of(earlier.getValue().face()), a, t);
            } else if (after == null || after.getKey().longValue() == before.getKey().longValue()) {
                raw[i] = a;
            } else {
                double t = (double) (f - before.getKey()) / (after.getKey() - before.getKey());
                raw[i] = FaceVector.lerp(a, FaceVector.of(after.getValue().face()), t);
            }
        }
        double[][] out = zeroPhaseSmooth(raw, start, settings.smoothing(), frameRate,
                FaceVector.scale(r.observations.firstEntry().getValue().face()));
        for (int i = 0; i < n; i++) {
            long f = start + i;
            Map.Entry<Long, Detection> seen = r.observations.floorEntry(f);
            Detection d = seen.getValue();
            float[] embedding = null;
            for (Map.Entry<Long, Detection> e = seen; e != null && embedding == null; e = r.observations.lowerEntry(e.getKey())) {
                embedding = e.getValue().embeddingView();
            }
            boolean observed = seen.getKey() == f;
            perFrame.get((int) (f - rangeFirst)).add(new TrackedFace(r.id, FaceVector.toFace(out[i], d.face().score()),
                    observed, (int) (f - seen.getKey()), embedding));
        }
    }

    /**
     * 1€ forwards, then 1€ backwards over the forward result: the backward pass's lead cancels the
     * forward pass's lag. Both ends are first extended by point reflection (2·end − mirrored sample), which
     * continues a linear motion, so the track's first and last frames get no lag either.
     */
    static double[][] zeroPhaseSmooth(double[][] raw, long startFrame, SmoothingCurve strength, double frameRate,
                                      double scale) {
        int n = raw.length;
        int pad = (int) Math.min(n - 1, Math.round(frameRate));
        int m = n + 2 * pad;
        double[][] ext = new double[m][];
        for (int i = 0; i < m; i++) {
            int k = i - pad;
            if (k < 0) {
                ext[i] = reflect(raw[0], raw[-k]);
            } else if (k >= n) {
                ext[i] = reflect(raw[n - 1], raw[2 * (n - 1) - k]);
            } else {
                ext[i] = raw[k];
            }
        }
        double dt = 1.0 / frameRate;
        double[][] forward = new double[m][];
        FaceSmoother fwd = new FaceSmoother(scale);
        for (int i = 0; i < m; i++) {
            forward[i] = fwd.smooth(ext[i], i == 0 ? 0 : dt, settingsAt(strength, startFrame, i - pad, n));
        }
        double[][] backward = new double[m][];
        FaceSmoother bwd = new FaceSmoother(scale);
        for (int i = m - 1; i >= 0; i--) {
            backward[i] = bwd.smooth(forward[i], i == m - 1 ? 0 : dt, settingsAt(strength, startFrame, i - pad, n));
        }
        double[][] out = new double[n][];
        System.arraycopy(backward, pad, out, 0, n);
        return out;
    }

    private static OneEuroFilter.Settings settingsAt(SmoothingCurve strength, long startFrame, int k, int n) {
        int clamped = Math.max(0, Math.min(n - 1, k));
        return OneEuroFilter.Settings.fromStrength(strength.at(startFrame + clamped));
    }

    private static double[] reflect(double[] pivot, double[] sample) {
        double[] v = new double[pivot.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 2 * pivot[i] - sample[i];
        }
        return v;
    }

    /**
     * The faces on {@code frame}, sorted by track id (unmodifiable; the same list on every call).
     *
     * @throws IllegalArgumentException when the frame lies outside the analysed range
     */
    public List<TrackedFace> facesAt(long frame) {
        if (frame < firstFrame || frame > lastFrame) {
            throw new IllegalArgumentException("frame " + frame + " is outside the analysed range " + firstFrame + ".."
                    + lastFrame);
        }
        return faces.get((int) (frame - firstFrame));
    }

    public long firstFrame() {
        return firstFrame;
    }

    public long lastFrame() {
        return lastFrame;
    }

    /** Frames on which a new shot starts (tracks were ended just before them). */
    public List<Long> cuts() {
        return cuts;
    }

    /** Tracks started over the range. */
    public int trackCount() {
        return trackCount;
    }

    /** Frames on which the detector ran. */
    public int detectionRuns() {
        return detectionRuns;
    }
}
