package org.manyfaces.effect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;

/**
 * The models Image Translate offers by name: the translator entries of the model manifest
 * ({@code models/manifest.json}, packed into the plug-in jar), and where to find their files.
 *
 * <p>The list is the whole manifest, not only the files present on this machine: a choice parameter's
 * options are fixed when the host describes the effect, and a saved project stores the option's index,
 * so the list must not depend on what happens to be installed. A missing file is reported when a frame
 * is rendered, naming the folders searched.
 */
public final class TranslateModelCatalog {
    /** Class-path location of the manifest (copied from {@code models/manifest.json} at build time). */
    public static final String MANIFEST_RESOURCE = "/org/manyfaces/models/manifest.json";
    /** The detectors tried, in order, for the "Faces only" region. */
    static final List<String> FACE_DETECTORS = List.of("yunet_2023mar", "yunet_s_dynamic", "scrfd_500m_bnkps",
            "retinaface_mbnet0.25", "scrfd_2.5g", "retinaface_10g", "yunet_2023_mar_facefusion");

    private static final ModelManifest MANIFEST = loadManifest();

    private TranslateModelCatalog() {
    }

    private static ModelManifest loadManifest() {
        try (InputStream in = TranslateModelCatalog.class.getResourceAsStream(MANIFEST_RESOURCE)) {
            if (in == null) {
                // A jar built without its resources: the effect still offers a model file and the diagnostic.
                System.err.println("[ManyFaces] " + MANIFEST_RESOURCE + " is missing from the class path; "
                        + "Image Translate offers only model files");
                return ModelManifest.parse("{\"schemaVersion\":1,\"models\":[]}");
            }
            return ModelManifest.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + MANIFEST_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The manifest packed with the plug-in. */
    public static ModelManifest manifest() {
        return MANIFEST;
    }

    /** Translator entries in manifest order: the named models of the Model choice, after the fixed options. */
    public static List<ModelSpec> translators() {
        return MANIFEST.ofKind(ModelKind.TRANSLATOR);
    }

    /** The menu label of a manifest translator: its id, plus its scale when it changes the size. */
    public static String label(ModelSpec spec) {
        Object scale = spec.extras() == null ? null : spec.extras().get("scale");
        boolean upscales = scale instanceof Number n && n.doubleValue() > 1;
        return spec.id() + (upscales ? " (x" + ((Number) scale).intValue() + " super-resolution)" : "");
    }

    /**
     * The search path for model files: {@code MANYFACES_MODELS}, the bundle's {@code Resources/models}
     * (when the installer put models there), then the user's installed models folder.
     */
    public static ModelLocator locator(Optional<Path> resourcesDir) {
        List<Path> folders = new ArrayList<>();
        ModelLocator standard = ModelLocator.standard(null, null);
        String env = System.getenv(ModelLocator.ENV_MODELS);
        int fromEnv = env == null || env.isBlank() ? 0 : standard.folders().size() - 1;
        folders.addAll(standard.folders().subList(0, fromEnv));
        resourcesDir.map(r -> r.resolve("models")).filter(Files::isDirectory).ifPresent(folders::add);
        folders.addAll(standard.folders().subList(fromEnv, standard.folders().size()));
        return new ModelLocator(folders);
    }

    /** The first face detector of {@link #FACE_DETECTORS} whose file the locator finds. */
    static Optional<Path> faceDetector(ModelLocator locator) {
        for (String id : FACE_DETECTORS) {
            Optional<ModelSpec> spec = MANIFEST.find(id);
            if (spec.isPresent()) {
                Optional<Path> file = locator.find(spec.get().file());
                if (file.isPresent()) {
                    return file;
                }
            }
        }
        return Optional.empty();
    }
}
