package org.manyfaces.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds model files by name along a list of folders, searched in order (the list comes from the
 * {@link ModelCatalogue}, which builds it once with {@link ModelSearchPath}). Optionally checks size and
 * SHA-256 against the manifest.
 */
public final class ModelLocator {
    private final List<Path> folders;

    /** A locator over exactly these folders, searched in order. */
    public ModelLocator(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The folders searched, in order. */
    public List<Path> folders() {
        return folders;
    }

    /** The first folder holding a regular file with this name. */
    public Optional<Path> find(String fileName) {
        for (Path dir : folders) {
            Path p = dir.resolve(fileName);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The model's file; throws naming the folders searched and where to download it. */
    public Path locate(ModelSpec spec) {
        return find(spec.file()).orElseThrow(() -> new ModelFileException("model '" + spec.id() + "' ("
                + spec.file() + ") was not found in " + folders + "; download it from "
                + (spec.urls() == null || spec.urls().isEmpty() ? "its publisher" : spec.urls().get(0))
                + " into one of these folders, or set " + ModelSearchPath.ENV_MODELS));
    }

    /** Finds the file and, when {@code verify} is set, checks it against the manifest's size and SHA-256. */
    public Path locate(ModelSpec spec, boolean verify) {
        Path p = locate(spec);
        if (verify) {
            Verification v = verify(p, spec);
            if (!v.ok()) {
                throw new ModelFileException(v.message());
            }
        }
        return p;
    }

    /**
     * Result of checking a file against its manifest entry.
     *
     * @param ok          the file may be used (a mismatch, an unreadable file or a wrong size is not ok)
     * @param checkedHash its SHA-256 matched an accepted release
     * @param message     a sentence saying what was found
     * @param release     the release that matched (null unless {@code checkedHash})
     */
    public record Verification(boolean ok, boolean checkedHash, String message, ModelSpec.Release release) {
        public Verification(boolean ok, boolean checkedHash, String message) {
            this(ok, checkedHash, message, null);
        }

        /** True when the matched release's hash is confirmed (checked here, or stated by two public sources). */
        public boolean confirmed() {
            return release != null && release.isVerified();
        }
    }

    /**
     * Checks size, then SHA-256 (streamed, cached) against every accepted release of the entry: any one may
     * match, and the result names it. A file matching none is a mismatch. Entries without a known hash pass
     * with {@code checkedHash=false} and a message saying the content could not be verified.
     */
    public static Verification verify(Path file, ModelSpec spec) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            return new Verification(false, false, "cannot read " + file + ": " + e.getMessage());
        }
        List<ModelSpec.Release> accepted = spec.accepted();
        if (!accepted.isEmpty() && accepted.stream().noneMatch(r -> r.acceptsSize(size))) {
            return new Verification(false, false, file + " is " + size + " bytes but model '" + spec.id()
                    + "' is " + describe(accepted, r -> r.size() == null ? null : String.valueOf(r.size()))
                    + " bytes (incomplete or different download)");
        }
        if (spec.acceptedHashes().isEmpty()) {
            return new Verification(true, false, "model '" + spec.id() + "' has no known SHA-256 in the manifest;"
                    + " " + file + " was not verified");
        }
        String actual = FileDigests.sha256(file);
        Optional<ModelSpec.Release> match = spec.releaseFor(actual, size);
        if (match.isEmpty()) {
            return new Verification(false, true, file + " has SHA-256 " + actual + " but model '" + spec.id()
                    + "' should have " + describe(accepted, ModelSpec.Release::sha256)
                    + " (corrupt or different file; download it again)");
        }
        ModelSpec.Release r = match.get();
        String which = accepted.size() > 1 || !"manifest".equals(r.origin()) ? " (" + r.origin() + " release"
                + (r.isVerified() ? ")" : "; its SHA-256 is stated by only one public source)") : "";
        return new Verification(true, true, file + " matches model '" + spec.id() + "'" + which, r);
    }

    /** "a (FaceFusion re-export) or b (InsightFace original)", or just "a" for a single release. */
    private static String describe(List<ModelSpec.Release> releases,
                                   java.util.function.Function<ModelSpec.Release, String> value) {
        List<String> parts = new java.util.ArrayList<>();
        for (ModelSpec.Release r : releases) {
            String v = value.apply(r);
            if (v != null) {
                parts.add(releases.size() > 1 ? v + " (" + r.origin() + ")" : v);
            }
        }
        return String.join(" or ", parts);
    }
}
