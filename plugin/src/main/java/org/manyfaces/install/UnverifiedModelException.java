package org.manyfaces.install;

import java.io.IOException;

import org.manyfaces.error.CodedFailure;
import org.manyfaces.error.ErrorCode;

/**
 * A download was refused because nothing could check the file: the manifest has no SHA-256 for the model that
 * two independent public sources agree on, and the user did not pass {@code --trust-unverified}.
 */
public class UnverifiedModelException extends IOException implements CodedFailure {
    private final String modelId;

    /** Refused before any download: no release of the model has a confirmed SHA-256. */
    public UnverifiedModelException(ModelDownload model) {
        super(sentence(model));
        this.modelId = model.id();
    }

    /** Refused after the download: the bytes matched only a release whose SHA-256 has one source (then deleted). */
    public UnverifiedModelException(ModelDownload model, String url, ModelDownload.Release matched) {
        super("model '" + model.id() + "' was not installed: the file from " + url + " matches the " + matched.origin()
                + " release, whose SHA-256 is stated by only one public source, so it could not be confirmed."
                + " Pass --trust-unverified to accept it (its SHA-256 is then recorded in " + model.fileName()
                + ".sha256)");
        this.modelId = model.id();
    }

    private static String sentence(ModelDownload model) {
        String why = model.hashedReleases().isEmpty()
                ? "the manifest has no SHA-256 for it"
                : "its SHA-256 (" + model.describeHashes() + ") is stated by only one public source";
        return "model '" + model.id() + "' was not downloaded: " + why + ", so the download could not be checked."
                + " Pass --trust-unverified to download it anyway (its SHA-256 is then recorded in "
                + model.fileName() + ".sha256)";
    }

    public String modelId() {
        return modelId;
    }

    /** Stays an IOException: the download code declares and catches IOException around it. */
    @Override
    public ErrorCode code() {
        return ErrorCode.MODEL_UNVERIFIED;
    }
}
