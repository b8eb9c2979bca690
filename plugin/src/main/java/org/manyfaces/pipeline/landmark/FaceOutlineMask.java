package org.manyfaces.pipeline.landmark;

import org.manyfaces.pipeline.mask.ConvexHullMask;
import org.manyfaces.pipeline.mask.MaskEdges;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * A face-shaped paste mask from the target's 68 landmarks, for the Classic swap: the jaw line (0..16) below
 * and, above, a line between the brows and the upper eyelids. Classic moves the source's own pixels, brows
 * included, and its ellipse reaches into the target's brows; where the two brows do not coincide the
 * feathered edge lets the target's brows show through the pasted face. Stopping the paste below the target's
 * brows keeps them whole and outside the pasted region; the source's brows then never show.
 */
public final class FaceOutlineMask {
    /**
     * How far from the upper eyelid towards the brow line the top edge runs (0 = on the lids, 1 = on the
     * brow points, which lie on the brows' middle): below the brows' lower edge, above the eyes.
     */
    static final double TOP_EDGE = 0.45;
    private static final int[] BROW = {17, 18, 19, 20, 21, 22, 23, 24, 25, 26};
    /** For each brow point, the eyelid point below it (upper lids 37, 38 and 43, 44; corners 36, 39, 42, 45). */
    private static final int[] LID_BELOW = {36, 37, 37, 38, 39, 42, 43, 44, 44, 45};

    private FaceOutlineMask() {
    }

    /** The mask at {@code cropSize} from the 68 points mapped into the crop (interleaved x,y). */
    public static CropMask create(float[] crop68, int cropSize) {
        if (crop68.length != 136) {
            throw new IllegalArgumentException("the face outline needs 68 points, got " + crop68.length / 2);
        }
        float[] pts = new float[2 * (17 + BROW.length)];
        System.arraycopy(crop68, 0, pts, 0, 34);
        for (int i = 0; i < BROW.length; i++) {
            int b = BROW[i];
            int l = LID_BELOW[i];
            pts[34 + 2 * i] = (float) (crop68[2 * l] + TOP_EDGE * (crop68[2 * b] - crop68[2 * l]));
            pts[35 + 2 * i] = (float) (crop68[2 * l + 1] + TOP_EDGE * (crop68[2 * b + 1] - crop68[2 * l + 1]));
        }
        int[] all = new int[pts.length / 2];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] w = ConvexHullMask.fill(pts, all, cropSize);
        MaskEdges.soften(w, cropSize);
        return CropMask.of(cropSize, w);
    }
}
