package org.manyfaces.video;

import java.io.IOException;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/**
 * An input (video file, image sequence) that cannot be opened or decoded. The message names the input and
 * what is wrong with it, so that it can be shown to the user as it is (the CLI maps it to exit code 3).
 */
public class MediaInputException extends IOException implements CodedFailure {
    public MediaInputException(String message) {
        super(message);
    }

    public MediaInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stays an IOException: the readers declare and catch IOException around it. */
    @Override
    public ErrorCode code() {
        return ErrorCode.INPUT_UNREADABLE;
    }
}
