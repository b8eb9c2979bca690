package org.manyfaces.ofx.host;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/**
 * A failure with the OFX status the action should return. Thrown by the façade when a suite call fails,
 * and by effect code that wants a specific status (for example {@link OfxStatus#ERR_FORMAT}).
 */
public class OfxException extends ManyFacesException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public OfxException(int status, String message) {
        super(codeFor(status), message);
        this.status = status;
    }

    public OfxException(int status, String message, Throwable cause) {
        super(codeFor(status), message, cause);
        this.status = status;
    }

    /**
     * What the user can act on: a format, context or suite the host offers and ManyFaces does not take is said
     * in words (the user changes the project or the host); any other refused call is ManyFaces' problem.
     */
    private static ErrorCode codeFor(int status) {
        return status == OfxStatus.ERR_FORMAT || status == OfxStatus.ERR_UNSUPPORTED
                || status == OfxStatus.ERR_MISSING_HOST_FEATURE ? ErrorCode.HOST_UNSUPPORTED : ErrorCode.HOST_CALL_FAILED;
    }

    public int status() {
        return status;
    }

    /** Throws with "{what} failed: {status name}" unless {@code status} is OK. */
    static void check(int status, String what) {
        if (status != OfxStatus.OK) {
            throw new OfxException(status, what + " failed: " + OfxStatus.name(status));
        }
    }
}
