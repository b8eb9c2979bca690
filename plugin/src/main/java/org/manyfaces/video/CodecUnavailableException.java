package org.manyfaces.video;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/**
 * The requested codec or container combination cannot be produced by the FFmpeg build on the class path
 * (for example H.265 with JavaCV's LGPL FFmpeg artifact, which has no libx265) or is not allowed in the
 * chosen container (ProRes in .mp4). This is a choice the user can change, so the CLI treats it as a
 * usage error (exit code 2); the message says which alternatives exist.
 */
public class CodecUnavailableException extends IllegalArgumentException implements CodedFailure {
    public CodecUnavailableException(String message) {
        super(message);
    }

    /** Stays an IllegalArgumentException: option parsing catches it with the other bad values (usage errors). */
    @Override
    public ErrorCode code() {
        return ErrorCode.CODEC_UNAVAILABLE;
    }
}
