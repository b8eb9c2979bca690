package org.manyfaces.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the real test models and media in {@code ../shared} beside the checkout (never committed).
 *
 * <p>Outside CI a missing file skips the test; with {@code CI=true} it fails it, so that a CI run can
 * never pass by silently skipping the tests that matter.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** The shared folder: {@code MANYFACES_SHARED} when set, else {@code <checkout>/../shared}. */
    public static Path root() {
        String env = System.getenv("MANYFACES_SHARED");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        // Tests run with the module folder (plugin/) as working directory; walk up to the checkout.
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("plugin"))) {
                return p.resolveSibling("shared").normalize();
            }
        }
        return dir.resolveSibling("shared").normalize();
    }

    public static Path model(String fileName) {
        return require(root().resolve("models").resolve(fileName));
    }

    public static Path media(String fileName) {
        return require(root().resolve("media").resolve(fileName));
    }

    private static Path require(Path p) {
        if (!Files.isRegularFile(p)) {
            String msg = "test file missing: " + p + " (the shared models/media folder beside the checkout)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            Assumptions.abort(msg);
        }
        return p;
    }
}
