package org.manyfaces.pipeline.translate;

/** Which part of the frame the translation applies to. */
public enum TranslateRegion {
    /** Every pixel. */
    WHOLE_FRAME,
    /**
     * Only faces: each face (found by the settings' detector, or given by the caller) is aligned to the FFHQ
     * template, translated as a square crop and pasted back under a feathered box mask. Scale-1 models only.
     */
    FACES_ONLY,
    /** Only where the host's Mask clip is set (its alpha, padded and blurred by the mask settings). */
    MASK
}
