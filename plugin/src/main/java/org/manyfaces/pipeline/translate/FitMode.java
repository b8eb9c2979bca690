package org.manyfaces.pipeline.translate;

/** How a frame of any size is brought to a model with its own size rules. */
public enum FitMode {
    /** The whole frame is resampled to the model size, translated, and resampled back. Fast; loses detail. */
    RESIZE,
    /**
     * The frame is cut into overlapping tiles of the model size (or a chosen size for dynamic models);
     * the translated tiles are blended with feathered weights so that no seam shows. Keeps full resolution.
     */
    TILES,
    /** Dynamic models only: the frame at its own size, padded to the size multiple and cropped back. */
    NATIVE
}
