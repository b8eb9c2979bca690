package org.manyfaces.cli;

/**
 * {@code render --require-faces}: Face Swap found no face in a frame. Fails the frame, and with it the render
 * (exit {@link ExitCodes#NO_FACE}); the partial output is removed like after any failed frame.
 */
final class FrameWithoutFaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FrameWithoutFaceException(long frame) {
        super("input frame " + frame + " has no face (--require-faces)");
    }
}
