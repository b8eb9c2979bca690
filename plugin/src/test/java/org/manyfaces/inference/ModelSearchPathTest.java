package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one search order of model files (README, "How model files are found"). */
class ModelSearchPathTest {
    private static final Path BUNDLE = Path.of("/opt/ManyFaces.ofx.bundle/Contents/Resources");

    @Test
    void theOrderIsGivenFoldersEnvironmentBundleUserThenSystemFolder() {
        List<Path> path = ModelSearchPath.of(List.of(Path.of("/cli")), Optional.of(BUNDLE),
                Map.of("MANYFACES_MODELS", "/a:/b"), "Linux", "/home/u");
        assertEquals(List.of(Path.of("/cli"), Path.of("/a"), Path.of("/b"), BUNDLE.resolve("models"),
                Path.of("/home/u/.local/share/ManyFaces/models"), ModelSearchPath.SYSTEM_FOLDER_LINUX), path);
    }

    @Test
    void withoutEnvironmentOrBundleTheInstalledFoldersRemain() {
        assertEquals(List.of(Path.of("/x/ManyFaces/models"), ModelSearchPath.SYSTEM_FOLDER_LINUX),
                ModelSearchPath.of(List.of(), Optional.empty(), Map.of("XDG_DATA_HOME", "/x", "MANYFACES_MODELS", " "),
                        "Linux", "/home/u"));
        // The system folder is where install.sh puts models as root on Linux only.
        assertEquals(List.of(Path.of("/Users/u/Library/Application Support/ManyFaces/models")),
                ModelSearchPath.of(List.of(), Optional.empty(), Map.of(), "Mac OS X", "/Users/u"));
    }

    @Test
    void aFolderNamedTwiceIsSearchedOnceAtItsFirstPlace() {
        List<Path> path = ModelSearchPath.of(List.of(Path.of("/home/u/.local/share/ManyFaces/models")),
                Optional.empty(), Map.of("MANYFACES_MODELS", "/a::/a"), "Linux", "/home/u");
        assertEquals(List.of(Path.of("/home/u/.local/share/ManyFaces/models"), Path.of("/a"),
                ModelSearchPath.SYSTEM_FOLDER_LINUX), path);
    }

    @Test
    void theFaceFusionFolderComesLast() {
        ModelCatalogue c = ModelCatalogue.packed(List.of(Path.of("/a")));
        assertEquals(List.of(Path.of("/a"), Path.of("/ff")), c.locator("/ff").folders());
        assertEquals(List.of(Path.of("/a")), c.locator(" ").folders());
    }
}
