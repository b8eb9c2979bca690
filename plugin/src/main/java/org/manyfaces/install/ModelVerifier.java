package org.manyfaces.install;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides whether hashed bytes are the model they claim to be: size, SHA-256, and a CRC32 sidecar
 * when one is known. A model with neither a SHA-256 nor a sidecar is refused, because an unverified
 * file could silently produce wrong swaps (a known failure mode with corrupted swapper downloads).
 */
public final class ModelVerifier {
    private ModelVerifier() {
    }

    /**
     * @param hashes   the streamed hashes of the candidate bytes (consumed: digests are finished here)
     * @param crcFromSidecar the sidecar's CRC32 when one was found
     * @param source   where the bytes came from, for the message
     * @throws ModelVerificationException naming expected and actual values
     */
    public static void verify(ModelDownload model, StreamingHashes hashes, Optional<String> crcFromSidecar,
                              String source) throws ModelVerificationException {
        if (model.expectedSize().isPresent() && hashes.length() != model.expectedSize().getAsLong()) {
            throw new ModelVerificationException(model.id() + ": size mismatch for " + source + ": expected "
                    + model.expectedSize().getAsLong() + " bytes, got " + hashes.length());
        }
        if (model.sha256() == null && crcFromSidecar.isEmpty()) {
            throw new ModelVerificationException(model.id() + ": no sha256 in the manifest and no .hash sidecar for "
                    + source + "; refusing an unverified model file");
        }
        if (crcFromSidecar.isPresent()) {
            String actualCrc = hashes.crc32Hex();
            if (!actualCrc.equals(crcFromSidecar.get())) {
                throw new ModelVerificationException(model.id() + ": CRC32 mismatch for " + source + ": expected "
                        + crcFromSidecar.get() + " (from its .hash sidecar), actual " + actualCrc);
            }
        }
        if (model.sha256() != null) {
            String actual = hashes.sha256Hex();
            if (!actual.equals(model.sha256())) {
                throw new ModelVerificationException(model.id() + ": SHA-256 mismatch for " + source + ": expected "
                        + model.sha256() + ", actual " + actual);
            }
        }
    }

    /** Hashes a file on disk and verifies it, using a sidecar beside it when present. */
    public static void verifyFile(ModelDownload model, Path file) throws java.io.IOException {
        verify(model, StreamingHashes.of(file), HashSidecar.readBeside(file), file.toString());
    }
}
