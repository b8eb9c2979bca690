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
        super(ErrorCode.HOST_CALL_FAILED, message);
        this.status = status;
    }

    public OfxException(int status, String message, Throwable cause) {
        super(ErrorCode.HOST_CALL_FAILED, message, cause);
        this.status = status;
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
