package org.manyfaces.install;

import java.io.IOException;
import java.util.List;

/** Every URL of a model failed; the message lists what happened at each one. */
public class ModelFetchException extends IOException {
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
}
