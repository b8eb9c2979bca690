package org.manyfaces.inference;

/** A model file is missing, empty, truncated, corrupt or not an ONNX model at all. */
public class ModelFileException extends InferenceException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
