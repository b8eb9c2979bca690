package org.manyfaces.video;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.Failures;

/**
 * A {@link FramePipeline} run stopped on its first error. The cause is the original exception (for
 * example a {@link MediaInputException} from decoding, a {@link MediaOutputException} from encoding, or
 * whatever the frame processor threw); the partial output has already been removed. Its code is its cause's;
 * its message is the cause's sentence for the user ({@link Failures#sentence}) after the stage and frame, so a
 * bug in a stage reads as an internal error here too, never as a Java class name.
 */
public class RenderFailedException extends Exception implements CodedFailure, Failures.WrapsCause {
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
        return "render failed while " + where + (frame >= 0 && stage != Stage.FINISH ? " frame " + frame : "") + ": "
                + Failures.sentence(cause, null);
    }

    @Override
    public ErrorCode code() {
        return Failures.codeOf(getCause());
    }
}
