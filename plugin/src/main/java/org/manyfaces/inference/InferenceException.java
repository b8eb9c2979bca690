package org.manyfaces.inference;

/**
 * A model could not be loaded or run. The message names the model file and says what is wrong in
 * words a user can act on (missing file, not an ONNX model, wrong contract, ORT failure).
 */
public class InferenceException extends RuntimeException {
    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
