package org.manyfaces.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.inference.InferenceException;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;

/**
 * What presets need to know about models: the manifest (ids, file names, SHA-256) and the folders models
 * are installed in. Presets never carry a model's folder, only its manifest id (or a file name relative to
 * a models folder) and its SHA-256, so a preset works on any machine that has the model installed.
 *
 * @param manifest the model manifest, or null when none could be read (then only file references work)
 * @param folders  the models folders, searched in order
 */
public record ModelCatalog(ModelManifest manifest, List<Path> folders) {
    /** Class-path copy of {@code models/manifest.json} (packed into the plug-in jar). */
    static final String MANIFEST_RESOURCE = "/org/manyfaces/models/manifest.json";

    public ModelCatalog {
        folders = List.copyOf(folders);
    }

    /**
     * The standard catalog: the manifest from the plug-in jar, and the folders of
     * {@link ModelLocator#standard} ({@code MANYFACES_MODELS}, the installed folder) plus the bundle's
     * {@code Resources/models} when there is one.
     */
    public static ModelCatalog standard(Optional<Path> resourcesDir) {
        List<Path> folders = new ArrayList<>(ModelLocator.standard(null, null).folders());
        resourcesDir.map(r -> r.resolve("models")).filter(Files::isDirectory).ifPresent(folders::add);
        return new ModelCatalog(BundledManifest.VALUE, folders);
    }

    /** Read once per process: the jar does not change under a running plug-in. */
    private static final class BundledManifest {
        static final ModelManifest VALUE = bundledManifest();
    }

    /** The manifest packed into the jar, or null when it is missing or unreadable (said on stderr). */
    static ModelManifest bundledManifest() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(MANIFEST_RESOURCE)) {
            if (in == null) {
                System.err.println("[ManyFaces] presets: no model manifest on the class path (" + MANIFEST_RESOURCE
                        + "); model ids in presets cannot be resolved");
                return null;
            }
            return ModelManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | InferenceException e) {
            System.err.println("[ManyFaces] presets: cannot read the bundled model manifest: " + e.getMessage());
            return null;
        }
    }

    Optional<ModelSpec> byId(String id) {
        return manifest == null ? Optional.empty() : manifest.find(id);
    }

    Optional<ModelSpec> bySha256(String sha256) {
        return manifest == null ? Optional.empty()
                : manifest.models().stream().filter(m -> sha256.equals(m.sha256())).findFirst();
    }

    Optional<ModelSpec> byFileName(String name) {
        return manifest == null ? Optional.empty()
                : manifest.models().stream().filter(m -> name.equals(m.file())).findFirst();
    }
}
