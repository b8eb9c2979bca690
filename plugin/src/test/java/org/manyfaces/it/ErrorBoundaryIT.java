package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures stay inside the plug-in: an exception in Java render becomes a failed status and a host
 * message and the host renders the next frame; a missing Java runtime leaves the host running with a
 * clear message; unloading and reloading the binary keeps working.
 */
class ErrorBoundaryIT {
    @TempDir
    Path dir;

    private TestHost.Result renderWithFault(String fault, String out) throws Exception {
        TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        Path in = dir.resolve("in.pam");
        src.write(in);
        return TestHost.runWithFaults(fault, "--plugin", "org.manyfaces.ImageTranslate",
                "--input", in.toString(), "--output", out, "--frames", "0-5", "--set", "model=1", "--set", ReliabilityRuns.NO_WATERMARK, "--set", "mix=0.5");
    }

    @Test
    void exceptionInRenderFailsThatFrameOnly() throws Exception {
        String out = dir.resolve("f_%04d.pam").toString();
        TestHost.Result r = renderWithFault("render@3", out);
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(6, r.frames().size(), r.toString());
        for (TestHost.Line f : r.frames()) {
            int expected = f.getInt("frame") == 3 ? 1 : 0; // kOfxStatFailed only at the injected frame
            assertEquals(expected, f.getInt("status"), r.toString());
        }
        List<TestHost.Line> errors = r.messages().stream().filter(m -> m.get("type").equals("OfxMessageError")).toList();
        assertEquals(1, errors.size(), r.toString());
        // An unexpected exception is a bug: the host hears a generic sentence naming the log, the log gets the rest.
        String text = errors.get(0).get("text");
        assertTrue(text.startsWith("ManyFaces hit an internal error") && text.endsWith("[MF-999]")
                && text.contains(".log"), r.toString());
        assertFalse(text.contains("Exception") || text.contains("injected fault"), r.toString());
        assertTrue(r.log.contains("injected fault") && r.log.contains("frame 3") && r.log.contains("\tat "),
                r.toString());
        TestHost.Line summary = r.one("summary");
        assertEquals(5, summary.getInt("rendered"));
        assertEquals(1, summary.getInt("failed"));
        // Frames after the failure are rendered correctly by the same instance.
        TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        for (int f : new int[] {4, 5}) {
            PixelChainIT.assertNegativeMix(src, TestImage.read(Path.of(String.format(out, f))), 0.5,
                    PixelChainIT.tolerance("byte"), "frame " + f + " after the fault");
        }
    }

