package org.manyfaces.preset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The presets offered in an effect's "Preset" choice: the built-in ones shipped in the bundle's
 * {@code Contents/Resources/presets/}, then the user's own in the preset folder
 * ({@link #userFolder}). Files that do not parse are not offered (and said so on stderr); a broken user
 * file never hides the others.
 */
public final class PresetLibrary {
    /** One offered preset: the label shown in the choice, its file, and whether it ships with ManyFaces. */
    public record Entry(String label, Path file, boolean builtIn) {
    }

    private final List<Path> builtInFolders;
    private final Path userFolder;

    public PresetLibrary(List<Path> builtInFolders, Path userFolder) {
        this.builtInFolders = List.copyOf(builtInFolders);
        this.userFolder = userFolder;
    }

    /** The library of a plug-in bundle ({@code resourcesDir/presets}) and the standard user folder. */
    public static PresetLibrary standard(Optional<Path> resourcesDir) {
        return new PresetLibrary(resourcesDir.map(r -> List.of(r.resolve("presets"))).orElse(List.of()),
                userFolder(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", ".")));
    }

    /**
     * The user's preset folder: {@code %APPDATA%\ManyFaces\presets} on Windows,
     * {@code ~/Library/Application Support/ManyFaces/presets} on macOS, otherwise
     * {@code $XDG_CONFIG_HOME/manyfaces/presets} ({@code ~/.config/manyfaces/presets} by default).
     */
    public static Path userFolder(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming"))
                    .resolve("ManyFaces").resolve("presets");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("ManyFaces").resolve("presets");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("manyfaces").resolve("presets");
    }

    public Path userFolder() {
        return userFolder;
    }

    /** The presets for effect {@code effectId}: built-in first, then the user's, each in file-name order. */
    public List<Entry> entries(String effectId) {
        List<Entry> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        PresetLoader loader = new PresetLoader();
        for (Path dir : builtInFolders) {
            collect(dir, true, effectId, loader, labels, out);
        }
        if (userFolder != null) {
            collect(userFolder, false, effectId, loader, labels, out);
        }
        return out;
    }

    private static void collect(Path dir, boolean builtIn, String effectId, PresetLoader loader, Set<String> labels,
                                List<Entry> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + PresetFormat.EXTENSION)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            System.err.println("[ManyFaces] presets: cannot list " + dir + ": " + e.getMessage());
            return;
        }
        files.sort(null);
        for (Path f : files) {
            Preset p;
            try {
                p = loader.load(f);
            } catch (PresetException e) {
                System.err.println("[ManyFaces] presets: not offered: " + e.getMessage());
                continue;
            }
            if (!p.effectId().equals(effectId)) {
                continue;
            }
            String base = p.name().isBlank() ? stem(f) : p.name().strip();
            String label = builtIn ? base : "User: " + base;
            String unique = label;
            for (int n = 2; !labels.add(unique); n++) {
                unique = label + " (" + n + ")";
            }
            out.add(new Entry(unique, f, builtIn));
        }
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - PresetFormat.EXTENSION.length());
    }
}
