package org.manyfaces.cli;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/**
 * {@code render --require-faces}: Face Swap found no face in a frame. Fails the frame, and with it the render
 * (exit {@link ExitCodes#NO_FACE}); the partial output is removed like after any failed frame.
 */
final class FrameWithoutFaceException extends ManyFacesException {
    private static final long serialVersionUID = 1L;

    FrameWithoutFaceException(long frame) {
        super(ErrorCode.NO_FACE_IN_FRAME, "input frame " + frame + " has no face (--require-faces)");
    }
}
