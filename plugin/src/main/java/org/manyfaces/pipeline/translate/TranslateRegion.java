package org.manyfaces.pipeline.translate;

/** Which part of the frame the translation applies to. */
public enum TranslateRegion {
    /** Every pixel. */
    WHOLE_FRAME,
    /** Only detected faces: each face is aligned, translated and pasted back under a feathered mask. */
    FACES_ONLY,
    /** Only where the host's Mask clip is set (its alpha, padded and blurred by the mask settings). */
    MASK
}
