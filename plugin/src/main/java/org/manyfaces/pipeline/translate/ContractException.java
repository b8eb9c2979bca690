package org.manyfaces.pipeline.translate;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/** A translator contract that is malformed or does not fit the model it is meant for. */
public final class ContractException extends ManyFacesException {
    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(ErrorCode.MODEL_CONTRACT, message);
    }

    public ContractException(String message, Throwable cause) {
        super(ErrorCode.MODEL_CONTRACT, message, cause);
    }
}
