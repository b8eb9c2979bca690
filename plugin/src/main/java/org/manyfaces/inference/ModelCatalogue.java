package org.manyfaces.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one model catalogue of a process: which models exist (the manifest), where their files are looked for
 * (one ordered {@link ModelSearchPath}) and which detector stands for each family ({@link DetectorPreference}).
 *
 * <p>It is built once per process, by the OFX bridge for the plug-in and by the command line's model options
 * for a {@code manyfaces} command, and handed to both effects and to presets through their context, so Face
 * Swap, Image Translate, {@code detect}, {@code models}, {@code preset} and {@code render} resolve the same file
 * for the same settings. Immutable and thread-safe.
 */
public final class ModelCatalogue {
    /** Class-path location of the manifest (copied from {@code models/manifest.json} into the jar at build time). */
    public static final String MANIFEST_RESOURCE = "/org/manyfaces/models/manifest.json";

    private final ModelManifest manifest;
    private final String manifestSource;
    private final List<Path> searchPath;

    /**
     * @param manifest       the models manifest
     * @param manifestSource where it was read from, for messages ({@code models list} prints it)
     * @param searchPath     model folders in search order (normally {@link ModelSearchPath#of})
     */
    public ModelCatalogue(ModelManifest manifest, String manifestSource, List<Path> searchPath) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.manifestSource = Objects.requireNonNull(manifestSource, "manifestSource");
        this.searchPath = List.copyOf(searchPath);
    }

    /** The manifest packed into the plug-in with this search path (tests, and every caller without --manifest). */
    public static ModelCatalogue packed(List<Path> searchPath) {
        return new ModelCatalogue(packedManifest(), "packed in the plug-in (" + MANIFEST_RESOURCE + ")", searchPath);
    }

    /** The catalogue of the OFX plug-in: the packed manifest and this process's search path. */
    public static ModelCatalogue forPlugin(Optional<Path> bundleResources) {
        return packed(ModelSearchPath.ofProcess(List.of(), bundleResources));
    }

    /** The manifest packed into the jar, read once per process; empty (said on stderr) in a jar built without it. */
    public static ModelManifest packedManifest() {
        return Packed.VALUE;
    }

    /** Read once: the jar does not change under a running process. */
    private static final class Packed {
        static final ModelManifest VALUE = read();

        private static ModelManifest read() {
            try (InputStream in = ModelCatalogue.class.getResourceAsStream(MANIFEST_RESOURCE)) {
                if (in == null) {
                    System.err.println("[ManyFaces] " + MANIFEST_RESOURCE + " is missing from the class path; no "
                            + "model is known by id (rebuild the plug-in)");
                    return ModelManifest.parse("{\"schemaVersion\":1,\"models\":[]}");
                }
                return ModelManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + MANIFEST_RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** Where the manifest came from (a file, or the copy packed in the plug-in). */
    public String manifestSource() {
        return manifestSource;
    }

    /** The model folders, in search order. */
    public List<Path> searchPath() {
        return searchPath;
    }

    /** A locator over the search path. */
    public ModelLocator locator() {
        return new ModelLocator(searchPath);
    }

    /**
     * A locator over the search path and then, when {@code faceFusionFolder} is not blank, that FaceFusion
     * folder (Face Swap's "FaceFusion models folder" parameter is searched last).
     */
    public ModelLocator locator(String faceFusionFolder) {
        if (faceFusionFolder == null || faceFusionFolder.isBlank()) {
            return locator();
        }
        List<Path> folders = new ArrayList<>(searchPath);
        folders.add(ModelSearchPath.faceFusionModels(Path.of(faceFusionFolder.strip())));
        return new ModelLocator(folders);
    }

    public Optional<ModelSpec> byId(String id) {
        return manifest.find(id);
    }

    public Optional<ModelSpec> bySha256(String sha256) {
        return manifest.models().stream().filter(m -> m.acceptedHashes().contains(sha256)).findFirst();
    }

    public Optional<ModelSpec> byFileName(String name) {
        return manifest.models().stream().filter(m -> name.equals(m.file())).findFirst();
    }

    /**
     * The manifest entry whose SHA-256 this file has, whatever it is called and wherever it lies: a model the
     * manifest knows runs under the manifest's contract even when the user picks it as a file. The hash is
     * cached by path, size and modification time ({@link FileDigests}), so asking per frame is cheap.
     */
    public Optional<ModelSpec> identify(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return bySha256(FileDigests.sha256(file));
    }

    /** A detector model found on disk and the score threshold its publisher recommends. */
    public record Detector(ModelSpec spec, Path file, float defaultThreshold) {
    }

    /** The best installed detector of {@code family} ({@link DetectorPreference}) along {@code locator}. */
    public Optional<Detector> detector(String family, ModelLocator locator) {
        for (ModelSpec m : DetectorPreference.candidates(manifest, family)) {
            Optional<Path> p = locator.find(m.file());
            if (p.isPresent()) {
                return Optional.of(new Detector(m, p.get(), DetectorPreference.defaultThreshold(m)));
            }
        }
        return Optional.empty();
    }

    /** {@link #detector} or a {@link ModelFileException} naming the files, the folders and how to install one. */
    public Detector requireDetector(String family, ModelLocator locator, String who) {
        return detector(family, locator).orElseThrow(() -> {
            List<ModelSpec> candidates = DetectorPreference.candidates(manifest, family);
            return new ModelFileException(who + ": no " + family + " face detector model is installed (looked for "
                    + candidates.stream().map(ModelSpec::file).toList() + " in " + locator.folders() + ")"
                    + (candidates.isEmpty() ? "" : "; " + installHint(candidates.get(0)))
                    + ", or set " + ModelSearchPath.ENV_MODELS + " to a folder holding one");
        });
    }

    /** The best installed detector of any family, families in {@link DetectorPreference#FAMILIES} order. */
    public Optional<Detector> anyDetector(ModelLocator locator) {
        for (String family : DetectorPreference.FAMILIES) {
            Optional<Detector> d = detector(family, locator);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /**
     * How to install a manifest model, as commands that exist: download it, or take it from a folder that holds
     * it (matched by SHA-256). Every "not installed" message ends with this.
     */
    public static String installHint(ModelSpec spec) {
        String fetch = spec.primaryConfirmed() ? " (download)"
                : " --trust-unverified (download; no confirmed SHA-256 can check it)";
        return "install it with: manyfaces models fetch " + spec.id() + fetch + ", or manyfaces models install "
                + "--from DIR " + spec.id() + " (from a folder holding the file)";
    }
}
