package org.manyfaces.inference;

import org.manyfaces.error.ErrorCode;

/** A run was stopped through its {@link RunAbort} (the host asked to abort the render). */
public class InferenceAbortedException extends InferenceException {
    public InferenceAbortedException(String message, Throwable cause) {
        super(ErrorCode.RENDER_CANCELLED, message, cause);
    }
}
