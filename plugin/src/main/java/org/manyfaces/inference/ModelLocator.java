package org.manyfaces.inference;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds model files by name along a search path: {@code MANYFACES_MODELS} (one or more folders), the
 * installed models folder, then an optional FaceFusion {@code .assets/models} folder the user points at
 * (FaceFusion uses the same file names). Optionally checks size and SHA-256 against the manifest.
 */
public final class ModelLocator {
    public static final String ENV_MODELS = "MANYFACES_MODELS";
    /**
     * System property with model folders searched before {@link #ENV_MODELS} (same syntax). The
     * {@code manyfaces} command line sets it from {@code --models DIR}, so the effects it runs find the same
     * models as the command itself.
     */
    public static final String PROPERTY_MODELS = "manyfaces.models";

    private final List<Path> folders;

    /** A locator over exactly these folders, searched in order. */
    public ModelLocator(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /**
     * The standard search path.
     *
     * @param installedFolder  the installed models folder, or null for {@link #defaultInstalledFolder()}
     * @param faceFusionFolder a FaceFusion checkout or its {@code .assets/models} folder, or null
     */
    public static ModelLocator standard(Path installedFolder, Path faceFusionFolder) {
        return standard(System.getenv(), System.getProperties().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()),
                        e -> String.valueOf(e.getValue()))), installedFolder, faceFusionFolder);
    }

    static ModelLocator standard(Map<String, String> env, Map<String, String> props, Path installedFolder,
                                 Path faceFusionFolder) {
        List<Path> list = new ArrayList<>();
        String fromProperty = props.get(PROPERTY_MODELS);
        if (fromProperty != null && !fromProperty.isBlank()) {
            for (String part : fromProperty.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    list.add(Path.of(part.trim()));
                }
            }
        }
        String fromEnv = env.get(ENV_MODELS);
        if (fromEnv != null && !fromEnv.isBlank()) {
            for (String part : fromEnv.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    list.add(Path.of(part.trim()));
                }
            }
        }
        list.add(installedFolder != null ? installedFolder : defaultInstalledFolder(env, props));
        if (installedFolder == null && isLinux(props)) {
            // install.sh run as root puts models here, for every user of the machine.
            list.add(SYSTEM_FOLDER_LINUX);
        }
        if (faceFusionFolder != null) {
            Path assets = faceFusionFolder.resolve(".assets").resolve("models");
            list.add(Files.isDirectory(assets) ? assets : faceFusionFolder);
        }
        return new ModelLocator(list);
    }

    /** Where the installer puts models: ~/.local/share/ManyFaces/models on Linux (the same folder install.sh and `manyfaces models fetch` write to) (XDG_DATA_HOME honoured). */
    public static Path defaultInstalledFolder() {
        return defaultInstalledFolder(System.getenv(), Map.of("os.name", System.getProperty("os.name", ""),
                "user.home", System.getProperty("user.home", ".")));
    }

    static Path defaultInstalledFolder(Map<String, String> env, Map<String, String> props) {
        String os = props.getOrDefault("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(props.getOrDefault("user.home", "."));
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

    /** Where {@code installer/install.sh} puts models when run as root on Linux. */
    public static final Path SYSTEM_FOLDER_LINUX = Path.of("/usr/local/share/ManyFaces/models");

    private static boolean isLinux(Map<String, String> props) {
        return props.getOrDefault("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
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
                + " into one of these folders, or set " + ENV_MODELS));
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
