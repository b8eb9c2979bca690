package org.manyfaces.install;

import java.io.IOException;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/** A model file's bytes do not match what the manifest (or its hash sidecar) promises. */
public class ModelVerificationException extends IOException implements CodedFailure {
    public ModelVerificationException(String message) {
        super(message);
    }

    /** Stays an IOException: the download code declares and catches IOException around it. */
    @Override
    public ErrorCode code() {
        return ErrorCode.MODEL_CHECKSUM;
    }
}
