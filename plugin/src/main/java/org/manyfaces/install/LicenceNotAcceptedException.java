package org.manyfaces.install;

/** A model's licence restricts its use and the user has not accepted it. */
public class LicenceNotAcceptedException extends Exception {
    private final String modelId;

    public LicenceNotAcceptedException(String modelId, String message) {
        super(message);
        this.modelId = modelId;
    }

    public String modelId() {
        return modelId;
    }
}
