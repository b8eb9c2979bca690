package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertNegativeFrames;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;
import static org.manyfaces.it.ReliabilityRuns.errorContaining;
import static org.manyfaces.it.ReliabilityRuns.negativeArgs;
import static org.manyfaces.it.ReliabilityRuns.quote;
import static org.manyfaces.it.ReliabilityRuns.statuses;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exception (or an OutOfMemoryError, or a storm of JVM-internal SIGSEGVs) in every OFX action, made
 * with {@code MANYFACES_FAULT_INJECTION} on the test-only bundle variant, in a real host process: the host exits 0, the action reports a
 * failure status, the user gets an error message that names the action, and every frame the failure does
 * not prevent still renders correctly. A real native crash, in contrast, must reach the host's own crash
 * handler.
 */
class FaultActionsIT {
    private static final ReliabilityTable TABLE = new ReliabilityTable(FaultActionsIT.class);
    private static final String AREA = "Java action faults";

    @TempDir
    static Path dir;
    static TestImage src;
    static Path input;

    @BeforeAll
    static void input() throws Exception {
        src = TestImage.pattern(PixelChainIT.W, PixelChainIT.H);
        input = dir.resolve("in.pam");
        src.write(input);
    }

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    /**
     * rendersFrames: whether a failure of this action still lets the host render (a failed Load, Describe,
     * DescribeInContext or CreateInstance leaves it without an instance); hostReportsStatus: whether the
     * test host prints the failed status (it does not for the "no" answers of RoD and IsIdentity, which it
     * treats as "use the default").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "load, false, true",
            "describe, false, true",
            "describeInContext, false, true",
            "createInstance, false, true",
            "getClipPreferences, true, true",
            "instanceChanged, true, true",
            "beginSequenceRender, true, true",
            "getRegionOfDefinition@2, true, false",
            "isIdentity@2, true, false",
            "endSequenceRender, true, true",
            "destroyInstance, true, true",
            "unload, true, true"})
    void exceptionInAction(String spec, boolean rendersFrames, boolean hostReportsStatus) throws Exception {
        String action = spec.contains("@") ? spec.substring(0, spec.indexOf('@')) : spec;
        TABLE.check(AREA, "IllegalStateException in " + spec, () -> {
            String out = dir.resolve(action + "_%04d.pam").toString();
            // --press mix sends InstanceChanged, so that action is exercised too.
            TestHost.Result r = TestHost.runWithFaults(spec, negativeArgs(input, out, 0, 3, "--press", "mix"));
            assertSurvived(r);
            String msg = bugReported(r, action, "injected fault");
            if (hostReportsStatus) {
                assertTrue(r.all("action").stream().anyMatch(a -> a.get("name").toLowerCase().endsWith(action.toLowerCase())
                        && a.getInt("status") == 1), "failed status of " + action + "\n" + r);
            }
            Map<Integer, Integer> st = statuses(r);
            if (rendersFrames) {
                assertEquals(Map.of(0, 0, 1, 0, 2, 0, 3, 0), st, r.toString());
                assertNegativeFrames(src, out, 0, 1, 2, 3);
                return "exit 0; status 1; message " + quote(msg) + "; frames 0-3 render correctly";
            }
            assertTrue(st.isEmpty(), r.toString());
            assertEquals(4, r.one("summary").getInt("failed"), r.toString());
            return "exit 0; status 1; message " + quote(msg) + "; no instance, so frames 0-3 are reported failed";
        });
    }

    /**
     * An exception in an action is a bug: the host hears the generic sentence naming the OFX action and the log
     * file, with no class name or the exception's own words; the log holds those ({@code logWords}) and the
     * stack trace. Returns the host's message.
     */
    private static String bugReported(TestHost.Result r, String action, String... logWords) {
        String msg = errorContaining(r, "ManyFaces hit an internal error", "[MF-999]");
        assertTrue(msg.toLowerCase().contains(action.toLowerCase()) && msg.contains("manyfaces.log"), msg + "\n" + r);
        assertFalse(msg.contains("Exception") || msg.contains("injected fault"), msg + "\n" + r);
        for (String w : logWords) {
            assertTrue(r.log.contains(w), "the log holds '" + w + "'\n" + r);
        }
        assertTrue(r.log.contains("\tat "), "the log holds the stack trace\n" + r);
        return msg;
    }

