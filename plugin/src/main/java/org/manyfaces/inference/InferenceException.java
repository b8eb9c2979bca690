package org.manyfaces.inference;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/**
 * A model could not be loaded or run. The message names the model file and says what is wrong in
 * words a user can act on (missing file, not an ONNX model, wrong contract, ORT failure).
 */
public class InferenceException extends ManyFacesException {
    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(ErrorCode.MODEL_RUN_FAILED, message);
    }

    public InferenceException(String message, Throwable cause) {
        super(ErrorCode.MODEL_RUN_FAILED, message, cause);
    }

    /** For the subclasses, which say more precisely what is wrong. */
    protected InferenceException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
