package org.manyfaces.effect;

/**
 * Every Face Swap parameter read at one time: what the face pipeline consumes per frame. Reading all of
 * them up front means each value follows its keyframes and no stage reads the host twice.
 */
public record FaceSwapSettings(String sourceFaces, int swapModel, int detector, double detectionThreshold,
                               int selectionMode, int faceIndex, String referenceFace, double referenceDistance,
                               double blend, double maskBlur, double maskPadTop, double maskPadBottom,
                               double maskPadLeft, double maskPadRight, double colourMatch, int pixelBoost,
                               boolean showDetections, int executionProvider, boolean watermark,
                               String watermarkLabel) {

    /** Reads every parameter at {@code time}. */
    public static FaceSwapSettings read(HostParams p, double time) {
        return new FaceSwapSettings(
                p.getString(FaceSwapEffect.SOURCE_FACES, time),
                p.getChoice(FaceSwapEffect.SWAP_MODEL, time),
                p.getChoice(FaceSwapEffect.DETECTOR, time),
                p.getDouble(FaceSwapEffect.DETECTION_THRESHOLD, time),
                p.getChoice(FaceSwapEffect.SELECTION_MODE, time),
                p.getInt(FaceSwapEffect.FACE_INDEX, time),
                p.getString(FaceSwapEffect.REFERENCE_FACE, time),
                p.getDouble(FaceSwapEffect.REFERENCE_DISTANCE, time),
                p.getDouble(FaceSwapEffect.BLEND, time),
                p.getDouble(FaceSwapEffect.MASK_BLUR, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_TOP, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_BOTTOM, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_LEFT, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_RIGHT, time),
                p.getDouble(FaceSwapEffect.COLOUR_MATCH, time),
                p.getChoice(FaceSwapEffect.PIXEL_BOOST, time),
                p.getBool(FaceSwapEffect.SHOW_DETECTIONS, time),
                p.getChoice(FaceSwapEffect.EXECUTION_PROVIDER, time),
                p.getBool(FaceSwapEffect.WATERMARK, time),
                p.getString(FaceSwapEffect.WATERMARK_LABEL, time));
    }
}
