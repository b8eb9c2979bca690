package org.manyfaces.install;

import java.io.IOException;
import java.util.List;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/** Every URL of a model failed; the message lists what happened at each one. */
public class ModelFetchException extends IOException implements CodedFailure {
    private final String modelId;
    private final List<String> attempts;

    public ModelFetchException(String modelId, List<String> attempts) {
        super("could not install model '" + modelId + "': "
                + (attempts.isEmpty() ? "the manifest lists no URL for it" : String.join("; ", attempts)));
        this.modelId = modelId;
        this.attempts = List.copyOf(attempts);
    }

    public String modelId() {
        return modelId;
    }

    /** One line per failed attempt, in order: "URL: what went wrong". */
    public List<String> attempts() {
        return attempts;
    }

    /** Stays an IOException: the download code declares and catches IOException around it. */
    @Override
    public ErrorCode code() {
        return ErrorCode.MODEL_FETCH_FAILED;
    }
}