    /**
     * A user's mistake with otherwise default settings (Face Swap's source face names a file that is not there)
     * fails each frame with the effect's own sentence and its code, no Java class name; the log keeps one line
     * per failure and no stack trace. Needs no model: the source face is checked first.
     */
    @Test
    void aUsersMistakeShowsItsSentenceAndCodeNotAClassName() throws Exception {
        Path in = dir.resolve("in.pam");
        TestImage.pattern(PixelChainIT.W, PixelChainIT.H).write(in);
        Path missing = dir.resolve("no-such-face.jpg");
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.FaceSwap", "--input", in.toString(),
                "--output", dir.resolve("m_%04d.pam").toString(), "--frames", "0-1", "--set", "sourceFaces=" + missing);
        assertEquals(0, r.exitCode, r.toString());
        r.frames().forEach(f -> assertEquals(1, f.getInt("status"), r.toString()));
        List<String> errors = r.messages().stream().filter(m -> m.get("type").equals("OfxMessageError"))
                .map(m -> m.get("text")).toList();
        assertEquals(2, errors.size(), "one message per failed frame\n" + r);
        for (String text : errors) {
            assertEquals("ManyFaces: Face Swap: source face image not found: " + missing + " [MF-303]", text, r.toString());
        }
        assertFalse(r.log.contains("\tat ") || r.log.contains("Exception"),
                "a user's mistake is no bug: no stack trace or class name in the log\n" + r);
        assertFalse(r.stderr.contains("Exception"), r.toString());
    }

    @Test
    void outOfMemoryInRenderIsReportedAsMemoryError() throws Exception {
        TestHost.Result r = renderWithFault("render@2:oom", dir.resolve("o_%04d.pam").toString());
        assertEquals(0, r.exitCode, r.toString());
        for (TestHost.Line f : r.frames()) {
            int expected = f.getInt("frame") == 2 ? 8 : 0; // kOfxStatErrMemory lets the host purge and retry
            assertEquals(expected, f.getInt("status"), r.toString());
        }
        // The host hears one sentence; the Java details (class, stack trace) are in the plug-in's log only.
        assertTrue(r.messages().stream().anyMatch(m -> m.get("text").contains("ran out of Java memory")), r.toString());
        assertTrue(r.log.contains("java.lang.OutOfMemoryError") && r.log.contains("\tat "), r.toString());
        assertTrue(!r.stderr.contains("OutOfMemoryError") && !r.stderr.contains("\tat "), r.toString());
    }

    @Test
    void noJavaRuntimeLeavesTheHostAliveWithAClearMessage() throws Exception {
        Path in = dir.resolve("in.pam");
        TestImage.pattern(4, 4).write(in);
        Map<String, String> noJava = Map.of("MANYFACES_JAVA_HOME", dir.resolve("no-such-jre").toString());
        TestHost.Result r = TestHost.run(noJava, "--plugin", "org.manyfaces.FaceSwap", "--input", in.toString(),
                "--output", dir.resolve("n_%04d.pam").toString(), "--frames", "0-1");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.messages().stream().anyMatch(m -> m.get("text").contains("no Java runtime")), r.toString());
        assertEquals(0, r.one("summary").getInt("rendered"), r.toString());

        TestHost.Result d = TestHost.run(noJava, "--describe", "org.manyfaces.FaceSwap");
        assertEquals(0, d.exitCode, d.toString());
        assertTrue(d.stdout.contains("OfxPropLabel=Face Swap (unavailable: no Java runtime)"), d.toString());
    }

    @Test
    void reloadingTheBinaryKeepsTheSameJvmWorking() throws Exception {
        TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("r_%04d.pam").toString();
        TestHost.Result r = TestHost.run("--plugin", "org.manyfaces.ImageTranslate", "--input", in.toString(),
                "--output", out, "--frames", "0-1", "--reload", "3", "--set", "model=1", "--set", ReliabilityRuns.NO_WATERMARK, "--set", "mix=1");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(3, r.all("reload").size(), r.toString());
        r.frames().forEach(f -> assertEquals(0, f.getInt("status"), r.toString()));
        PixelChainIT.assertNegativeMix(src, TestImage.read(Path.of(String.format(out, 1))), 1,
                PixelChainIT.tolerance("byte"), "after reload");
    }

    @Test
    void javaFailuresStayContainedUnderTheHostsOwnCrashHandler() throws Exception {
        // Hosts with crash reporters install a SIGSEGV handler after the JVM exists; Java's own traps
        // (implicit null checks, stack banging) must still reach the JVM, and failures still stop at the
        // dispatcher.
        TestImage src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("c_%04d.pam").toString();
        TestHost.Result r = TestHost.runWithFaults("render@1", "--plugin",
                "org.manyfaces.ImageTranslate", "--input", in.toString(), "--output", out, "--frames", "0-3",
                "--threads", "2", "--install-sigsegv-handler", "--set", "model=1", "--set", ReliabilityRuns.NO_WATERMARK, "--set", "mix=0.5");
        assertEquals(0, r.exitCode, r.toString());
        for (TestHost.Line f : r.frames()) {
            assertEquals(f.getInt("frame") == 1 ? 1 : 0, f.getInt("status"), r.toString());
        }
        PixelChainIT.assertNegativeMix(src, TestImage.read(Path.of(String.format(out, 3))), 0.5,
                PixelChainIT.tolerance("byte"), "frame 3 under the host's handler");
    }
}
