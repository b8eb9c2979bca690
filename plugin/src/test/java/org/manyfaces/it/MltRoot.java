package org.manyfaces.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The Debian unstable root with Debian's {@code melt} that {@code scripts/mlt-root.sh} builds and caches on
 * the machine, and commands run inside it (chroot, private /proc and /tmp).
 *
 * <p>When the root cannot be had (not Linux, not root and no password-less sudo, no debootstrap, no
 * mirror) the test is skipped, saying why; with {@code CI=true} it fails instead, so a CI run can never
 * pass without having rendered in MLT.
 */
final class MltRoot {
    /** Building a root measured under a minute here; allow for a slow mirror. */
    private static final long ENSURE_TIMEOUT_S = 20 * 60;

    private final Path script;
    private final Path root;
    private final double ensureSeconds;

    private MltRoot(Path script, Path root, double ensureSeconds) {
        this.script = script;
        this.root = root;
        this.ensureSeconds = ensureSeconds;
    }

    /** Today's root, built when missing (that is what takes time; a cached one is found at once). */
    static MltRoot ensure(Path repo) throws IOException, InterruptedException {
        Path script = repo.resolve("scripts/mlt-root.sh");
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            unavailable("MLT in a Debian root needs Linux, this is " + System.getProperty("os.name"));
        }
        long t0 = System.nanoTime();
        Run r = exec(List.of("bash", script.toString(), "ensure"), Map.of(), ENSURE_TIMEOUT_S);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String[] lines = r.stdout.strip().split("\n");
        Path root = Path.of(lines[lines.length - 1].strip());
        if (r.exitCode != 0 || !root.isAbsolute() || !Files.isRegularFile(root.resolve(".manyfaces-mlt-root"))) {
            unavailable("scripts/mlt-root.sh ensure could not provide the MLT root (exit " + r.exitCode + "):\n"
                    + r.stdout + r.stderr);
        }
        return new MltRoot(script, root, seconds);
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why);
        }
        Assumptions.abort(why);
    }

    Path root() {
        return root;
    }

    /** Wall-clock seconds {@link #ensure} took: the build time when it built the root, else about 0. */
    double ensureSeconds() {
        return ensureSeconds;
    }

    /** What the script recorded when it built the root (melt version, build timings, size). */
    String record() throws IOException {
        return Files.readString(root.resolve(".manyfaces-mlt-root"), StandardCharsets.UTF_8).strip()
                .replace('\n', ' ');
    }

    /** A fresh folder inside the root for one test run (removed again by {@link #delete}). */
    Path newWorkFolder() throws IOException {
        Path parent = Files.createDirectories(root.resolve("srv/manyfaces-it"));
        return Files.createTempDirectory(parent, "run-");
    }

    /** The path a process inside the root sees for {@code hostPath} (which must lie inside the root). */
    String inside(Path hostPath) {
        Path rel = root.relativize(hostPath.toAbsolutePath().normalize());
        if (rel.startsWith("..")) {
            throw new IllegalArgumentException(hostPath + " is not inside the root " + root);
        }
        return "/" + rel;
    }

    /** Runs {@code argv} inside the root with exactly {@code env} as its environment. */
    Run run(Map<String, String> env, List<String> argv, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "run", root.toString(), "/usr/bin/env",
                "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(argv);
        return exec(cmd, Map.of(), timeoutSeconds);
    }

    /** Deletes a folder made by {@link #newWorkFolder}, without following links out of it. */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** What a finished command gave: exit code, output, and its wall-clock time. */
    record Run(List<String> command, int exitCode, String stdout, String stderr, double seconds) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n"
                    + tail(stderr);
        }

        private static String tail(String s) {
            return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
        }
    }

    static Run exec(List<String> cmd, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("mlt-run", ".out");
        Path err = Files.createTempFile("mlt-run", ".err");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                // The script runs the command with --kill-child, so stopping it stops the command too.
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw new AssertionError("did not finish in " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(cmd, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), seconds);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
