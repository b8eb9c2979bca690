package org.manyfaces.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder for a bench's test-built models that is removed again when the bench ends, so that a bench
 * run leaves nothing behind in the temp folder (JUnit's {@code @TempDir} does this for tests; benches are
 * {@code main} programs).
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;

    public ScratchFolder(String prefix) {
        try {
            this.path = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for " + prefix, e);
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(path)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone, or unreadable: nothing a bench can do about it
        }
    }
}
