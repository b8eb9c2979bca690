package org.manyfaces.error;

/**
 * The base of ManyFaces' unchecked failures: a {@link ErrorCode code} and a message that is a sentence for the
 * user (never a Java class name). Subclasses fix the code of their kind of failure; code that finds a user
 * mistake with no class of its own throws this class with the code that fits.
 */
public class ManyFacesException extends RuntimeException implements CodedFailure {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ManyFacesException(ErrorCode code, String sentence) {
        super(sentence);
        this.code = code;
    }

    public ManyFacesException(ErrorCode code, String sentence, Throwable cause) {
        super(sentence, cause);
        this.code = code;
    }

    /** For failures that are control flow, not faults (a cancelled render): no stack trace is recorded. */
    protected ManyFacesException(ErrorCode code, String sentence, boolean withStackTrace) {
        super(sentence, null, false, withStackTrace);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
