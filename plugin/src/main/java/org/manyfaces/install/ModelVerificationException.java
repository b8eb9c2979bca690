package org.manyfaces.install;

import java.io.IOException;

/** A model file's bytes do not match what the manifest (or its hash sidecar) promises. */
public class ModelVerificationException extends IOException {
    public ModelVerificationException(String message) {
        super(message);
    }
}
