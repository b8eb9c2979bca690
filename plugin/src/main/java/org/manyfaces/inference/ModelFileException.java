package org.manyfaces.inference;

import org.manyfaces.error.ErrorCode;

/** A model file is missing, empty, truncated, corrupt or not an ONNX model at all. */
public class ModelFileException extends InferenceException {
    public ModelFileException(String message) {
        super(ErrorCode.MODEL_FILE, message, null);
    }

    public ModelFileException(String message, Throwable cause) {
        super(ErrorCode.MODEL_FILE, message, cause);
    }
}
