package org.manyfaces.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs bridge-native's {@code ofx-testhost} as a separate process on the assembled bundle and parses
 * its line protocol ({@code frame=…}, {@code message …}, {@code param …}, {@code value …}, {@code key …},
 * {@code bench …}, {@code summary …}). A crash of the plug-in can only take down that process, never
 * the test JVM.
 */
final class TestHost {
    private static final Pattern FIELD_START = Pattern.compile("\\s(?=[A-Za-z_][A-Za-z0-9_]*=)");

    private TestHost() {
    }

    static Path executable() {
        return require(System.getProperty("manyfaces.testhost"), "ofx-testhost (bridge-native/target)");
    }

    static Path bundle() {
        return require(System.getProperty("manyfaces.bundle"), "ManyFaces.ofx.bundle (plugin/target)");
    }

    /**
     * The TEST-ONLY bundle variant: the product bundle plus {@code manyfaces-faults.jar}, the fault injector
     * ({@link org.manyfaces.faults.FaultInjection}) that {@value #FAULTS_ENV} drives. Built by plugin/pom.xml
     * (assemble-faults-bundle) before the host-driven tests; the product bundle ignores the variable.
     */
    static Path faultsBundle() {
        return require(System.getProperty("manyfaces.faults.bundle"), "ManyFaces-faults.ofx.bundle (plugin/target)");
    }

    static final String FAULTS_ENV = org.manyfaces.faults.FaultInjection.ENV;

    private static Path require(String prop, String what) {
        Path p = prop == null ? null : Path.of(prop);
        if (p == null || !Files.exists(p)) {
            String msg = what + " missing at " + p + ": run through 'mvn verify' from the checkout root";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            Assumptions.abort(msg);
        }
        return p;
    }

    /** Runs the host with {@code args} then the bundle path; {@code env} entries are added (null removes). */
    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runFor(Duration.ofSeconds(300), env, args);
    }

    /** {@link #run} with a time limit of the caller's (a long soak outlives the default 300 s). */
    static Result runFor(Duration limit, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runOn(bundle(), limit, env, args);
    }

    /** Runs the host on the test-only bundle with the faults {@code faults} injected ({@value #FAULTS_ENV}). */
    static Result runWithFaults(String faults, String... args) throws IOException, InterruptedException {
        return runOn(faultsBundle(), Duration.ofSeconds(300), Map.of(FAULTS_ENV, faults), args);
    }

    private static Result runOn(Path bundle, Duration limit, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.addAll(List.of(args));
        cmd.add(bundle.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // Each run logs into its own state folder (read back into Result.log), never the user's ~/.local/state.
        Path state = Files.createTempDirectory("ofx-testhost-state");
        pb.environment().put("XDG_STATE_HOME", state.toString());
        pb.environment().remove("MANYFACES_LOG");
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        Path out = Files.createTempFile("ofx-testhost", ".out");
        Path err = Files.createTempFile("ofx-testhost", ".err");
        try {
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ofx-testhost did not finish in " + limit.toSeconds() + " s: " + String.join(" ", cmd));
            }
            return new Result(cmd, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), readLog(state));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            deleteTree(state);
        }
    }

    /** The plug-in's log file(s) under the state folder {@code state}, older part first; empty when none was written. */
    private static String readLog(Path state) throws IOException {
        Path dir = state.resolve("ManyFaces");
        StringBuilder log = new StringBuilder();
        for (String name : List.of("manyfaces.log.1", "manyfaces.log")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                log.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return log.toString();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** One parsed line: its kind (first word) and its name=value fields. */
    record Line(String kind, Map<String, String> fields) {
        String get(String key) {
            String v = fields.get(key);
            if (v == null) {
                throw new AssertionError("line " + kind + " " + fields + " has no " + key);
            }
            return v;
        }

        int getInt(String key) {
            return Integer.parseInt(get(key));
        }

        double getDouble(String key) {
            return Double.parseDouble(get(key));
        }
    }

    /** What one run printed. */
    static final class Result {
        final List<String> command;
        final int exitCode;
        final String stdout;
        final String stderr;
        /** What the plug-in wrote to its log file during the run ({@code $XDG_STATE_HOME/ManyFaces}). */
        final String log;
        final List<Line> lines = new ArrayList<>();

        Result(List<String> command, int exitCode, String stdout, String stderr, String log) {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.log = log;
            for (String raw : stdout.split("\n")) {
                Line l = parse(raw.strip());
                if (l != null) {
                    lines.add(l);
                }
            }
        }

        private static Line parse(String raw) {
            if (raw.isEmpty()) {
                return null;
            }
            Map<String, String> f = new LinkedHashMap<>();
            String kind;
            String rest;
            if (raw.startsWith("frame=")) {
                kind = "frame";
                rest = raw;
            } else {
                int sp = raw.indexOf(' ');
                kind = sp < 0 ? raw : raw.substring(0, sp);
                rest = sp < 0 ? "" : raw.substring(sp + 1);
            }
            if (kind.equals("message")) {
                // text= is last and free-form: take everything after it verbatim.
                int t = rest.indexOf("text=");
                if (t >= 0) {
                    f.put("text", rest.substring(t + 5));
                    rest = rest.substring(0, t);
                }
            }
            for (String part : FIELD_START.split(" " + rest)) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    f.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
                }
            }
            return new Line(kind, f);
        }

        List<Line> all(String kind) {
            return lines.stream().filter(l -> l.kind.equals(kind)).toList();
        }

        List<Line> frames() {
            return all("frame");
        }

        List<Line> messages() {
            return all("message");
        }

        Line one(String kind) {
            List<Line> l = all(kind);
            if (l.size() != 1) {
                throw new AssertionError("expected one '" + kind + "' line, got " + l.size() + "\n" + this);
            }
            return l.get(0);
        }

        /** The {@code param} line of {@code name}. */
        Line param(String name) {
            return all("param").stream().filter(l -> name.equals(l.fields.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no param " + name + "\n" + this));
        }

        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout\n" + stdout
                    + "\n--- stderr\n" + stderr + "\n--- plug-in log\n" + log;
        }
    }
}
