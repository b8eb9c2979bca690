package org.manyfaces.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether hashed bytes are the model they claim to be: size and SHA-256 against the model's accepted
 * releases (any one may match), and a CRC32 sidecar when one is known. A model with neither a SHA-256 nor a
 * sidecar is refused unless the caller explicitly allows unchecked bytes ({@code --trust-unverified}),
 * because an unverified file could silently produce wrong swaps (a known failure mode with corrupted
 * swapper downloads).
 */
public final class ModelVerifier {
    private ModelVerifier() {
    }

    /**
     * What a check found.
     *
     * @param matched     the release whose size and SHA-256 matched, or empty when the manifest has no hash
     * @param sha256      the SHA-256 of the bytes
     * @param crcVouched  true when a CRC32 sidecar matched (the only proof for a model without SHA-256)
     */
    public record Outcome(Optional<ModelDownload.Release> matched, String sha256, boolean crcVouched) {
        /** True when the bytes match a release whose SHA-256 two public sources agree on. */
        public boolean confirmed() {
            return matched.isPresent() && matched.get().verified();
        }

        /** "matches the FaceFusion re-export release" or why it could not be confirmed. */
        public String describe() {
            if (matched.isPresent()) {
                ModelDownload.Release r = matched.get();
                return "matches the " + r.origin() + " release" + (r.verified() ? ""
                        : " (its SHA-256 is stated by only one public source, so it stays unconfirmed)");
            }
            return crcVouched ? "matches its CRC32 .hash sidecar (the manifest has no SHA-256)"
                    : "could not be checked: the manifest has no SHA-256 for it";
        }
    }

    /** {@link #verify(ModelDownload, StreamingHashes, Optional, String, boolean)} refusing unchecked bytes. */
    public static Outcome verify(ModelDownload model, StreamingHashes hashes, Optional<String> crcFromSidecar,
                                 String source) throws ModelVerificationException {
        return verify(model, hashes, crcFromSidecar, source, false);
    }

    /**
     * @param hashes         the streamed hashes of the candidate bytes (consumed: digests are finished here)
     * @param crcFromSidecar the sidecar's CRC32 when one was found
     * @param source         where the bytes came from, for the message
     * @param allowUnchecked accept bytes that nothing can vouch for (no SHA-256 in the manifest, no sidecar)
     * @throws ModelVerificationException naming expected and actual values
     */
    public static Outcome verify(ModelDownload model, StreamingHashes hashes, Optional<String> crcFromSidecar,
                                 String source, boolean allowUnchecked) throws ModelVerificationException {
        long length = hashes.length();
        if (!model.acceptsLength(length)) {
            throw new ModelVerificationException(model.id() + ": size mismatch for " + source + ": expected "
                    + model.describeSizes() + " bytes, got " + length);
        }
        if (crcFromSidecar.isPresent()) {
            String actualCrc = hashes.crc32Hex();
            if (!actualCrc.equals(crcFromSidecar.get())) {
                throw new ModelVerificationException(model.id() + ": CRC32 mismatch for " + source + ": expected "
                        + crcFromSidecar.get() + " (from its .hash sidecar), actual " + actualCrc);
            }
        }
        String actual = hashes.sha256Hex();
        if (!model.hashedReleases().isEmpty()) {
            Optional<ModelDownload.Release> match = model.match(length, actual);
            if (match.isEmpty()) {
                throw new ModelVerificationException(model.id() + ": SHA-256 mismatch for " + source + ": expected "
                        + model.describeHashes() + ", actual " + actual);
            }
            return new Outcome(match, actual, crcFromSidecar.isPresent());
        }
        if (crcFromSidecar.isEmpty() && !allowUnchecked) {
            throw new ModelVerificationException(model.id() + ": no sha256 in the manifest and no .hash sidecar for "
                    + source + "; refusing an unverified model file");
        }
        return new Outcome(Optional.empty(), actual, crcFromSidecar.isPresent());
    }

    /**
     * Hashes a file on disk and verifies it, using a CRC32 sidecar beside it when present. For a model without
     * a SHA-256 in the manifest, the record of an earlier {@code --trust-unverified} download also counts: the
     * file passes (unconfirmed) while it still has the SHA-256 recorded then.
     */
    public static Outcome verifyFile(ModelDownload model, Path file) throws IOException {
        StreamingHashes hashes = StreamingHashes.of(file);
        Optional<String> crc = HashSidecar.readBeside(file);
        if (model.hashedReleases().isEmpty() && crc.isEmpty()) {
            Optional<String> recorded = Sha256Record.read(file);
            if (recorded.isPresent()) {
                Outcome o = verify(model, hashes, crc, file.toString(), true);
                if (!o.sha256().equals(recorded.get())) {
                    throw new ModelVerificationException(model.id() + ": " + file + " has SHA-256 " + o.sha256()
                            + " but " + Sha256Record.beside(file) + " recorded " + recorded.get()
                            + " when it was downloaded");
                }
                return o;
            }
        }
        return verify(model, hashes, crc, file.toString(), false);
    }
}
