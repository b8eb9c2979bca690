package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;
import static org.manyfaces.it.ReliabilityRuns.quote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken Java side of the bundle (corrupt, truncated or missing jars; a JVM that is too old, is not a
 * library, or refuses its options) on a COPY of the real bundle (its own shim file, symlinks to the real
 * jars and natives except the one broken on purpose). The host must survive, show the plug-in as
 * unavailable with the reason in its label, post the reason once, and fail every other action.
 */
class FaultRuntimeIT {
    private static final ReliabilityTable TABLE = new ReliabilityTable(FaultRuntimeIT.class);
    private static final String AREA = "Runtime";
    private static final String PLUGIN_JAR_GLOB = "manyfaces-plugin-";

    @TempDir
    Path dir;

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    /** Removes the copy's links before JUnit's cleanup, which warns about every link leaving the temp dir. */
    @AfterEach
    void unlinkCopy() throws Exception {
        Path copy = dir.resolve("ManyFaces.ofx.bundle");
        if (!Files.exists(copy, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(copy)) {
            for (Path p : all.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A copy of the bundle: the shim copied (it finds Resources from its real path), the rest linked. */
    private Path copyBundle() throws Exception {
        Path real = TestHost.bundle();
        Path copy = dir.resolve("ManyFaces.ofx.bundle");
        Path bin = Files.createDirectories(copy.resolve("Contents/Linux-x86-64"));
        Files.copy(real.resolve("Contents/Linux-x86-64/ManyFaces.ofx"), bin.resolve("ManyFaces.ofx"));
        Path res = Files.createDirectories(copy.resolve("Contents/Resources/lib"));
        Files.createSymbolicLink(copy.resolve("Contents/Resources/native"), real.resolve("Contents/Resources/native"));
        try (Stream<Path> jars = Files.list(real.resolve("Contents/Resources/lib"))) {
            for (Path j : jars.toList()) {
                Files.createSymbolicLink(res.resolve(j.getFileName()), j);
            }
        }
        return copy;
    }

    private static Path jar(Path bundle, String prefix) throws Exception {
        try (Stream<Path> jars = Files.list(bundle.resolve("Contents/Resources/lib"))) {
            return jars.filter(j -> j.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in the bundle"));
        }
    }

    /** Replaces the linked jar with {@code bytes} (null: removes it). */
    private static void replace(Path jar, byte[] bytes) throws Exception {
        Files.delete(jar);
        if (bytes != null) {
            Files.write(jar, bytes);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /**
     * Describe shows "(unavailable: summary)" in the label; a render run exits 0, posts the reason once and
     * renders nothing. Returns the row text.
     */
    private String assertUnavailable(Path bundle, Map<String, String> env, String summary) throws Exception {
        List<String> describe = new ArrayList<>(List.of("--describe", ReliabilityRuns.TRANSLATE));
        TestHost.Result d = runOn(bundle, env, describe);
        assertSurvived(d);
        assertTrue(d.stdout.contains("prop OfxPropLabel=Image Translate (unavailable: " + summary + ")"), d.toString());

        Path in = dir.resolve("in.pam");
        TestImage.pattern(4, 4).write(in);
        TestHost.Result r = runOn(bundle, env, List.of("--plugin", ReliabilityRuns.TRANSLATE, "--input", in.toString(),
                "--frames", "0-1"));
        assertSurvived(r);
        List<String> errors = ReliabilityRuns.errors(r);
        assertEquals(1, errors.size(), "the reason is posted once\n" + r);
        assertTrue(errors.get(0).contains(summary), r.toString());
        assertEquals(0, r.one("summary").getInt("rendered"), r.toString());
        assertTrue(r.stderr.contains("ManyFaces: plugin unavailable: " + summary), r.toString());
        return "exit 0; label 'Image Translate (unavailable: " + summary + ")'; message " + quote(errors.get(0))
                + "; frames fail";
    }

    private static TestHost.Result runOn(Path bundle, Map<String, String> env, List<String> args) throws Exception {
        Map<String, String> e = new HashMap<>(env);
        String previous = System.getProperty("manyfaces.bundle");
        // TestHost appends its bundle; point it at the copy for this run.
        System.setProperty("manyfaces.bundle", bundle.toString());
        try {
            return TestHost.run(e, args.toArray(String[]::new));
        } finally {
            System.setProperty("manyfaces.bundle", previous);
        }
    }

    @Test
    void randomBytesAsThePluginJar() throws Exception {
        TABLE.check(AREA, "plug-in jar replaced by random bytes", () -> {
            Path b = copyBundle();
            replace(jar(b, PLUGIN_JAR_GLOB), randomBytes(100_000));
            return assertUnavailable(b, Map.of(), "ManyFaces classes missing");
        });
    }

    @Test
    void truncatedPluginJar() throws Exception {
        TABLE.check(AREA, "plug-in jar truncated to half", () -> {
            Path b = copyBundle();
            Path j = jar(b, PLUGIN_JAR_GLOB);
            byte[] all = Files.readAllBytes(j);
            replace(j, java.util.Arrays.copyOf(all, all.length / 2));
            return assertUnavailable(b, Map.of(), "ManyFaces classes missing");
        });
    }

    @Test
    void missingPluginJar() throws Exception {
        TABLE.check(AREA, "plug-in jar missing", () -> {
            Path b = copyBundle();
            replace(jar(b, PLUGIN_JAR_GLOB), null);
            return assertUnavailable(b, Map.of(), "ManyFaces classes missing");
        });
    }

    @Test
    void corruptJnaJar() throws Exception {
        TABLE.check(AREA, "JNA jar (needed by Bridge.init) replaced by random bytes", () -> {
            Path b = copyBundle();
            replace(jar(b, "jna-"), randomBytes(50_000));
            return assertUnavailable(b, Map.of(), "Java init failed");
        });
    }

    @Test
    void javaTooOld() throws Exception {
        TABLE.check(AREA, "MANYFACES_JAVA_HOME is Java 11 (release file)", () -> {
            Path jre = Files.createDirectories(dir.resolve("jre11/lib/server")).getParent().getParent();
            Files.writeString(jre.resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
            Files.write(jre.resolve("lib/server/libjvm.so"), randomBytes(4096));
            return assertUnavailable(TestHost.bundle(), Map.of("MANYFACES_JAVA_HOME", jre.toString()), "Java too old");
        });
    }

    @Test
    void libjvmIsNotALibrary() throws Exception {
        TABLE.check(AREA, "MANYFACES_JAVA_HOME says Java 17 but libjvm.so is random bytes", () -> {
            Path jre = Files.createDirectories(dir.resolve("jre17/lib/server")).getParent().getParent();
            Files.writeString(jre.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
            Files.write(jre.resolve("lib/server/libjvm.so"), randomBytes(4096));
            return assertUnavailable(TestHost.bundle(), Map.of("MANYFACES_JAVA_HOME", jre.toString()), "cannot load Java");
        });
    }

    @Test
    void noJavaRuntime() throws Exception {
        TABLE.check(AREA, "MANYFACES_JAVA_HOME points nowhere", () -> assertUnavailable(TestHost.bundle(),
                Map.of("MANYFACES_JAVA_HOME", dir.resolve("no-such-jre").toString()), "no Java runtime"));
    }

    @Test
    void jvmRefusesItsOptions() throws Exception {
        TABLE.check(AREA, "JVM refuses its options (MANYFACES_JVM_OPTS=-XX:+NoSuchOption)", () -> assertUnavailable(
                TestHost.bundle(), Map.of("MANYFACES_JVM_OPTS", "-XX:+NoSuchOption"), "JVM start failed"));
    }

    @Test
    void impossibleHeapSize() throws Exception {
        TABLE.check(AREA, "MANYFACES_JAVA_XMX=lots (not a size)", () -> assertUnavailable(TestHost.bundle(),
                Map.of("MANYFACES_JAVA_XMX", "lots"), "JVM start failed"));
    }
}
