package org.manyfaces.effect;

/**
 * The host cancelled the render in progress ({@link RenderCancel}). Not an error: the host façade logs it and
 * answers with a failed status (the output is incomplete) without a message to the user. Thrown only between
 * stages, so every cache holds either a finished result or nothing.
 */
public final class RenderCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RenderCancelledException(String message) {
        super(message, null, false, false);
    }
}
