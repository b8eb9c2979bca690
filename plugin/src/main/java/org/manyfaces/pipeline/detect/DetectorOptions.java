package org.manyfaces.pipeline.detect;

/**
 * Tuning shared by the ONNX detectors.
 *
 * @param inputSize    long side of the network input for models with a dynamic input (multiple of 32);
 *                     fixed-size models (YuNet 2023mar: 640x640) ignore it
 * @param allowUpscale enlarge frames smaller than the input to fill it (default on, as OpenCV's resize to
 *                     the input size does: small frames then keep faces at the sizes the model was
 *                     trained on); off draws them 1:1 and pads, as FaceFusion does
 * @param nmsIou       NMS overlap threshold
 * @param maxFaces     at most this many faces per frame
 */
public record DetectorOptions(int inputSize, boolean allowUpscale, float nmsIou, int maxFaces) {
    public DetectorOptions {
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("detector input size must be a multiple of 32 and >= 32, got "
                    + inputSize);
        }
        if (!(nmsIou > 0f && nmsIou <= 1f)) {
            throw new IllegalArgumentException("NMS IoU must be in (0,1], got " + nmsIou);
        }
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be >= 1, got " + maxFaces);
        }
    }

    /** 640 input, small frames enlarged to fit, IoU 0.4, up to 200 faces. */
    public static DetectorOptions defaults() {
        return new DetectorOptions(640, true, Nms.DEFAULT_IOU, 200);
    }
}
