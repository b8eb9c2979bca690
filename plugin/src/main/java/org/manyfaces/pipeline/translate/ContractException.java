package org.manyfaces.pipeline.translate;

/** A translator contract that is malformed or does not fit the model it is meant for. */
public final class ContractException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
