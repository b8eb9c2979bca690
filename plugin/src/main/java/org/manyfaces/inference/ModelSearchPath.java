package org.manyfaces.inference;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one order in which model files are looked for (README, "How model files are found"):
 *
 * <ol>
 *   <li>folders the caller names itself (the command line's {@code --models DIR}, in the order given);</li>
 *   <li>the folders in {@code MANYFACES_MODELS} ({@code :}-separated);</li>
 *   <li>the plug-in bundle's {@code Contents/Resources/models}, when running from a bundle;</li>
 *   <li>the installed models folder: the user's ({@code ~/.local/share/ManyFaces/models}, or under
 *       {@code $XDG_DATA_HOME}), then on Linux {@code /usr/local/share/ManyFaces/models}, where
 *       {@code install.sh} run as root puts them for every user;</li>
 *   <li>(Face Swap only) the FaceFusion models folder parameter, added by {@link ModelCatalogue#locator(String)}.</li>
 * </ol>
 *
 * Nothing else builds this list: the effects, every command and presets get it from their
 * {@link ModelCatalogue}.
 */
public final class ModelSearchPath {
    /** Environment variable with one or more model folders. */
    public static final String ENV_MODELS = "MANYFACES_MODELS";
    /** Where {@code installer/install.sh} puts models when run as root on Linux. */
    public static final Path SYSTEM_FOLDER_LINUX = Path.of("/usr/local/share/ManyFaces/models");

    private ModelSearchPath() {
    }

    /** The search path of this process (its environment, OS and home folder). */
    public static List<Path> ofProcess(List<Path> firstFolders, Optional<Path> bundleResources) {
        return of(firstFolders, bundleResources, System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."));
    }

    /**
     * The search path, in order and without repeats.
     *
     * @param firstFolders    folders named explicitly by the caller, searched first
     * @param bundleResources the bundle's {@code Contents/Resources}, when the code runs from a bundle
     */
    public static List<Path> of(List<Path> firstFolders, Optional<Path> bundleResources, Map<String, String> env,
                                String osName, String userHome) {
        Set<Path> folders = new LinkedHashSet<>(firstFolders);
        folders.addAll(fromEnvironment(env));
        bundleResources.ifPresent(r -> folders.add(r.resolve("models")));
        folders.add(installedFolder(env, osName, userHome));
        if (osName.toLowerCase(Locale.ROOT).contains("linux")) {
            folders.add(SYSTEM_FOLDER_LINUX);
        }
        return List.copyOf(folders);
    }

    /** The folders {@code MANYFACES_MODELS} names, in order (none when it is unset or blank). */
    public static List<Path> fromEnvironment(Map<String, String> env) {
        List<Path> folders = new ArrayList<>();
        String value = env.get(ENV_MODELS);
        if (value != null) {
            for (String part : value.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part.strip()));
                }
            }
        }
        return folders;
    }

    /** The user's installed models folder of this process (see {@link #installedFolder(Map, String, String)}). */
    public static Path installedFolder() {
        return installedFolder(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."));
    }

    /**
     * Where the user's models are installed: {@code %LOCALAPPDATA%\ManyFaces\models} on Windows,
     * {@code ~/Library/Application Support/ManyFaces/models} on macOS, else
     * {@code $XDG_DATA_HOME/ManyFaces/models} ({@code ~/.local/share/ManyFaces/models} by default), the folder
     * {@code install.sh} and {@code manyfaces models fetch} write to.
     */
    public static Path installedFolder(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("ManyFaces").resolve("models");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("ManyFaces").resolve("models");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("ManyFaces").resolve("models");
    }

    /**
     * The models folder of a FaceFusion checkout the user points at: its {@code .assets/models} when present,
     * else the folder itself (FaceFusion uses the same file names).
     */
    public static Path faceFusionModels(Path folder) {
        Path assets = folder.resolve(".assets").resolve("models");
        return Files.isDirectory(assets) ? assets : folder;
    }
}
