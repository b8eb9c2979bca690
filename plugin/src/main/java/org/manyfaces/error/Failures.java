package org.manyfaces.error;

import java.util.Optional;

/**
 * Turns any {@link Throwable} into what a user is told, the same way in the host's dialog and on the CLI's
 * stderr: a failure that speaks to the user gives its own sentence with its code; a bug (anything without a
 * code, or with a {@link ErrorCode.Kind#BUG} code) gives a short generic sentence, and its class and stack
 * trace go only where the caller keeps details (the plug-in's log file, the CLI's {@code --verbose}).
 */
public final class Failures {
    private Failures() {
    }

    /**
     * The first failure in {@code t}'s cause chain that carries a code (wrappers such as a pipeline stage's
     * report are skipped when their cause has a code of its own).
     */
    public static Optional<CodedFailure> coded(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CodedFailure f && !(c instanceof WrapsCause)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The code of {@code t}: its chain's first code, else {@link ErrorCode#OUT_OF_MEMORY} or {@link ErrorCode#INTERNAL}. */
    public static ErrorCode codeOf(Throwable t) {
        Optional<CodedFailure> f = coded(t);
        if (f.isPresent()) {
            return f.get().code();
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return ErrorCode.OUT_OF_MEMORY;
            }
        }
        return ErrorCode.INTERNAL;
    }

    /** Whether {@code t} is a bug: its details belong in a log, not in front of the user. */
    public static boolean isBug(Throwable t) {
        return !codeOf(t).speaksToUser();
    }

    /**
     * The sentence for the user, ending in the code: the coded failure's own message, or for a bug
     * "ManyFaces hit an internal error" followed by {@code whereDetailsAre} (e.g. "the details are in FILE").
     */
    public static String sentence(Throwable t, String whereDetailsAre) {
        ErrorCode code = codeOf(t);
        String own = coded(t).map(CodedFailure::getMessage).filter(m -> m != null && !m.isBlank()).orElse(null);
        if (code.speaksToUser() && own != null) {
            return own.strip() + " [" + code.id() + "]";
        }
        String generic = code == ErrorCode.OUT_OF_MEMORY ? "ManyFaces ran out of Java memory"
                : "ManyFaces hit an internal error";
        return generic + (whereDetailsAre == null || whereDetailsAre.isBlank() ? "" : "; " + whereDetailsAre)
                + " [" + code.id() + "]";
    }

    /**
     * Marks a coded failure that only reports where another failure happened (its code is its cause's); {@link
     * #coded} looks past it to the cause.
     */
    public interface WrapsCause {
    }
}