    @Test
    void theProductBundleIgnoresTheFaultVariable() throws Exception {
        // The fault injector is only in the test-only bundle: on the shipped one the variable does nothing.
        String out = dir.resolve("product_%04d.pam").toString();
        TestHost.Result r = TestHost.run(Map.of(TestHost.FAULTS_ENV, "createInstance,render@2:oom,render@3:native-crash"),
                negativeArgs(input, out, 0, 3, "--install-sigsegv-handler"));
        assertSurvived(r);
        assertEquals(Map.of(0, 0, 1, 0, 2, 0, 3, 0), statuses(r), r.toString());
        assertTrue(ReliabilityRuns.errors(r).isEmpty(), r.toString());
        assertFalse(r.log.contains("injected fault") || r.stderr.contains("injected fault"), r.toString());
        assertNegativeFrames(src, out, 0, 1, 2, 3);
    }

    @Test
    void exceptionInRenderFailsOnlyThatFrame() throws Exception {
        TABLE.check(AREA, "IllegalStateException in render@2", () -> {
            String out = dir.resolve("render_%04d.pam").toString();
            TestHost.Result r = TestHost.runWithFaults("render@2", negativeArgs(input, out, 0, 3));
            assertSurvived(r);
            String msg = bugReported(r, "render", "injected fault", "render at frame 2");
            assertEquals(Map.of(0, 0, 1, 0, 2, 1, 3, 0), statuses(r), r.toString());
            assertNegativeFrames(src, out, 0, 1, 3);
            return "exit 0; frame 2 status 1 (kOfxStatFailed); message " + quote(msg) + "; frame 3 renders correctly";
        });
    }

    @Test
    void outOfMemoryInRenderIsAMemoryError() throws Exception {
        TABLE.check(AREA, "OutOfMemoryError in render@2", () -> {
            String out = dir.resolve("oom_%04d.pam").toString();
            TestHost.Result r = TestHost.runWithFaults("render@2:oom", negativeArgs(input, out, 0, 3));
            assertSurvived(r);
            String msg = errorContaining(r, "ran out of Java memory", "MANYFACES_JAVA_XMX", "[MF-902]");
            // The Java class and stack trace are for the log file, not for the host's user.
            assertTrue(r.log.contains("java.lang.OutOfMemoryError") && !msg.contains("java.lang"), r.toString());
            assertEquals(Map.of(0, 0, 1, 0, 2, 8, 3, 0), statuses(r), r.toString());
            assertNegativeFrames(src, out, 3);
            return "exit 0; frame 2 status 8 (kOfxStatErrMemory, the host may purge and retry); message "
                    + quote(msg) + "; frame 3 renders correctly";
        });
    }

    @Test
    void jvmInternalFaultsDuringARealRenderDoNotReachTheHostsHandler() throws Exception {
        TABLE.check("Signals", "host installs its own SIGSEGV handler after Load; 100k NPEs (implicit null checks) "
                + "inside render@1, 2 render threads", () -> {
            String out = dir.resolve("storm_%04d.pam").toString();
            TestHost.Result r = TestHost.runWithFaults("render@1:npe-storm",
                    negativeArgs(input, out, 0, 3, "--threads", "2", "--install-sigsegv-handler"));
            assertSurvived(r);
            assertEquals(Map.of(0, 0, 1, 0, 2, 0, 3, 0), statuses(r), r.toString());
            assertNegativeFrames(src, out, 0, 1, 2, 3);
            assertTrue(ReliabilityRuns.errors(r).isEmpty(), r.toString());
            return "exit 0; the host's handler never ran; frames 0-3 (frame 1 with the storm) render correctly";
        });
    }

    @Test
    void aRealNativeCrashStillReachesTheHostsHandler() throws Exception {
        TABLE.check("Signals", "real native crash (NULL+16 read in native code) inside render@1 under the host's "
                + "SIGSEGV handler", () -> {
            TestHost.Result r = TestHost.runWithFaults("render@1:native-crash",
                    negativeArgs(input, null, 0, 3, "--install-sigsegv-handler"));
            assertEquals(99, r.exitCode, "the host's handler exits 99\n" + r);
            assertTrue(r.stdout.contains("host handler caught SIGSEGV"), r.toString());
            assertEquals(Map.of(0, 0), statuses(r), r.toString());
            assertFalse(r.stdout.contains("summary"), r.toString());
            return "the host's crash handler runs (exit 99) after frame 0 rendered: crashes are reported, not "
                    + "swallowed by the JVM";
        });
    }
}
