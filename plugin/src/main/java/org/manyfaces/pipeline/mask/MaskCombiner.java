package org.manyfaces.pipeline.mask;

import java.util.List;

import org.manyfaces.pipeline.paste.CropMask;

/**
 * Combines the masks of one face as FaceFusion does ({@code numpy.minimum.reduce}): a pixel is pasted only
 * as much as the most restrictive mask allows, so each mask can only take away (the box its border, the
 * occlusion mask a hand, the region mask the hair, the mouth mask the mouth).
 */
public final class MaskCombiner {
    private MaskCombiner() {
    }

    /** The element-wise minimum of {@code base} and every mask of {@code more} (all of one size). */
    public static CropMask minimum(CropMask base, List<CropMask> more) {
        if (more.isEmpty()) {
            return base;
        }
        int size = base.size();
        float[] w = base.weights();
        for (CropMask m : more) {
            if (m.size() != size) {
                throw new IllegalArgumentException("masks of one face must share a size: " + size + " vs " + m.size());
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int i = y * size + x;
                    w[i] = Math.min(w[i], m.at(x, y));
                }
            }
        }
        return CropMask.of(size, w);
    }
}
