package org.manyfaces.install;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One model file to install: what to fetch, from where, how to verify it, and under which licence.
 *
 * <p>This is the installer's own input type so that it does not depend on the inference package;
 * the manifest's model specs are mapped onto it (see {@link ModelListReader}).
 *
 * @param id            stable model id (used in messages and progress)
 * @param fileName      the file name in the models folder (no directories)
 * @param expectedSize  the size in bytes when known; a mismatch rejects the file before it is hashed
 * @param sha256        lower-case hex SHA-256 of the whole file, or {@code null} when only a
 *                      FaceFusion-style {@code .hash} sidecar (CRC32) can vouch for it
 * @param urls          download locations, tried in order
 * @param licenceName   the licence as the user should see it (e.g. "Non-Commercial", "MIT")
 * @param nonCommercial true when the licence forbids commercial use; installing then needs explicit acceptance
 */
public record ModelDownload(String id, String fileName, OptionalLong expectedSize, String sha256,
                            List<URI> urls, String licenceName, boolean nonCommercial) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelDownload {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("model id is missing");
        }
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            // A manifest must never be able to write outside the models folder.
            throw new IllegalArgumentException("model '" + id + "': file name must be a plain file name, got '"
                    + fileName + "'");
        }
        expectedSize = expectedSize == null ? OptionalLong.empty() : expectedSize;
        if (expectedSize.isPresent() && expectedSize.getAsLong() < 0) {
            throw new IllegalArgumentException("model '" + id + "': negative size " + expectedSize.getAsLong());
        }
        if (sha256 != null) {
            sha256 = sha256.trim().toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("model '" + id + "': sha256 must be 64 hex digits, got '"
                        + sha256 + "'");
            }
        }
        urls = urls == null ? List.of() : List.copyOf(urls);
        for (URI u : urls) {
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("model '" + id + "': only http(s) URLs are supported, got " + u);
            }
        }
        licenceName = licenceName == null || licenceName.isBlank() ? "unknown licence" : licenceName.trim();
    }

    /** Convenience constructor for a model with a known size. */
    public ModelDownload(String id, String fileName, long expectedSize, String sha256, List<URI> urls,
                         String licenceName, boolean nonCommercial) {
        this(id, fileName, OptionalLong.of(expectedSize), sha256, urls, licenceName, nonCommercial);
    }
}
