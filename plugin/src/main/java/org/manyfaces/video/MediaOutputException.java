package org.manyfaces.video;

import java.io.IOException;

/**
 * An output that cannot be created, encoded or finalised. The message names the output path and the
 * reason (the CLI maps it to exit code 4). When this is thrown the output path holds no partial file.
 */
public class MediaOutputException extends IOException {
    public MediaOutputException(String message) {
        super(message);
    }

    public MediaOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
