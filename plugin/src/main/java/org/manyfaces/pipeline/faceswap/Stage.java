package org.manyfaces.pipeline.faceswap;

/** The timed steps of a face-swap render. */
public enum Stage {
    /** dst = src: one row-wise copy. */
    COPY,
    /** Face detection on the frame. */
    DETECT,
    /** Loading the source identity (a cache lookup after the first frame). */
    SOURCE,
    /** Choosing faces, including recognising faces for reference selection. */
    SELECT,
    /** Warping each face into its aligned crop. */
    ALIGN,
    /** The swap itself (model or classic), per face. */
    SWAP,
    /** Of {@link #SWAP}: time spent inside {@code session.run}. */
    SWAP_INFERENCE,
    /** Optional colour match of the swapped crop to the original. */
    COLOUR,
    /** Masked inverse-affine paste into the frame. */
    PASTE,
    /** Drawing detections. */
    OVERLAY
}
