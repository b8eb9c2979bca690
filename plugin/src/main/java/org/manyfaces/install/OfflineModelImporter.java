package org.manyfaces.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs models from a folder that already holds them (an offline copy, a FaceFusion
 * {@code .assets/models} folder, a USB stick), identifying each file by its content hash rather than its
 * name, so renamed files are found and same-named files of another version are not taken by mistake.
 *
 * <p>Each file is hashed at most once. Files whose size differs from a model's known size are never
 * hashed for that model. A model without a SHA-256 can only be matched by name plus a FaceFusion
 * {@code .hash} sidecar beside it whose CRC32 agrees.
 */
public final class OfflineModelImporter {

    /** How a found file gets into the models folder. */
    public enum LinkMode {
        /** Independent copy (verified while copying). */
        COPY,
        /** Hard link: no extra disk space; needs the same file system. */
        HARDLINK,
        /** Symbolic link to the source: breaks if the source folder goes away. */
        SYMLINK,
        /** Hard link where possible, else a copy. */
        AUTO
    }

    /** A model now present in the target folder. {@code how}: "copied", "hard-linked", "symlinked", "already installed". */
    public record Imported(ModelDownload model, Path source, Path installed, String how) {
    }

    /** A model that was not installed, and why. */
    public record Missing(ModelDownload model, String reason) {
    }

    /** The outcome for every requested model. */
    public record Report(List<Imported> imported, List<Missing> missing) {
    }

    private static final int MAX_DEPTH = 8;

    private final LicenceGate licenceGate;
    private final LinkMode linkMode;
    private final DownloadListener listener;

    public OfflineModelImporter(LicenceGate licenceGate, LinkMode linkMode, DownloadListener listener) {
        this.licenceGate = licenceGate;
        this.linkMode = linkMode;
        this.listener = listener == null ? DownloadListener.NONE : listener;
    }

    /**
     * Finds each model in {@code sourceDir} (searched recursively) by hash and places it in
     * {@code targetDir} under its manifest file name.
     *
     * @throws IOException when the source folder cannot be read or the target cannot be written
     */
    public Report installFromFolder(Path sourceDir, List<ModelDownload> models, Path targetDir) throws IOException {
        if (!Files.isDirectory(sourceDir)) {
            throw new IOException("--from folder does not exist or is not a folder: " + sourceDir);
        }
        Files.createDirectories(targetDir);
        List<Path> files = listCandidates(sourceDir);
        Map<Path, String> shaCache = new HashMap<>();
        List<Imported> imported = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (ModelDownload model : models) {
            Path target = targetDir.resolve(model.fileName());
            if (Files.isRegularFile(target) && verifies(model, target)) {
                imported.add(new Imported(model, target, target, "already installed"));
                continue;
            }
            try {
                licenceGate.requireAccepted(model);
            } catch (LicenceNotAcceptedException e) {
                missing.add(new Missing(model, e.getMessage()));
                continue;
            }
            Optional<Path> source = model.sha256() != null
                    ? findBySha256(model, files, shaCache)
                    : findBySidecar(model, files);
            if (source.isEmpty()) {
                missing.add(new Missing(model, model.sha256() != null
                        ? "no file in " + sourceDir + " has SHA-256 " + model.sha256()
                        : "no " + model.fileName() + " with a matching .hash sidecar in " + sourceDir
                                + " (the manifest has no SHA-256 to search by)"));
                continue;
            }
            try {
                String how = place(model, source.get(), target);
                imported.add(new Imported(model, source.get(), target, how));
                listener.onEvent(model.id(), how + " " + source.get() + " -> " + target);
            } catch (ModelVerificationException e) {
                missing.add(new Missing(model, e.getMessage()));
            }
        }
        return new Report(List.copyOf(imported), List.copyOf(missing));
    }

    private static boolean verifies(ModelDownload model, Path file) throws IOException {
        try {
            ModelVerifier.verifyFile(model, file);
            return true;
        } catch (ModelVerificationException e) {
            return false;
        }
    }

    private static List<Path> listCandidates(Path sourceDir) throws IOException {
        try (Stream<Path> walk = Files.walk(sourceDir, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.endsWith(".part") && !n.endsWith(".hash") && !n.endsWith(".import");
                    })
                    .sorted()
                    .toList();
        }
    }

    private Optional<Path> findBySha256(ModelDownload model, List<Path> files, Map<Path, String> shaCache)
            throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (Path f : files) {
            if (model.expectedSize().isEmpty() || Files.size(f) == model.expectedSize().getAsLong()) {
                candidates.add(f);
            }
        }
        // The same-named file is the likeliest match: hash it first.
        candidates.sort(Comparator.comparing((Path f) -> !f.getFileName().toString().equals(model.fileName())));
        for (Path f : candidates) {
            String sha = shaCache.get(f);
            if (sha == null) {
                listener.onEvent(model.id(), "hashing " + f);
                sha = StreamingHashes.of(f).sha256Hex();
                shaCache.put(f, sha);
            }
            if (sha.equals(model.sha256())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findBySidecar(ModelDownload model, List<Path> files) throws IOException {
        for (Path f : files) {
            if (f.getFileName().toString().equals(model.fileName()) && HashSidecar.readBeside(f).isPresent()
                    && verifies(model, f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Puts the source at the target via a temporary name, so the target name only ever holds a whole file. */
    private String place(ModelDownload model, Path source, Path target) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".import");
        Files.deleteIfExists(temp);
        String how;
        try {
            switch (linkMode) {
                case SYMLINK -> {
                    Files.createSymbolicLink(temp, source.toAbsolutePath());
                    how = "symlinked";
                }
                case HARDLINK -> {
                    Files.createLink(temp, source);
                    how = "hard-linked";
                }
                case AUTO -> {
                    how = tryHardLink(temp, source) ? "hard-linked" : copyVerified(model, source, temp);
                }
                case COPY -> how = copyVerified(model, source, temp);
                default -> throw new IllegalStateException("unknown link mode " + linkMode);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return how;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean tryHardLink(Path link, Path source) throws IOException {
        try {
            Files.createLink(link, source);
            return true;
        } catch (FileSystemException | UnsupportedOperationException e) {
            // Different file system or no hard links there: fall back to copying.
            return false;
        }
    }

    /** Copies while hashing, and verifies what was written, not just what was read earlier. */
    private String copyVerified(ModelDownload model, Path source, Path temp) throws IOException {
        StreamingHashes hashes = new StreamingHashes();
        long total = Files.size(source);
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(source); OutputStream out = Files.newOutputStream(temp)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                hashes.update(buf, 0, n);
                listener.onProgress(new DownloadProgress(model.id(), hashes.length(), total, 0));
            }
        }
        ModelVerifier.verify(model, hashes, HashSidecar.readBeside(source), source.toString());
        return "copied";
    }
}
