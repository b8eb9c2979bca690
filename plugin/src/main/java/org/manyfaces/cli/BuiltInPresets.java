package org.manyfaces.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.manyfaces.preset.PresetException;
import org.manyfaces.preset.PresetFormat;
import org.manyfaces.preset.PresetLoader;

/**
 * The presets that ship with ManyFaces, named on the command line by file name without {@code .json}
 * ({@code face-natural-swap}) or by the name they carry ("Natural swap"): {@code manyfaces preset show
 * face-natural-swap}. They live in the bundle's {@code Contents/Resources/presets}, or, when the command runs
 * from the build tree, in the checkout's {@code presets/}.
 */
final class BuiltInPresets {
    private BuiltInPresets() {
    }

    /** The folder of the built-in presets, if this installation has one. */
    static Optional<Path> folder() {
        Optional<Path> bundle = ModelOptions.bundleResources().map(r -> r.resolve("presets")).filter(Files::isDirectory);
        if (bundle.isPresent()) {
            return bundle;
        }
        // Build tree: plugin/target/classes (or a jar beside it) a few levels below the checkout's presets/.
        Path dir = ModelOptions.codeLocation().orElse(null);
        for (int up = 0; dir != null && up < 5; up++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("presets")) && Files.isRegularFile(dir.resolve("models/manifest.json"))) {
                return Optional.of(dir.resolve("presets"));
            }
        }
        return Optional.empty();
    }

    /** The built-in preset files, in file-name order. */
    static List<Path> files() {
        List<Path> out = new ArrayList<>();
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get(), "*" + PresetFormat.EXTENSION)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }

    /** The built-in preset called {@code name} (file name without extension, or its name, any case). */
    static Optional<Path> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Path f : files()) {
            if (stem(f).toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(f);
            }
        }
        PresetLoader loader = new PresetLoader();
        for (Path f : files()) {
            try {
                if (loader.load(f).name().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(f);
                }
            } catch (PresetException unreadable) {
                // A broken file never hides the others; validate names it when asked for by path.
            }
        }
        return Optional.empty();
    }

    /** The names {@link #find} accepts by file name, for messages. */
    static List<String> names() {
        return files().stream().map(BuiltInPresets::stem).toList();
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - PresetFormat.EXTENSION.length());
    }
}
