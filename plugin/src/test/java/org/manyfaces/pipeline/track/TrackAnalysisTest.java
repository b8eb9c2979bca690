package org.manyfaces.pipeline.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.Face;

class TrackAnalysisTest {
    private static final double FPS = 25;
    private static final int FRAMES = 200;
    private static final double SIZE = 100;

    /** The true path: a 60 px/s pan with a gentle sway and bob (a presenter walking and talking). */
    private static Face truth(long i) {
        double cx = 200 + 2.4 * i + 10 * Math.sin(2 * Math.PI * i / 50.0);
        double cy = 180 + 8 * Math.sin(2 * Math.PI * i / 75.0);
        return SyntheticFaces.face(cx, cy, SIZE);
    }

    private static List<Face> jitteredDetections(long seed, double sigma) {
        Random rnd = new Random(seed);
        List<Face> d = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            d.add(SyntheticFaces.jittered(truth(i), rnd, sigma));
        }
        return d;
    }

    private static TrackAnalysis analyse(List<Face> detections, TrackerSettings settings) throws Exception {
        SyntheticFaces.Sampler s = new SyntheticFaces.Sampler(
                f -> detections.get((int) f) == null ? List.of() : List.of(new Detection(detections.get((int) f))), null);
        return TrackAnalysis.analyse(s, 0, detections.size() - 1, settings, FPS);
    }

    @Test
    void smoothingHalvesLandmarkJitterAndNoFrameLosesTheFace() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<Face> detections = jitteredDetections(seed, 2.0);
            List<Face> truths = new ArrayList<>();
            List<Face> smoothed = new ArrayList<>();
            TrackAnalysis a = analyse(detections, TrackerSettings.defaults());
            Set<Integer> ids = new HashSet<>();
            for (int i = 0; i < FRAMES; i++) {
                List<TrackedFace> faces = a.facesAt(i);
                assertEquals(1, faces.size(), "frame " + i + " (seed " + seed + ")");
                assertTrue(faces.get(0).observed());
                ids.add(faces.get(0).trackId());
                smoothed.add(faces.get(0).face());
                truths.add(truth(i));
            }
            assertEquals(1, ids.size(), "one person, one track id");
            double raw = SyntheticFaces.rmsLandmarkError(detections, truths);
            double after = SyntheticFaces.rmsLandmarkError(smoothed, truths);
            System.out.printf("seed %d: RMS landmark error raw %.3f px, smoothed (strength 0.5) %.3f px, ratio %.2f%n",
                    seed, raw, after, after / raw);
            assertTrue(after <= 0.5 * raw, "seed " + seed + ": " + after + " vs raw " + raw);
        }
    }

    @Test
    void strengthZeroReturnsTheDetectionsUnchanged() throws Exception {
        List<Face> detections = jitteredDetections(7, 2.0);
        TrackAnalysis a = analyse(detections, TrackerSettings.defaults().withSmoothing(0));
        for (int i = 0; i < FRAMES; i++) {
            Face got = a.facesAt(i).get(0).face();
            for (int k = 0; k < 10; k++) {
                assertEquals(detections.get(i).landmarks()[k], got.landmarks()[k], 1e-3, "frame " + i);
            }
            assertEquals(detections.get(i).box().x(), got.box().x(), 1e-3);
            assertEquals(detections.get(i).box().width(), got.box().width(), 1e-3);
        }
    }

    @Test
    void keyframedStrengthAppliesPerFrame() throws Exception {
        List<Face> detections = jitteredDetections(9, 2.0);
        double[] strength = new double[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            strength[i] = i < 100 ? 0.0 : 1.0; // off for the first half, strongest for the second
        }
        TrackAnalysis a = analyse(detections, TrackerSettings.defaults().withSmoothing(SmoothingCurve.sampled(0, strength)));
        List<Face> secondRaw = new ArrayList<>();
        List<Face> secondOut = new ArrayList<>();
        List<Face> secondTruth = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            Face got = a.facesAt(i).get(0).face();
            if (i < 100) {
                for (int k = 0; k < 10; k++) {
                    assertEquals(detections.get(i).landmarks()[k], got.landmarks()[k], 1e-3, "frame " + i);
                }
            } else {
                secondRaw.add(detections.get(i));
                secondOut.add(got);
                secondTruth.add(truth(i));
            }
        }
        assertTrue(SyntheticFaces.rmsLandmarkError(secondOut, secondTruth)
                <= 0.5 * SyntheticFaces.rmsLandmarkError(secondRaw, secondTruth));
        assertEquals(SmoothingCurve.sampled(0, strength), SmoothingCurve.sampled(0, strength.clone()));
        assertNotEquals(SmoothingCurve.sampled(0, strength), SmoothingCurve.sampled(1, strength));
    }

    @Test
    void shortGapsAreBridgedWithoutFlashingOff() throws Exception {
        List<Face> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(i >= 40 && i <= 43 ? null : truth(i)); // 4 missed frames, limit is 5
        }
        TrackAnalysis a = analyse(detections, TrackerSettings.defaults().withSmoothing(0));
        int id = a.facesAt(0).get(0).trackId();
        for (int i = 0; i < 100; i++) {
            List<TrackedFace> faces = a.facesAt(i);
            assertEquals(1, faces.size(), "frame " + i);
            assertEquals(id, faces.get(0).trackId(), "frame " + i);
            boolean gap = i >= 40 && i <= 43;
            assertEquals(!gap, faces.get(0).observed(), "frame " + i);
            if (gap) {
                assertEquals(i - 39, faces.get(0).framesSinceObserved());
            }
            // Interpolated across the gap: within a pixel of the (slightly curved) true path.
            Face want = truth(i);
            Face got = faces.get(0).face();
            for (int k = 0; k < 10; k++) {
                assertEquals(want.landmarks()[k], got.landmarks()[k], 1.0, "frame " + i + " coordinate " + k);
            }
        }
        assertEquals(1, a.trackCount());
    }

    @Test
    void aLongGapEndsTheTrackAndTheReturningFaceGetsANewId() throws Exception {
        List<Face> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(i >= 40 && i < 50 ? null : truth(i)); // 10 missed frames > 5
        }
        TrackAnalysis a = analyse(detections, TrackerSettings.defaults());
        int before = a.facesAt(39).get(0).trackId();
        for (int i = 40; i < 50; i++) {
            assertEquals(List.of(), a.facesAt(i), "frame " + i + ": the detector looked and found nothing");
        }
        int after = a.facesAt(50).get(0).trackId();
        assertNotEquals(before, after);
        assertEquals(2, a.trackCount());
    }

    @Test
    void aCutStartsANewTrackAtOnceWithoutDraggingEitherWay() throws Exception {
        // The face moves 15 px at the cut: its boxes still overlap (IoU > 0.3), so only cut detection keeps
        // the old track from continuing into the new shot.
        List<Face> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(i < 50 ? SyntheticFaces.face(300, 200, SIZE) : SyntheticFaces.face(315, 200, SIZE));
        }
        assertTrue(detections.get(49).box().iou(detections.get(50).box()) > 0.3f);
        FrameSignature shotA = SyntheticFaces.flatSignature(0.2f);
        FrameSignature shotB = SyntheticFaces.flatSignature(0.7f);
        SyntheticFaces.Sampler s = new SyntheticFaces.Sampler(f -> List.of(new Detection(detections.get((int) f))),
                f -> f < 50 ? shotA : shotB);
        TrackAnalysis a = TrackAnalysis.analyse(s, 0, 99, TrackerSettings.defaults().withSmoothing(1.0), FPS);
        assertEquals(List.of(50L), a.cuts());
        assertEquals(2, a.trackCount());
        assertNotEquals(a.facesAt(49).get(0).trackId(), a.facesAt(50).get(0).trackId());
        // Strongest smoothing, yet each side of the cut sits exactly on its own shot's position.
        assertEquals(300.0, a.facesAt(49).get(0).face().box().centerX(), 1e-3);
        assertEquals(315.0, a.facesAt(50).get(0).face().box().centerX(), 1e-3);

        // Without cut detection the same input is one track that slides between the two positions.
        SyntheticFaces.Sampler blind = new SyntheticFaces.Sampler(f -> List.of(new Detection(detections.get((int) f))), null);
        TrackAnalysis dragged = TrackAnalysis.analyse(blind, 0, 99, TrackerSettings.defaults().withSmoothing(1.0), FPS);
        assertEquals(1, dragged.trackCount());
        assertTrue(dragged.facesAt(50).get(0).face().box().centerX() < 314, "the control should show dragging");
    }

    @Test
    void detectingEveryFifthFrameCarriesTheTrackBetween() throws Exception {
        List<Face> detections = new ArrayList<>();
        for (int i = 0; i < 102; i++) {
            detections.add(truth(i));
        }
        SyntheticFaces.Sampler s = new SyntheticFaces.Sampler(f -> List.of(new Detection(detections.get((int) f))), null);
        TrackAnalysis a = TrackAnalysis.analyse(s, 0, 101, TrackerSettings.defaults().withDetectEvery(5).withSmoothing(0), FPS);
        assertEquals(21, s.detectCalls.get()); // frames 0, 5, ..., 100
        assertEquals(21, a.detectionRuns());
        for (int i = 0; i <= 101; i++) {
            List<TrackedFace> faces = a.facesAt(i);
            assertEquals(1, faces.size(), "frame " + i);
            assertEquals(i % 5 == 0, faces.get(0).observed(), "frame " + i);
            // Interpolated between keyframes (held after the last one, at 101): near the true path.
            double tolerance = 1.5;
            assertEquals(truth(i).box().centerX(), faces.get(0).face().box().centerX(), tolerance, "frame " + i);
        }
    }

    @Test
    void embeddingsKeepCrossingPeopleOnTheirOwnTracks() throws Exception {
        float[] alice = {1, 0, 0, 0};
        float[] bob = {0, 1, 0, 0};
        // Two faces swap places over 60 frames; halfway their boxes nearly coincide.
        List<List<Detection>> frames = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double t = i / 59.0;
            Face a = SyntheticFaces.face(200 + 200 * t, 200, SIZE);
            Face b = SyntheticFaces.face(400 - 200 * t, 204, SIZE);
            // Detector output order flips halfway, as real detectors sort by position or score.
            frames.add(i < 30 ? List.of(new Detection(a, alice), new Detection(b, bob))
                    : List.of(new Detection(b, bob), new Detection(a, alice)));
        }
        SyntheticFaces.Sampler s = new SyntheticFaces.Sampler(f -> frames.get((int) f), null);
        TrackAnalysis an = TrackAnalysis.analyse(s, 0, 59, TrackerSettings.defaults(), FPS);
        assertEquals(2, an.trackCount());
        int aliceId = -1;
        for (int i = 0; i < 60; i++) {
            for (TrackedFace tf : an.facesAt(i)) {
                boolean isAlice = tf.embedding()[0] > 0.5f;
                double expectedX = isAlice ? 200 + 200 * (i / 59.0) : 400 - 200 * (i / 59.0);
                assertEquals(expectedX, tf.face().box().centerX(), 3.0, "frame " + i);
                if (isAlice) {
                    if (aliceId < 0) {
                        aliceId = tf.trackId();
                    }
                    assertEquals(aliceId, tf.trackId(), "frame " + i);
                }
            }
        }
    }

    @Test
    void outOfOrderAndConcurrentQueriesEqualInOrderOnes() throws Exception {
        List<Face> detections = jitteredDetections(11, 2.0);
        for (int i = 60; i < 63; i++) {
            detections.set(i, null);
        }
        TrackAnalysis reference = analyse(detections, TrackerSettings.defaults());
        List<List<TrackedFace>> inOrder = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            inOrder.add(reference.facesAt(i));
        }

        TrackAnalysisCache cache = new TrackAnalysisCache(4);
        SyntheticFaces.Sampler sampler = new SyntheticFaces.Sampler(
                f -> detections.get((int) f) == null ? List.of() : List.of(new Detection(detections.get((int) f))), null);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                jobs.add(() -> {
                    for (int k = offset; k < order.size(); k += 4) {
                        int frame = order.get(k);
                        TrackAnalysis a = cache.get("clip-1", 0, FRAMES - 1, TrackerSettings.defaults(), FPS, sampler);
                        if (!a.facesAt(frame).equals(inOrder.get(frame))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(jobs)) {
                assertTrue(f.get(), "a shuffled, concurrent query differed from the in-order answer");
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(FRAMES, sampler.signatureCalls.get(), "the range was analysed once, not per request");
        assertEquals(1, cache.size());

        // Other settings are another entry; the cache stays bounded.
        TrackAnalysis strong = cache.get("clip-1", 0, FRAMES - 1, TrackerSettings.defaults().withSmoothing(1.0), FPS,
                new SyntheticFaces.Sampler(f -> List.of(), null));
        assertEquals(0, strong.trackCount());
        for (int k = 0; k < 6; k++) {
            cache.get("clip-" + (k + 2), 0, 9, TrackerSettings.defaults(), FPS, new SyntheticFaces.Sampler(f -> List.of(), null));
        }
        assertEquals(4, cache.size());
        assertSame(cache.get("clip-7", 0, 9, TrackerSettings.defaults(), FPS, null),
                cache.get("clip-7", 0, 9, TrackerSettings.defaults(), FPS, null));
    }

    @Test
    void aFailingPassIsNotCachedAndRangesAreChecked() throws Exception {
        TrackAnalysisCache cache = new TrackAnalysisCache(2);
        FrameSampler broken = new FrameSampler() {
            @Override
            public FrameSignature signature(long frame) {
                return null;
            }

            @Override
            public List<Detection> detect(long frame) throws Exception {
                throw new java.io.IOException("frame " + frame + " could not be fetched");
            }
        };
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> cache.get("x", 0, 5, TrackerSettings.defaults(), FPS, broken));
        assertTrue(e.getMessage().contains("frame 0"));
        assertEquals(0, cache.size());
        TrackAnalysis ok = cache.get("x", 0, 5, TrackerSettings.defaults(), FPS, new SyntheticFaces.Sampler(f -> List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> ok.facesAt(6));
        assertThrows(IllegalArgumentException.class, () -> ok.facesAt(-1));
        assertFalse(ok.facesAt(5).iterator().hasNext());
    }
}
