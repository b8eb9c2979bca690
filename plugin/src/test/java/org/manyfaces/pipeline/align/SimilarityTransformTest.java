package org.manyfaces.pipeline.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    @Test
    void recoversAKnownRotationScaleAndTranslationExactly() {
        double scale = 1.7, angle = 0.3, dx = 12.5, dy = -5.25;
        float[] from = {10, 20, 50, 22, 31, 45, 15, 70, 48, 69};
        float[] to = new float[10];
        for (int i = 0; i < 5; i++) {
            double x = from[2 * i], y = from[2 * i + 1];
            to[2 * i] = (float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + dx);
            to[2 * i + 1] = (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) + dy);
        }
        Affine2D m = SimilarityTransform.estimate(from, to);
        assertEquals(scale * Math.cos(angle), m.a(), 1e-5);
        assertEquals(-scale * Math.sin(angle), m.b(), 1e-5);
        assertEquals(scale * Math.sin(angle), m.c(), 1e-5);
        assertEquals(scale * Math.cos(angle), m.d(), 1e-5);
        assertEquals(dx, m.tx(), 1e-3);
        assertEquals(dy, m.ty(), 1e-3);
        assertEquals(scale, m.scale(), 1e-5);
    }

    @Test
    void handlesAHalfTurnWhereTheCrossCovarianceIsNegative() {
        float[] from = {0, 0, 10, 0, 5, 5, 0, 10, 10, 10};
        float[] to = new float[10];
        for (int i = 0; i < 10; i += 2) {
            to[i] = 100 - from[i];
            to[i + 1] = 50 - from[i + 1];
        }
        Affine2D m = SimilarityTransform.estimate(from, to);
        assertEquals(-1, m.a(), 1e-6);
        assertEquals(-1, m.d(), 1e-6);
        assertEquals(0, m.b(), 1e-6);
        assertEquals(100, m.tx(), 1e-4);
        assertEquals(50, m.ty(), 1e-4);
    }

    @Test
    void neverReflectsEvenWhenTheTargetIsMirrored() {
        float[] from = {0, 0, 10, 0, 5, 5, 0, 10, 10, 10};
        float[] mirrored = new float[10];
        for (int i = 0; i < 10; i += 2) {
            mirrored[i] = -from[i];
            mirrored[i + 1] = from[i + 1];
        }
        Affine2D m = SimilarityTransform.estimate(from, mirrored);
        // A similarity has determinant scale² ≥ 0; a reflection would make it negative.
        assertEquals(true, m.determinant() >= 0);
        assertEquals(m.a(), m.d(), 1e-9);
        assertEquals(-m.b(), m.c(), 1e-9);
    }

    @Test
    void isTheLeastSquaresOptimumForNoisyPoints() {
        Random rnd = new Random(7);
        float[] from = new float[10];
        float[] to = new float[10];
        for (int i = 0; i < 10; i++) {
            from[i] = rnd.nextFloat() * 100;
            to[i] = from[i] * 0.8f + 3 + (float) rnd.nextGaussian();
        }
        Affine2D best = SimilarityTransform.estimate(from, to);
        double e0 = error(best, from, to);
        // Every small perturbation of the four similarity parameters must do worse.
        double[] deltas = {1e-3, -1e-3};
        for (int p = 0; p < 4; p++) {
            for (double d : deltas) {
                double a = best.a() + (p == 0 ? d : 0);
                double b = best.c() + (p == 1 ? d : 0);
                double tx = best.tx() + (p == 2 ? d : 0);
                double ty = best.ty() + (p == 3 ? d : 0);
                Affine2D q = new Affine2D(a, -b, tx, b, a, ty);
                assertEquals(true, error(q, from, to) > e0, "perturbing parameter " + p + " by " + d + " improved the fit");
            }
        }
    }

    private static double error(Affine2D m, float[] from, float[] to) {
        double e = 0;
        for (int i = 0; i < from.length; i += 2) {
            double ex = m.applyX(from[i], from[i + 1]) - to[i];
            double ey = m.applyY(from[i], from[i + 1]) - to[i + 1];
            e += ex * ex + ey * ey;
        }
        return e;
    }

    @Test
    void templatePointsMapOntoTheTemplate() {
        for (AlignTemplate t : AlignTemplate.values()) {
            float[] p = t.pointsAt(256);
            Affine2D m = t.frameToCrop(p, 256);
            assertArrayEquals(p, m.apply(p), 1e-3f, t.name());
            // Template at 128 from landmarks given at 512: a pure scale of 1/4.
            Affine2D s = t.frameToCrop(t.pointsAt(512), 128);
            assertEquals(0.25, s.scale(), 1e-6);
            assertEquals(0, s.b(), 1e-6);
        }
    }

    @Test
    void templatesMatchTheirPublishedPixelValues() {
        // arcface_dst at 112 (InsightFace), independent of the normalised table.
        float[] arcfaceDst = {38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f};
        assertArrayEquals(arcfaceDst, AlignTemplate.ARCFACE_112_V2.pointsAt(112), 2e-3f);
        // arcface_128 is arcface_dst shifted 8 px right (InsightFace norm_crop2 at 128).
        float[] shifted = arcfaceDst.clone();
        for (int i = 0; i < 10; i += 2) {
            shifted[i] += 8;
        }
        assertArrayEquals(shifted, AlignTemplate.ARCFACE_128.pointsAt(128), 2e-3f);
        float[] frontal = {39.73f, 51.138f, 72.27f, 51.138f, 56.0f, 68.493f, 42.463f, 87.01f, 69.537f, 87.01f};
        assertArrayEquals(frontal, AlignTemplate.ARCFACE_112_V1.pointsAt(112), 2e-3f);
        assertEquals(AlignTemplate.FFHQ_512, AlignTemplate.parse("ffhq_512"));
    }

    @Test
    void rejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(new float[] {1, 1, 1, 1}, new float[] {0, 0, 5, 5}));
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(new float[4], new float[6]));
        assertThrows(IllegalArgumentException.class, () -> AlignTemplate.parse("nope"));
    }

    @Test
    void inverseAndCompositionAreConsistent() {
        Affine2D m = Affine2D.similarity(2.5, -1.1, 40, 7);
        Affine2D id = m.after(m.invert());
        assertEquals(1, id.a(), 1e-12);
        assertEquals(0, id.b(), 1e-12);
        assertEquals(0, id.tx(), 1e-9);
        assertEquals(1, id.d(), 1e-12);
        assertEquals(0, id.ty(), 1e-9);
        Affine2D t = Affine2D.translation(3, 4).after(Affine2D.scaling(2));
        assertEquals(2 * 5 + 3, t.applyX(5, 6), 1e-12);
        assertEquals(2 * 6 + 4, t.applyY(5, 6), 1e-12);
        assertThrows(IllegalStateException.class, () -> Affine2D.scaling(0).invert());
    }
}
