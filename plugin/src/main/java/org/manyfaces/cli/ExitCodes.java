package org.manyfaces.cli;

import java.util.concurrent.CancellationException;

import org.manyfaces.video.CodecUnavailableException;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;

/**
 * Process exit codes of the {@code manyfaces} command. Scripts can rely on them: they are part of the
 * command's interface and do not change between versions.
 */
public final class ExitCodes {
    /** Everything done; the output is complete. */
    public static final int OK = 0;
    /** The render failed part-way (processing or encoding error); no partial output is left behind. */
    public static final int RENDER_ERROR = 1;
    /** Bad command line: unknown option, bad value, or a codec/container this build cannot produce. */
    public static final int USAGE = 2;
    /** The input (video, sequence, image) is missing, unreadable or cannot be decoded. */
    public static final int INPUT_UNREADABLE = 3;
    /** The output cannot be created or written (missing folder, permissions, disk full), already exists without
     * {@code --overwrite}, or is one of the render's inputs. */
    public static final int OUTPUT_UNWRITABLE = 4;
    /** A model is missing, fails its checksum, or does not match its declared contract. */
    public static final int MODEL_FAILURE = 5;
    /** {@code verify}: the file was read but carries no ManyFaces watermark (like grep's "no match"). */
    public static final int NO_WATERMARK = 6;
    /** {@code render --require-faces}: a frame has no face; no partial output is left behind. */
    public static final int NO_FACE = 7;
    /** Stopped by Ctrl-C / SIGINT (128 + SIGINT, as shells report it), or cancelled in-process; partial output removed. */
    public static final int INTERRUPTED = 130;
    /**
     * Stopped by SIGTERM; partial output removed. The JVM itself ends a process it runs the shutdown hooks
     * for with 128 + the signal's number, so this is what a script sees, never returned by a command.
     */
    public static final int TERMINATED = 128 + 15;

    private ExitCodes() {
    }

    /**
     * The exit code for a failure, from the first cause in the chain this class recognises: media input
     * → 3, media output → 4, unavailable codec → 2, cancellation/interruption → 130, otherwise 1.
     * Model failures are not recognised here (their types live elsewhere): callers map them to
     * {@link #MODEL_FAILURE} before falling back to this method.
     */
    public static int forFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MediaInputException) {
                return INPUT_UNREADABLE;
            }
            if (t instanceof MediaOutputException) {
                return OUTPUT_UNWRITABLE;
            }
            if (t instanceof CodecUnavailableException) {
                return USAGE;
            }
            if (t instanceof CancellationException || t instanceof InterruptedException) {
                return INTERRUPTED;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return RENDER_ERROR;
    }
}
