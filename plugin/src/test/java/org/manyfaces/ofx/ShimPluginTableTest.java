package org.manyfaces.ofx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.EffectCatalogue;

/**
 * The shim's checked-in plug-in table is what {@link ShimPluginTable} makes of {@link EffectCatalogue} now:
 * adding, removing or relabelling an effect without regenerating it fails here with the command to run.
 */
class ShimPluginTableTest {
    @Test
    void theCheckedInShimTableMatchesTheCatalogue() throws IOException {
        Path file = repoRoot().resolve(ShimPluginTable.FILE);
        String expected = ShimPluginTable.render(EffectCatalogue.effects());
        if (Boolean.getBoolean("manyfaces.regenerateShimTable")) {
            Files.writeString(file, expected);
        }
        String actual = Files.isRegularFile(file) ? Files.readString(file) : "(missing)";
        assertEquals(expected, actual, ShimPluginTable.FILE + " is out of date with EffectCatalogue; regenerate it: "
                + ShimPluginTable.REGENERATE);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bridge-native/src")) && Files.isDirectory(p.resolve("plugin"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
}
