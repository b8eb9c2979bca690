package org.manyfaces.effect.common;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.chain.FaceFinder;

/**
 * The effect's analysis pass over a synthetic clip whose detector is known exactly: a face moving 3 px per
 * frame to the right, reported with a deterministic ±2 px jitter. Frames carry their number in their
 * pixels, so the fake detector answers for the frame it is really given.
 */
class FaceTrackPassTest {
    static final int SIZE = 8;
    static final PixelRect WINDOW = new PixelRect(0, 0, SIZE, SIZE);

    /** A clip of small frames; frame f is a flat grey that encodes f (too little change to count as a cut). */
    static final class FakeClip implements SourceClip {
        final int frames;
        final Map<Long, Float> override = new HashMap<>();
        int fetches;
        int open;

        FakeClip(int frames) {
            this.frames = frames;
        }

        ImageView image(long f) {
            ImageView v = ImageView.allocate(SIZE, SIZE, PixelFormat.RGBA_F32);
            float value = override.getOrDefault(f, 0.3f + f * 0.0005f);
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    for (int c = 0; c < 4; c++) {
                        v.set(x, y, c, value);
                    }
                }
            }
            return v;
        }

        @Override
        public Optional<Frame> frame(double time) {
            long f = Math.round(time);
            if (f < 0 || f >= frames) {
                return Optional.empty();
            }
            fetches++;
            open++;
            ImageView v = image(f);
            return Optional.of(new Frame() {
                @Override
                public PixelRect bounds() {
                    return WINDOW;
                }

                @Override
                public ImageView view() {
                    return v;
                }

                @Override
                public void close() {
                    open--;
                }
            });
        }

        @Override
        public double[] frameRange() {
            return new double[] {0, frames - 1};
        }

        @Override
        public double frameRate() {
            return 25;
        }
    }

    /** The true (jitter-free) x of landmark 0 on frame f. */
    static double trueX(long f) {
        return 100 + 3.0 * f;
    }

    static double jitter(long f) {
        return new Random(f * 7919).nextBoolean() ? 2 : -2;
    }

    /** Recovers the frame number from the pixels, then reports the jittered face. */
    static final class JitteryDetector implements FaceFinder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<Face> detect(ImageView frame, float threshold) {
            calls.incrementAndGet();
            long f = Math.round((frame.get(0, 0, 0) - 0.3f) / 0.0005f);
            float x = (float) (trueX(f) + jitter(f));
            float[] lm = {x, 100, x + 40, 100, x + 20, 120, x + 5, 140, x + 35, 140};
            return List.of(new Face(new Box(x - 20, 70, 80, 100), 0.9f, lm));
        }
    }

    static RenderRequest request(FakeClip clip, long f) {
        ImageView src = clip.image(f);
        return new RenderRequest(f, 1, 1, WINDOW, src, ImageView.allocate(SIZE, SIZE, PixelFormat.RGBA_F32));
    }

    static final FaceTrackPass.DetectorIdentity ID = new FaceTrackPass.DetectorIdentity("model", "cpu", 0.5f, 1, 1);

    static Map<Long, Face> run(FaceTrackPass pass, FakeClip clip, FaceFinder det, List<Long> order, double strength,
                               int every) throws Exception {
        Map<Long, Face> out = new HashMap<>();
        for (long f : order) {
            List<Face> faces = pass.facesAt(request(clip, f), det, ID, t -> strength, every);
            assertEquals(1, faces.size(), "frame " + f);
            out.put(f, faces.get(0));
        }
        return out;
    }

    static List<Long> frames(int n) {
        List<Long> l = new ArrayList<>();
        for (long f = 0; f < n; f++) {
            l.add(f);
        }
        return l;
    }

    /** Detections are shared process-wide: each test counts from an empty memory. */
    @BeforeEach
    void forgetDetections() {
        FaceTrackPass.forgetSharedDetections();
    }

    /**
     * A host that makes a new instance for every frame: each frame's fresh pass analyses the frame's whole
     * block again, but the detections of frames already seen (by earlier instances) are reused, so the clip
     * is still detected once per frame, with the faces of a single long-lived instance.
     */
    @Test
    void anInstancePerFrameStillDetectsEachFrameOnce() throws Exception {
        int n = FaceTrackPass.BLOCK;
        FakeClip clip = new FakeClip(n);
        JitteryDetector det = new JitteryDetector();
        Map<Long, Face> perFrame = new HashMap<>();
        for (long f = 0; f < n; f++) {
            perFrame.putAll(run(new FaceTrackPass(clip), clip, det, List.of(f), 0.6, 1));
        }
        assertEquals(n, det.calls.get(), "each frame detected once over all the instances");
        FaceTrackPass.forgetSharedDetections();
        assertEquals(run(new FaceTrackPass(clip), clip, new JitteryDetector(), frames(n), 0.6, 1), perFrame);
    }

    /**
     * Two render threads (the CLI's frame workers, a host's render threads), each with its own instance, render
     * neighbouring frames of one block at the same moment: their analyses walk the same frames in step, and a
     * frame one of them is detecting is waited for by the other instead of detected twice.
     */
    @Test
    void twoThreadsAnalysingOneBlockDetectEachFrameOnce() throws Exception {
        int n = FaceTrackPass.BLOCK;
        FakeClip clip = new FakeClip(n);
        JitteryDetector counting = new JitteryDetector();
        FaceFinder slow = (frame, threshold) -> {
            try {
                Thread.sleep(2); // long enough for the two analyses to meet on the same frames
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return counting.detect(frame, threshold);
        };
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Map<Long, Face>>> results = new ArrayList<>();
            for (long f : new long[] {0, 1}) {
                results.add(pool.submit(() -> {
                    start.await();
                    return run(new FaceTrackPass(clip), clip, slow, List.of(f), 0.6, 1);
                }));
            }
            Map<Long, Face> both = new HashMap<>();
            for (java.util.concurrent.Future<Map<Long, Face>> r : results) {
                both.putAll(r.get());
            }
            assertEquals(n, counting.calls.get(), "each frame of the block detected once over both threads");
            FaceTrackPass.forgetSharedDetections();
            assertEquals(run(new FaceTrackPass(clip), clip, new JitteryDetector(), List.of(0L, 1L), 0.6, 1), both,
                    "the faces of one thread alone");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void facesDoNotDependOnRenderOrderAcrossBlocks() throws Exception {
        int n = 2 * FaceTrackPass.BLOCK + 17;
        FakeClip clip = new FakeClip(n);
        List<Long> order = frames(n);
        Map<Long, Face> forward = run(new FaceTrackPass(clip), clip, new JitteryDetector(), order, 0.7, 2);
        List<Long> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, new Random(3));
        Map<Long, Face> mixed = run(new FaceTrackPass(clip), clip, new JitteryDetector(), shuffled, 0.7, 2);
        assertEquals(forward, mixed);
        assertEquals(0, clip.open, "every fetched frame was released");
    }

    @Test
    void smoothingReducesFrameToFrameJitter() throws Exception {
        int n = 40;
        FakeClip clip = new FakeClip(n);
        Map<Long, Face> raw = run(new FaceTrackPass(clip), clip, new JitteryDetector(), frames(n), 0, 1);
        Map<Long, Face> smooth = run(new FaceTrackPass(clip), clip, new JitteryDetector(), frames(n), 0.8, 1);
        // With strength 0 the faces are the detections themselves.
        for (long f = 0; f < n; f++) {
            assertEquals(trueX(f) + jitter(f), raw.get(f).landmarkX(0), 1e-3, "raw frame " + f);
        }
        double rawJitter = secondDifference(raw, n);
        double smoothJitter = secondDifference(smooth, n);
        assertTrue(smoothJitter < rawJitter / 3, "jitter " + rawJitter + " -> " + smoothJitter);
        // ... while following the motion: the error to the true path is below the raw jitter amplitude.
        double error = 0;
        for (long f = 5; f < n - 5; f++) {
            error += Math.abs(smooth.get(f).landmarkX(0) - trueX(f));
        }
        assertTrue(error / (n - 10) < 1.5, "mean error to the true path " + error / (n - 10));
    }

    /** Mean |x(f+1) - 2x(f) + x(f-1)| of landmark 0: zero for steady motion, large for jitter. */
    static double secondDifference(Map<Long, Face> faces, int n) {
        double sum = 0;
        for (long f = 1; f < n - 1; f++) {
            sum += Math.abs(faces.get(f + 1).landmarkX(0) - 2 * faces.get(f).landmarkX(0) + faces.get(f - 1).landmarkX(0));
        }
        return sum / (n - 2);
    }

    @Test
    void aBlockIsAnalysedOnceAndAgainWhenItsSourceChanges() throws Exception {
        FakeClip clip = new FakeClip(30);
        JitteryDetector det = new JitteryDetector();
        FaceTrackPass pass = new FaceTrackPass(clip);
        run(pass, clip, det, frames(30), 0.5, 1);
        assertEquals(30, det.calls.get(), "one detection per frame for the whole block, whatever is rendered");
        run(pass, clip, det, List.of(4L, 9L), 0.5, 1);
        assertEquals(30, det.calls.get(), "cached");
        // The upstream clip changed frame 9: its render sees other pixels, so the block is analysed again.
        clip.override.put(9L, 0.3f + 9 * 0.0005f + 0.0001f);
        pass.facesAt(request(clip, 9), det, ID, t -> 0.5, 1);
        assertEquals(60, det.calls.get());
        // Another threshold is another analysis.
        pass.facesAt(request(clip, 9), det, new FaceTrackPass.DetectorIdentity("model", "cpu", 0.6f, 1, 1), t -> 0.5, 1);
        assertEquals(90, det.calls.get());
    }

    @Test
    void overlappingBlockMarginsAreNotDetectedTwice() throws Exception {
        // Two blocks: block 0 analyses frames 0..59 (its 48 frames + the margin), block 1 frames 36..95.
        // The 24 frames both need are detected once: 96 detections for 96 frames, in any order, and the
        // faces are those of passes that share nothing (one fresh pass per frame, the shared memory emptied).
        int n = 2 * FaceTrackPass.BLOCK;
        FakeClip clip = new FakeClip(n);
        JitteryDetector det = new JitteryDetector();
        List<Long> order = frames(n);
        Collections.shuffle(order, new Random(11));
        Map<Long, Face> shared = run(new FaceTrackPass(clip), clip, det, order, 0.6, 1);
        assertEquals(n, det.calls.get(), "each frame detected once");
        for (long f = 0; f < n; f += 7) {
            FaceTrackPass.forgetSharedDetections();
            Map<Long, Face> alone = run(new FaceTrackPass(clip), clip, new JitteryDetector(), List.of(f), 0.6, 1);
            assertEquals(alone.get(f), shared.get(f), "frame " + f);
        }
    }

    @Test
    void facesMoveIntoTheCoordinatesOfTheRenderWindow() {
        var tracked = List.of(new org.manyfaces.pipeline.track.TrackedFace(1,
                new Face(new Box(10, 20, 30, 40), 0.9f, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), true, 0, null));
        // Image bounds x 0..100, y 0..50; window x 20..60, y 10..40: 20 px in from the left, 10 px down from the top.
        List<Face> f = FaceTrackPass.toView(tracked, new PixelRect(0, 0, 100, 50), new PixelRect(20, 10, 60, 40));
        assertEquals(new Box(-10, 10, 30, 40), f.get(0).box());
        assertEquals(-19, f.get(0).landmarkX(0), 0);
        assertEquals(-8, f.get(0).landmarkY(0), 0);
    }

    @Test
    void blocksAreFixedByTheFrameNumber() {
        assertEquals(List.of(0L, 47L), List.of(FaceTrackPass.block(0, 0)[0], FaceTrackPass.block(47, 0)[1]));
        assertEquals(48, FaceTrackPass.block(48, 0)[0]);
        assertEquals(-48 + 10, FaceTrackPass.block(-1, 10)[0]);
    }
}
