package org.manyfaces.cli;

import java.io.PrintStream;
import java.util.Map;

import org.manyfaces.error.Failures;
import org.manyfaces.inference.InferenceAbortedException;
import org.manyfaces.inference.InferenceException;
import org.manyfaces.install.ModelFetchException;
import org.manyfaces.install.ModelVerificationException;
import org.manyfaces.pipeline.translate.ContractException;
import org.manyfaces.video.RenderFailedException;

import picocli.CommandLine;

/**
 * Maps a failure to the {@link ExitCodes exit code} a script sees and to the line a user reads. Model
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

    /** Set to 1 to print a bug's stack trace on stderr from any command (render also has --verbose). */
    static final String VERBOSE_ENV = "MANYFACES_VERBOSE";

    /**
     * Prints what the user reads about {@code failure} after {@code prefix}: its sentence and code (a pipeline
     * report keeps its stage and frame), never a Java class name. A bug also gets its stack trace when
     * {@code verbose}, else one line saying how to see it: the CLI has no log file, stderr is the log.
     */
    static void report(PrintStream err, String prefix, Throwable failure, boolean verbose) {
        err.println(prefix + (failure instanceof RenderFailedException ? failure.getMessage()
                : Failures.sentence(failure, null)));
        if (Failures.isBug(failure)) {
            if (verbose) {
                failure.printStackTrace(err);
            } else {
                err.println("This is a bug in ManyFaces; run again with --verbose (or " + VERBOSE_ENV
                        + "=1) to see its stack trace, and please report it.");
            }
        }
    }

    /** Whether the command line asked for details: --verbose on the command that ran, or {@link #VERBOSE_ENV}=1. */
    static boolean verbose(CommandLine.ParseResult parsed, Map<String, String> env) {
        if ("1".equals(env.get(VERBOSE_ENV))) {
            return true;
        }
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
