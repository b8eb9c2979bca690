package org.manyfaces.video;

/**
 * A {@link FramePipeline} run stopped on its first error. The cause is the original exception (for
 * example a {@link MediaInputException} from decoding, a {@link MediaOutputException} from encoding, or
 * whatever the frame processor threw); the partial output has already been removed.
 */
public class RenderFailedException extends Exception {
    /** The pipeline stage that failed. */
    public enum Stage { DECODE, PROCESS, ENCODE, FINISH }

    private final Stage stage;
    private final long frameIndex;

    public RenderFailedException(Stage stage, long frameIndex, Throwable cause) {
        super(describe(stage, frameIndex, cause), cause);
        this.stage = stage;
        this.frameIndex = frameIndex;
    }

    public Stage stage() {
        return stage;
    }

    /** The 0-based frame being handled when it failed, or -1 when no single frame applies. */
    public long frameIndex() {
        return frameIndex;
    }

    private static String describe(Stage stage, long frame, Throwable cause) {
        String where = switch (stage) {
            case DECODE -> "reading";
            case PROCESS -> "processing";
            case ENCODE -> "writing";
            case FINISH -> "finalising the output";
        };
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return "render failed while " + where + (frame >= 0 && stage != Stage.FINISH ? " frame " + frame : "") + ": " + msg;
    }
}
