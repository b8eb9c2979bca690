package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shared steps of the reliability ITs: a render of Image Translate's diagnostic negative (an effect whose
 * every output pixel is known from the input: {@link PixelChainIT#negativeMix}) through the test host, and
 * the checks every case makes: the host exited 0, which frames failed with which status, the error
 * messages it was shown, and that the frames that rendered are right.
 */
final class ReliabilityRuns {
    static final String TRANSLATE = "org.manyfaces.ImageTranslate";
    static final String FACE_SWAP = "org.manyfaces.FaceSwap";
    static final double MIX = 0.5;
    /** Frames checked against an exact closed form are rendered without the disclosure watermark's pattern. */
    static final String NO_WATERMARK = "watermark=0";

    private ReliabilityRuns() {
    }

    /**
     * Host arguments for frames {@code first..last} of the diagnostic negative at Mix 0.5, plus {@code extra}.
     * The disclosure watermark is off: the frames are checked against the negative's exact closed form.
     */
    static String[] negativeArgs(Path input, String outputPattern, int first, int last, String... extra) {
        List<String> a = new ArrayList<>(List.of("--plugin", TRANSLATE, "--input", input.toString(), "--frames",
                first + "-" + last, "--set", "model=1", "--set", "mix=" + MIX, "--set", NO_WATERMARK));
        if (outputPattern != null) {
            a.add("--output");
            a.add(outputPattern);
        }
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static TestHost.Result run(Map<String, String> env, String... args) throws Exception {
        return TestHost.run(env, args);
    }

    /** Like {@link TestHost#run} but with a caller's time limit (the long soak outlives TestHost's 300 s). */
    static TestHost.Result runFor(Duration limit, Map<String, String> env, String... args) throws Exception {
        return TestHost.runFor(limit, env, args);
    }

    /** The host survived: exit 0 and no crash report on stdout. */
    static void assertSurvived(TestHost.Result r) {
        assertEquals(0, r.exitCode, "host exit code\n" + r);
        assertTrue(!r.stdout.contains("host handler caught"), "host crash handler ran\n" + r);
    }

    /** The OfxMessageError texts the host was shown. */
    static List<String> errors(TestHost.Result r) {
        return r.messages().stream().filter(m -> m.get("type").equals("OfxMessageError")).map(m -> m.get("text"))
                .toList();
    }

    /** The first error message that contains every one of {@code words}; fails naming what was shown. */
    static String errorContaining(TestHost.Result r, String... words) {
        for (String e : errors(r)) {
            boolean all = true;
            for (String w : words) {
                all &= e.contains(w);
            }
            if (all) {
                return e;
            }
        }
        throw new AssertionError("no error message containing " + List.of(words) + "; shown: " + errors(r) + "\n" + r);
    }

    /**
     * A run of frames 0-3 whose input was bad for frames 0 and 1 and repaired by {@code --run-after 1 CMD}:
     * the host survived, the repair command succeeded, frames 0-1 failed and frames 2-3 rendered. Returns
     * the statuses by frame.
     */
    static Map<Integer, Integer> assertFailedThenRepaired(TestHost.Result r) {
        assertSurvived(r);
        assertEquals(0, r.one("ran").getInt("rc"), "repair command\n" + r);
        Map<Integer, Integer> st = statuses(r);
        assertTrue(st.get(0) != 0 && st.get(1) != 0, "frames 0-1 fail\n" + r);
        assertEquals(0, (int) st.get(2), r.toString());
        assertEquals(0, (int) st.get(3), r.toString());
        return st;
    }

    /** Frame number to render status. */
    static Map<Integer, Integer> statuses(TestHost.Result r) {
        return r.frames().stream().collect(Collectors.toMap(f -> f.getInt("frame"), f -> f.getInt("status"),
                (a, b) -> a == 0 ? b : a));
    }

    /** Every frame of the output pattern in {@code frames} holds the negative of {@code src} at Mix 0.5. */
    static void assertNegativeFrames(TestImage src, String outputPattern, int... frames) throws Exception {
        for (int f : frames) {
            TestImage got = TestImage.read(Path.of(String.format(outputPattern, f)));
            PixelChainIT.assertNegativeMix(src, got, MIX, PixelChainIT.tolerance("byte"), "frame " + f);
        }
    }

    /** A short quote of a message for the table. */
    static String quote(String message) {
        // Temp folders differ per run; the table should not.
        String m = message.replace("ManyFaces: ", "").replaceAll("/tmp/junit-?\\d+", "<tmp>");
        return "'" + (m.length() > 240 ? m.substring(0, 237) + "..." : m) + "'";
    }
}
