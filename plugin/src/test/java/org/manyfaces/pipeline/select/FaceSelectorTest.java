package org.manyfaces.pipeline.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.embed.Embedding;

class FaceSelectorTest {
    private static Face face(float x, float y, float size) {
        return new Face(new Box(x, y, size, size), 0.9f, new float[10]);
    }

    private final Face right = face(500, 10, 80);
    private final Face left = face(20, 40, 60);
    private final Face middleBig = face(200, 30, 150);
    private final List<Face> faces = List.of(right, left, middleBig);

    @Test
    void allAndIndexCountFromTheLeft() {
        assertEquals(List.of(left, middleBig, right), FaceSelector.select(faces, SelectionMode.ALL, 0, null, 0.3f, f -> null));
        assertEquals(List.of(left), FaceSelector.byIndex(faces, 0));
        assertEquals(List.of(right), FaceSelector.byIndex(faces, 2));
        assertEquals(List.of(), FaceSelector.byIndex(faces, 3));
        assertThrows(IllegalArgumentException.class, () -> FaceSelector.byIndex(faces, -1));
    }

    @Test
    void largestPicksTheBiggestBox() {
        assertEquals(List.of(middleBig), FaceSelector.select(faces, SelectionMode.LARGEST, 0, null, 0.3f, f -> null));
        assertEquals(List.of(), FaceSelector.largest(List.of()));
    }

    @Test
    void referenceKeepsFacesWithinTheDistanceNearestFirst() {
        Embedding ref = Embedding.of(new float[] {1, 0, 0});
        // cos 1 → distance 0; cos 0.6 → 0.2; cos 0 → 0.5.
        Map<Face, Embedding> ids = Map.of(
                left, Embedding.of(new float[] {0, 1, 0}),
                middleBig, Embedding.of(new float[] {0.6f, 0.8f, 0}),
                right, Embedding.of(new float[] {2, 0, 0}));
        List<Face> picked = FaceSelector.select(faces, SelectionMode.REFERENCE, 0, ref, 0.3f, ids::get);
        assertEquals(List.of(right, middleBig), picked);
        assertEquals(List.of(right), FaceSelector.byReference(faces, ref, 0.1f, ids::get));
        assertThrows(NullPointerException.class, () -> FaceSelector.byReference(faces, null, 0.3f, ids::get));
    }
}
