package org.manyfaces.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSearchPath;

import picocli.CommandLine.Option;

/**
 * The command line's way to the process's one {@link ModelCatalogue} (a picocli mixin of every command that
 * touches models): {@code --models DIR} folders searched first, then the standard {@link ModelSearchPath};
 * the manifest from {@code --manifest FILE}, else {@code $MANYFACES_MANIFEST}, else the copy packed into the
 * plug-in. The catalogue is built once and handed to the effects and presets the command runs, so a command
 * finds exactly the files the effects use.
 */
public final class ModelOptions {
    /** Environment variable naming the manifest when {@code --manifest} is not given. */
    public static final String ENV_MANIFEST = "MANYFACES_MANIFEST";

    @Option(names = "--models", paramLabel = "DIR",
            description = "Look for model files in DIR first (repeatable; before $MANYFACES_MODELS, the bundle's "
                    + "models and the installed models folders). fetch and install write into the first DIR.")
    List<Path> modelDirs = new ArrayList<>();

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The models manifest (default: $MANYFACES_MANIFEST, else the one packed into ManyFaces).")
    Path manifest;

    private Map<String, String> env = System.getenv();
    /** Options given before the subcommand ({@code models --models DIR install}); searched after this one's. */
    private ModelOptions parent;
    private ModelCatalogue catalogue;

    /** For tests: resolve against this environment instead of the process's. */
    void useEnvironment(Map<String, String> environment) {
        this.env = environment;
        this.catalogue = null;
    }

    /**
     * Also honours the options given to the parent command: {@code manyfaces models --models DIR install}
     * means the same as {@code manyfaces models install --models DIR}.
     */
    ModelOptions inheriting(ModelOptions parentOptions) {
        this.parent = parentOptions;
        this.catalogue = null;
        return this;
    }

    /** The {@code --models} folders: this command's, then its parent's. */
    List<Path> folders() {
        List<Path> all = new ArrayList<>(modelDirs);
        if (parent != null) {
            all.addAll(parent.folders());
        }
        return all;
    }

    private Path manifestOption() {
        return manifest != null ? manifest : parent != null ? parent.manifestOption() : null;
    }

    /** The catalogue of this command, built on first use and then kept. */
    public ModelCatalogue catalogue() {
        if (catalogue == null) {
            List<Path> searchPath = ModelSearchPath.of(folders(), bundleResources(), env,
                    System.getProperty("os.name", ""), System.getProperty("user.home", "."));
            Optional<Path> file = manifestFile();
            catalogue = file.isPresent()
                    ? new ModelCatalogue(ModelManifest.load(file.get()), file.get().toAbsolutePath().normalize().toString(),
                            searchPath)
                    : ModelCatalogue.packed(searchPath);
        }
        return catalogue;
    }

    /** The manifest file named by {@code --manifest} or {@code $MANYFACES_MANIFEST}; empty for the packed one. */
    private Optional<Path> manifestFile() {
        Path option = manifestOption();
        if (option != null) {
            return Optional.of(option);
        }
        String fromEnv = env.get(ENV_MANIFEST);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }

    /**
     * The folder {@code fetch} and {@code install} write into: the first {@code --models}, else the first
     * {@code $MANYFACES_MODELS} folder, else the user's installed models folder. Never the bundle's folder,
     * which belongs to the installer.
     */
    public Path installFolder() {
        List<Path> given = folders();
        if (!given.isEmpty()) {
            return given.get(0);
        }
        List<Path> fromEnv = ModelSearchPath.fromEnvironment(env);
        return !fromEnv.isEmpty() ? fromEnv.get(0) : ModelSearchPath.installedFolder(env,
                System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    /**
     * The bundle's {@code Contents/Resources} when this code runs from {@code Resources/lib/*.jar}; empty in
     * the build tree's classes and in tests.
     */
    static Optional<Path> bundleResources() {
        return codeLocation().filter(dir -> dir.getFileName() != null && dir.getFileName().toString().equals("lib"))
                .map(Path::getParent)
                .filter(res -> res.getFileName() != null && res.getFileName().toString().equals("Resources"));
    }

    /** The folder holding this code: the jar's folder, or the classes folder itself. */
    static Optional<Path> codeLocation() {
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
