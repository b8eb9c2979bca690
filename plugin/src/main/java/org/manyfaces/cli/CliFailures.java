package org.manyfaces.cli;

import org.manyfaces.inference.InferenceAbortedException;
import org.manyfaces.inference.InferenceException;
import org.manyfaces.install.ModelFetchException;
import org.manyfaces.install.ModelVerificationException;
import org.manyfaces.pipeline.translate.ContractException;

/**
 * Maps a failure to the {@link ExitCodes exit code} a script sees and to the one line a user reads. Model
 * problems (missing file, checksum, contract) and a frame without a face ({@code --require-faces}) are
 * recognised here, because {@link ExitCodes} deliberately knows only the media types; everything else falls
 * back to {@link ExitCodes#forFailure}.
 */
final class CliFailures {
    private CliFailures() {
    }

    /** The exit code for {@code failure}, looking through its whole cause chain. */
    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InferenceAbortedException) {
                return ExitCodes.INTERRUPTED;
            }
            if (t instanceof FrameWithoutFaceException) {
                return ExitCodes.NO_FACE;
            }
            if (t instanceof InferenceException || t instanceof ContractException
                    || t instanceof ModelFetchException || t instanceof ModelVerificationException) {
                return ExitCodes.MODEL_FAILURE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ExitCodes.forFailure(failure);
    }

    /** The first message in the cause chain that says something (wrappers without a message are skipped). */
    static String message(Throwable failure) {
        String best = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
                break;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return best != null ? best : failure.getClass().getSimpleName();
    }
}
