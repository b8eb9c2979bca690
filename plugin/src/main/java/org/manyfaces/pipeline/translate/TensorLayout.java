package org.manyfaces.pipeline.translate;

/** Where the channel axis sits in a rank-4 image tensor. */
public enum TensorLayout {
    /** [batch, channels, height, width]: PyTorch exports (pix2pix, CycleGAN, ESPCN). */
    NCHW,
    /** [batch, height, width, channels]: TensorFlow exports (AnimeGANv2/v3). */
    NHWC;

    /** Index of the channel axis in the shape. */
    public int channelAxis() {
        return this == NCHW ? 1 : 3;
    }

    public int heightAxis() {
        return this == NCHW ? 2 : 1;
    }

    public int widthAxis() {
        return this == NCHW ? 3 : 2;
    }

    /** The shape [1, C, H, W] or [1, H, W, C]. */
    public long[] shape(int channels, int height, int width) {
        return this == NCHW ? new long[] {1, channels, height, width} : new long[] {1, height, width, channels};
    }
}
