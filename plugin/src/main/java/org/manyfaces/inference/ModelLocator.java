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

    /** Result of checking a file against its manifest entry. */
    public record Verification(boolean ok, boolean checkedHash, String message) {
    }

    /**
     * Checks size, then SHA-256 (streamed, cached). Entries without a known hash pass with
     * {@code checkedHash=false} and a message saying the content could not be verified.
     */
    public static Verification verify(Path file, ModelSpec spec) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException e) {
            return new Verification(false, false, "cannot read " + file + ": " + e.getMessage());
        }
        if (spec.size() != null && size != spec.size()) {
            return new Verification(false, false, file + " is " + size + " bytes but model '" + spec.id()
                    + "' is " + spec.size() + " bytes (incomplete or different download)");
        }
        if (spec.sha256() == null) {
            return new Verification(true, false, "model '" + spec.id() + "' has no known SHA-256 in the manifest;"
                    + " " + file + " was not verified");
        }
        String actual = FileDigests.sha256(file);
        if (!actual.equals(spec.sha256())) {
            return new Verification(false, true, file + " has SHA-256 " + actual + " but model '" + spec.id()
                    + "' should have " + spec.sha256() + " (corrupt or different file; download it again)");
        }
        return new Verification(true, true, file + " matches model '" + spec.id() + "'");
    }
}
