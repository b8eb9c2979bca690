package org.manyfaces.video;

import java.io.IOException;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/**
 * An output that cannot be created, encoded or finalised. The message names the output path and the
 * reason (the CLI maps it to exit code 4). When this is thrown the output path holds no partial file.
 */
public class MediaOutputException extends IOException implements CodedFailure {
    public MediaOutputException(String message) {
        super(message);
    }

    public MediaOutputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stays an IOException: the writers declare and catch IOException around it. */
    @Override
    public ErrorCode code() {
        return ErrorCode.OUTPUT_UNWRITABLE;
    }
}
