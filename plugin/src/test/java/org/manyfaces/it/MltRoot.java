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
 * <p>When the root cannot be had (not Linux, not root, no debootstrap, no mirror) the test is skipped,
 * saying why; with {@code CI=true} it fails instead, so a CI run can never
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
        // The renders run as root inside the root and write into it; a non-root test JVM could not read back
        // or delete what they leave, so it is told so here rather than failing half-way.
        Run id = exec(List.of("id", "-u"), Map.of(), 10);
        if (!"0".equals(id.stdout().strip())) {
            unavailable("MltHostIT needs to run as root (chroot, mount namespace, files written inside the root); "
                    + "this test JVM runs as uid " + id.stdout().strip());
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

    /**
     * Runs {@code argv} inside the root with exactly {@code env} as its environment. When its stderr so far
     * contains {@code stuckMark} and it has not ended {@link #STUCK_GRACE_S} seconds later, it is stopped and
     * the run says so ({@link Run#abandoned}).
     */
    Run run(Map<String, String> env, List<String> argv, long timeoutSeconds, String stuckMark)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString(), "run", root.toString(), "/usr/bin/env",
                "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(argv);
        return exec(cmd, Map.of(), timeoutSeconds, stuckMark);
    }

    /** How long a command may go on after printing its stuck mark (a finished one exits within a second). */
    static final long STUCK_GRACE_S = 5;

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
    record Run(List<String> command, int exitCode, String stdout, String stderr, double seconds, boolean abandoned) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit " + exitCode + (abandoned ? " (stopped: stuck)" : "")
                    + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr);
        }

        private static String tail(String s) {
            return s.length() <= 6000 ? s : "..." + s.substring(s.length() - 6000);
        }
    }

    static Run exec(List<String> cmd, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        return exec(cmd, env, timeoutSeconds, null);
    }

    private static Run exec(List<String> cmd, Map<String, String> env, long timeoutSeconds, String stuckMark)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("mlt-run", ".out");
        Path err = Files.createTempFile("mlt-run", ".err");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long stuckSince = 0;
            boolean abandoned = false;
            Process p = pb.start();
            while (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                if (now > deadline) {
                    stop(p);
                    throw new AssertionError("did not finish in " + timeoutSeconds + " s: " + String.join(" ", cmd)
                            + "\n" + Files.readString(err, StandardCharsets.UTF_8));
                }
                if (stuckMark != null && stuckSince == 0 && Files.readString(err, StandardCharsets.UTF_8).contains(stuckMark)) {
                    stuckSince = now;
                }
                if (stuckSince != 0 && now - stuckSince > TimeUnit.SECONDS.toNanos(STUCK_GRACE_S)) {
                    stop(p);
                    abandoned = true;
                    break;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Run(cmd, abandoned ? -1 : p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), seconds, abandoned);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /**
     * SIGKILL at once: unshare --fork ignores SIGTERM while it waits, and its --kill-child then takes every
     * process of the command's PID namespace with it.
     */
    private static void stop(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
