package org.manyfaces.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.manyfaces.inference.InferenceException;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;

import picocli.CommandLine.Option;

/**
 * Where models and the models manifest are found, shared by every subcommand that touches models
 * (a picocli mixin). Search order for model files: each {@code --models DIR} in the order given, then
 * {@code $MANYFACES_MODELS} (one or more folders separated by {@code :}), the installed models folder,
 * and the bundle's {@code Contents/Resources/models} when the command runs from an installed bundle.
 */
public final class ModelOptions {
    /** Environment variable naming the manifest when {@code --manifest} is not given. */
    public static final String ENV_MANIFEST = "MANYFACES_MANIFEST";

    @Option(names = "--models", paramLabel = "DIR",
            description = "Look for model files in DIR first (repeatable; before $MANYFACES_MODELS and the "
                    + "installed models folder).")
    List<Path> modelDirs = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The models manifest (default: $MANYFACES_MANIFEST, else models/manifest.json of the "
                    + "build tree or installed bundle).")
    Path manifest;

    private Map<String, String> env = System.getenv();

    /** For tests: resolve against this environment instead of the process's. */
    void useEnvironment(Map<String, String> environment) {
        this.env = environment;
    }

    /**
     * Hands {@code --models} to the effects run in this process: they locate models with
     * {@link ModelLocator#standard}, which reads {@link ModelLocator#PROPERTY_MODELS} first.
     */
    public void exportForEffects() {
        if (!modelDirs.isEmpty()) {
            System.setProperty(ModelLocator.PROPERTY_MODELS, String.join(File.pathSeparator,
                    modelDirs.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        }
    }

    /** The model search folders, in order, without duplicates. */
    public ModelLocator locator() {
        LinkedHashSet<Path> folders = new LinkedHashSet<>(modelDirs);
        String fromEnv = env.get(ModelLocator.ENV_MODELS);
        if (fromEnv != null) {
            for (String part : fromEnv.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part.trim()));
                }
            }
        }
        folders.add(ModelLocator.defaultInstalledFolder());
        bundleResources().map(r -> r.resolve("models")).ifPresent(folders::add);
        return new ModelLocator(new ArrayList<>(folders));
    }

    /** The folder that {@code fetch}/{@code install} write into: the first {@code --models}, else the first search folder. */
    public Path installFolder() {
        return locator().folders().get(0);
    }

    /** Loads the manifest; throws naming where it was looked for. */
    public ModelManifest loadManifest() {
        return ModelManifest.load(manifestPath());
    }

    /** The manifest file that {@link #loadManifest()} reads. */
    public Path manifestPath() {
        if (manifest != null) {
            return manifest;
        }
        String fromEnv = env.get(ENV_MANIFEST);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = codeLocation().orElse(null); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models").resolve("manifest.json");
            tried.add(candidate);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            if (tried.size() >= 8) {
                break;
            }
        }
        throw new InferenceException("no models manifest found (looked for models/manifest.json in "
                + tried.stream().map(p -> p.getParent().getParent().toString()).toList()
                + "); pass --manifest FILE or set " + ENV_MANIFEST);
    }

    /**
     * The bundle's {@code Contents/Resources} when this code runs from {@code Resources/lib/*.jar}; empty in
     * the build tree and in tests.
     */
    static Optional<Path> bundleResources() {
        return codeLocation().filter(dir -> dir.getFileName() != null && dir.getFileName().toString().equals("lib"))
                .map(Path::getParent)
                .filter(res -> res.getFileName() != null && res.getFileName().toString().equals("Resources"));
    }

    /** The folder holding this code: the jar's folder, or the classes folder itself. */
    private static Optional<Path> codeLocation() {
        try {
            CodeSource cs = ModelOptions.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(cs.getLocation().toURI()).toAbsolutePath();
            return Optional.ofNullable(Files.isDirectory(p) ? p : p.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
