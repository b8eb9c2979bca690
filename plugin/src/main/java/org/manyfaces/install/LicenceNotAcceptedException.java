package org.manyfaces.install;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/** A model's licence restricts its use and the user has not accepted it. */
public class LicenceNotAcceptedException extends Exception implements CodedFailure {
    private final String modelId;

    public LicenceNotAcceptedException(String modelId, String message) {
        super(message);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }

    /** Checked on purpose: every caller of a licence-gated install must decide what to tell the user. */
    @Override
    public ErrorCode code() {
        return ErrorCode.LICENCE_NOT_ACCEPTED;
    }
}
