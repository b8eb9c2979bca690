package org.manyfaces.effect;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/**
 * The host cancelled the render in progress ({@link RenderCancel}). Not an error: the host façade logs it and
 * answers with a failed status (the output is incomplete) without a message to the user. Thrown only between
 * stages, so every cache holds either a finished result or nothing.
 */
public final class RenderCancelledException extends ManyFacesException {
    private static final long serialVersionUID = 1L;

    public RenderCancelledException(String message) {
        super(ErrorCode.RENDER_CANCELLED, message, false);
    }
}
