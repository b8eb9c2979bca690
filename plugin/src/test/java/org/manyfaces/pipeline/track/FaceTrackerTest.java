package org.manyfaces.pipeline.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.Face;

class FaceTrackerTest {
    private static final double FPS = 25;

    @Test
    void forwardSmoothingHalvesTheJitterOfAStillFace() {
        Face still = SyntheticFaces.face(320, 180, 100);
        Random rnd = new Random(5);
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults().withSmoothing(1.0), FPS);
        List<Face> raw = new ArrayList<>();
        List<Face> out = new ArrayList<>();
        List<Face> truth = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Face d = SyntheticFaces.jittered(still, rnd, 2.0);
            List<TrackedFace> faces = tracker.update(i, List.of(new Detection(d)));
            assertEquals(1, faces.size());
            if (i >= 25) { // after the filter has settled (the first sample passes through raw)
                raw.add(d);
                out.add(faces.get(0).face());
                truth.add(still);
            }
        }
        double before = SyntheticFaces.rmsLandmarkError(raw, truth);
        double after = SyntheticFaces.rmsLandmarkError(out, truth);
        System.out.printf("streaming tracker, still face: RMS raw %.3f px, smoothed %.3f px%n", before, after);
        assertTrue(after <= 0.5 * before, after + " vs " + before);
    }

    @Test
    void missedDetectionsAreCarriedUnderTheSameId() {
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults().withSmoothing(0), FPS);
        int id = -1;
        for (int i = 0; i < 30; i++) {
            Face f = SyntheticFaces.face(100 + 2 * i, 200, 100); // 2 px per frame to the right
            boolean missed = i >= 10 && i < 14;
            List<TrackedFace> faces = tracker.update(i, missed ? List.of() : List.of(new Detection(f)));
            assertEquals(1, faces.size(), "frame " + i);
            TrackedFace t = faces.get(0);
            if (id < 0) {
                id = t.trackId();
            }
            assertEquals(id, t.trackId(), "frame " + i);
            assertEquals(!missed, t.observed());
            if (missed) {
                double lastSeen = 100 + 2 * 9;
                double x = t.face().box().centerX();
                // Coasting: moves on in the last direction, never beyond the true position, never backwards.
                assertTrue(x > lastSeen && x <= 100 + 2 * i + 1e-3, "frame " + i + " x " + x);
                assertEquals(i - 9, t.framesSinceObserved());
            }
        }
    }

    @Test
    void aFaceGoneLongerThanTheGapLimitIsDropped() {
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults().withMaxGapFrames(3), FPS);
        Face f = SyntheticFaces.face(100, 100, 80);
        tracker.update(0, List.of(new Detection(f)));
        assertEquals(1, tracker.update(3, List.of()).size()); // 3 frames since seen: still carried
        assertEquals(List.of(), tracker.update(4, List.of()));
    }

    @Test
    void aCutEndsTracksAndTheNextFaceStartsFreshAtItsOwnPosition() throws Exception {
        FrameSignature a = SyntheticFaces.flatSignature(0.1f);
        FrameSignature b = SyntheticFaces.flatSignature(0.8f);
        FaceTracker tracker = new FaceTracker(TrackerSettings.defaults().withSmoothing(1.0).withDetectEvery(4), FPS);
        List<Long> detectedOn = new ArrayList<>();
        int firstId = -1;
        for (long i = 0; i < 20; i++) {
            Face f = i < 10 ? SyntheticFaces.face(300, 200, 100) : SyntheticFaces.face(320, 200, 100);
            long frame = i;
            List<TrackedFace> faces = tracker.step(i, i < 10 ? a : b, n -> {
                detectedOn.add(frame);
                return List.of(new Detection(f));
            });
            assertEquals(1, faces.size(), "frame " + i);
            if (i == 0) {
                firstId = faces.get(0).trackId();
            }
            if (i == 10) {
                assertNotEquals(firstId, faces.get(0).trackId(), "a new shot is a new track");
                assertEquals(320.0, faces.get(0).face().box().centerX(), 1e-3, "no pull from the old shot");
            }
        }
        // Every 4th frame, plus the first frame after the cut, then every 4th from there.
        assertEquals(List.of(0L, 4L, 8L, 10L, 14L, 18L), detectedOn);
        assertFalse(tracker.isCut(b));
    }
}
