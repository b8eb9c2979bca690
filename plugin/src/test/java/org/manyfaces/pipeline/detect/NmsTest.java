package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.Face;

class NmsTest {
    private static final float[] LM = new float[10];

    private static void add(Candidates c, float x1, float y1, float x2, float y2, float score) {
        c.add(x1, y1, x2, y2, score, LM);
    }

    @Test
    void keepsTheBestOfOverlappingBoxesAndEveryDisjointOne() {
        Candidates c = new Candidates();
        add(c, 0, 0, 10, 10, 0.8f);
        add(c, 1, 1, 11, 11, 0.9f);    // IoU with the first = 81/119 = 0.68 -> first is dropped
        add(c, 50, 50, 60, 60, 0.7f);  // disjoint
        add(c, 0, 0, 10, 20, 0.6f);    // IoU with (1,1,11,11) = 90/(100+200-90) = 0.43 -> dropped at 0.4
        List<Face> kept = Nms.suppress(c, 0.4f, 100, 1f);
        assertEquals(2, kept.size());
        assertEquals(0.9f, kept.get(0).score());
        assertEquals(1f, kept.get(0).box().x());
        assertEquals(0.7f, kept.get(1).score());
        // a looser threshold keeps the 0.43-overlap box
        assertEquals(3, Nms.suppress(c, 0.5f, 100, 1f).size());
    }

    @Test
    void scalesToFrameCoordinatesAndCapsTheCount() {
        Candidates c = new Candidates();
        float[] lm = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        c.add(10, 20, 30, 60, 0.9f, lm);
        add(c, 100, 100, 110, 110, 0.5f);
        List<Face> one = Nms.suppress(c, 0.4f, 1, 2f);
        assertEquals(1, one.size());
        Face f = one.get(0);
        assertEquals(20f, f.box().x());
        assertEquals(40f, f.box().y());
        assertEquals(40f, f.box().width());
        assertEquals(80f, f.box().height());
        assertEquals(2f, f.landmarkX(0));
        assertEquals(20f, f.landmarkY(4));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        Candidates c = new Candidates();
        for (int i = 0; i < 1000; i++) {
            add(c, 20 * i, 0, 20 * i + 10, 10, i / 1000f);
        }
        assertEquals(1000, c.size());
        List<Face> kept = Nms.suppress(c, 0.4f, 2000, 1f);
        assertEquals(1000, kept.size());
        assertEquals(0.999f, kept.get(0).score(), 1e-6f);
    }

    @Test
    void equalScoresKeepDecodeOrder() {
        Candidates c = new Candidates();
        add(c, 100, 0, 110, 10, 0.5f);
        add(c, 0, 0, 10, 10, 0.5f);
        add(c, 200, 0, 210, 10, 0.75f);
        List<Face> kept = Nms.suppress(c, 0.4f, 10, 1f);
        assertEquals(List.of(200f, 100f, 0f), kept.stream().map(f -> f.box().x()).toList());
    }
}
