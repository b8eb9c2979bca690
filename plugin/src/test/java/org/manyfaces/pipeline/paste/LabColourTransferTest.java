package org.manyfaces.pipeline.paste;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.manyfaces.pipeline.align.FaceCrop;

class LabColourTransferTest {

    @Test
    void knownLabValues() {
        // White and sRGB primary red (published CIE Lab, D65): (100, 0, 0) and (53.24, 80.09, 67.20).
        float[] rgb = {1f, 1f, 1f, 0f, 1f, 0f};
        float[] lab = new float[6];
        LabColourTransfer.toLab(rgb, lab, 2);
        assertEquals(100f, lab[0], 0.05f);
        assertEquals(0f, lab[2], 0.05f);
        assertEquals(0f, lab[4], 0.05f);
        assertEquals(53.24f, lab[1], 0.05f);
        assertEquals(80.09f, lab[3], 0.05f);
        assertEquals(67.20f, lab[5], 0.05f);
        float[] back = new float[6];
        LabColourTransfer.fromLab(lab, back, 2);
        for (int i = 0; i < 6; i++) {
            assertEquals(rgb[i], back[i], 1e-4f);
        }
    }

    @Test
    void aFlatCropTakesTheReferenceColourInsideTheMask() {
        FaceCrop subject = flat(16, 0.2f, 0.5f, 0.7f);
        FaceCrop reference = flat(16, 0.8f, 0.6f, 0.3f);
        float[] w = new float[256];
        Arrays.fill(w, 1f);
        LabColourTransfer.transfer(subject, reference, CropMask.of(16, w), 1f);
        assertEquals(0.8f, subject.get(0, 3, 3), 1e-3f);
        assertEquals(0.6f, subject.get(1, 3, 3), 1e-3f);
        assertEquals(0.3f, subject.get(2, 3, 3), 1e-3f);
    }

    @Test
    void statisticsComeOnlyFromTheMaskedArea() {
        FaceCrop subject = flat(16, 0.2f, 0.5f, 0.7f);
        FaceCrop reference = flat(16, 0.8f, 0.6f, 0.3f);
        // Outside the masked half the reference is green; that must not matter.
        float[] w = new float[256];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                if (x >= 8) {
                    reference.set(0, x, y, 0f);
                    reference.set(1, x, y, 1f);
                    reference.set(2, x, y, 0f);
                } else {
                    w[y * 16 + x] = 1f;
                }
            }
        }
        LabColourTransfer.transfer(subject, reference, CropMask.of(16, w), 1f);
        assertEquals(0.8f, subject.get(0, 12, 3), 1e-3f);
        assertEquals(0.3f, subject.get(2, 12, 3), 1e-3f);
    }

    @Test
    void aFlatReferenceDimsButNeverErasesTheSubjectsDetail() {
        FaceCrop subject = flat(16, 0.5f, 0.5f, 0.5f);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                float v = (x % 2 == 0) ? 0.3f : 0.7f;
                subject.set(0, x, y, v);
                subject.set(1, x, y, v);
                subject.set(2, x, y, v);
            }
        }
        FaceCrop reference = flat(16, 0.5f, 0.5f, 0.5f);
        float[] w = new float[256];
        Arrays.fill(w, 1f);
        float[] lab = new float[3 * 256];
        LabColourTransfer.toLab(subject.planes(), lab, 256);
        float lightnessSpread = lab[1] - lab[0];
        LabColourTransfer.transfer(subject, reference, CropMask.of(16, w), 1f);
        LabColourTransfer.toLab(subject.planes(), lab, 256);
        // Contrast is scaled down by at most 3x: the stripes survive at a third of their L* amplitude.
        assertEquals(lightnessSpread / 3f, lab[1] - lab[0], 0.05f);
    }

    private static FaceCrop flat(int size, float r, float g, float b) {
        FaceCrop c = new FaceCrop(size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                c.set(0, x, y, r);
                c.set(1, x, y, g);
                c.set(2, x, y, b);
            }
        }
        return c;
    }

    @Test
    void aPreparedSubjectGivesTheSameResultAsTheInPlaceTransferAndStaysUnchanged() {
        int size = 24;
        java.util.Random r = new java.util.Random(7);
        FaceCrop subject = new FaceCrop(size);
        FaceCrop reference = new FaceCrop(size);
        for (int i = 0; i < subject.planes().length; i++) {
            subject.planes()[i] = r.nextFloat();
            reference.planes()[i] = 0.2f + 0.5f * r.nextFloat();
        }
        float[] w = new float[size * size];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 3 == 0) ? 0f : r.nextFloat();
        }
        CropMask mask = CropMask.of(size, w);
        float[] before = subject.planes().clone();
        LabColourTransfer.Prepared p = LabColourTransfer.prepare(subject, mask);
        FaceCrop out = new FaceCrop(size);
        LabColourTransfer.transfer(p, reference, mask, 0.7f, out);
        assertEquals(0, Arrays.compare(before, subject.planes()), "prepare must not touch the subject");
        LabColourTransfer.transfer(subject, reference, mask, 0.7f);
        for (int i = 0; i < before.length; i++) {
            assertEquals(subject.planes()[i], out.planes()[i], 1e-6f);
        }
    }
}
