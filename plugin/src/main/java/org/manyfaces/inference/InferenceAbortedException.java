package org.manyfaces.inference;

/** A run was stopped through its {@link RunAbort} (the host asked to abort the render). */
public class InferenceAbortedException extends InferenceException {
    public InferenceAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
