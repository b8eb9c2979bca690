package org.manyfaces.pipeline.chain;

/** The timed steps of a face-swap or face-restore render. */
public enum Stage {
    /** dst = src: one row-wise copy. */
    COPY,
    /** Face detection on the frame. */
    DETECT,
    /** Loading the source identity (a cache lookup after the first frame). */
    SOURCE,
    /** Choosing faces (without the recognition time, which is {@link #EMBED}). */
    SELECT,
    /** Recognising frame faces and the reference face for reference selection. */
    EMBED,
    /** The 68-point landmarker, per face (optional). */
    LANDMARKS,
    /** Warping each face into its aligned crop. */
    ALIGN,
    /** The swap itself (model or classic), per face. */
    SWAP,
    /** Of {@link #SWAP}: time spent inside {@code session.run}. */
    SWAP_INFERENCE,
    /** The occlusion mask (XSeg) of each target crop (optional). */
    OCCLUSION,
    /** Face parsing (BiSeNet) for the region mask and the mouth, per face (optional). */
    REGION,
    /** Optional colour match of the swapped crop to the original. */
    COLOUR,
    /** Face restoration (GFPGAN, CodeFormer ...) of each face crop (optional in Face Swap). */
    RESTORE,
    /** Masked inverse-affine paste into the frame. */
    PASTE,
    /** Drawing detections. */
    OVERLAY,
    /**
     * Disclosure after the pipeline (invisible watermark in the changed pixels, optional visible label): done
     * by the effect, timed here so a render's stage table adds up to the effect's whole work.
     */
    MARK
}
