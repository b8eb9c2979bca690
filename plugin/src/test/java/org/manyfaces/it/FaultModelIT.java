package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.manyfaces.it.ReliabilityRuns.assertSurvived;
import static org.manyfaces.it.ReliabilityRuns.quote;
import static org.manyfaces.it.ReliabilityRuns.statuses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Bad model files for Image Translate ("Model file"), in a real host process. Each run renders frames 0-3;
 * the model file is bad for frames 0 and 1, and the test host's {@code --run-after 1 CMD} puts a good model
 * (a Neg network: with the inferred [-1,1] contract its output is 1 - source, the same closed form as the
 * diagnostic negative) in its place before frame 2. So every case checks, in one process: the failing
 * frames get a failed status and a message that names the problem, and the next frames render correctly
 * with the repaired file (nothing stale is cached).
 */
class FaultModelIT {
    private static final ReliabilityTable TABLE = new ReliabilityTable(FaultModelIT.class);
    private static final String AREA = "Model file";
    static final int W = 32;
    static final int H = 16;

    @TempDir
    static Path dir;
    static TestImage src;
    static Path input;
    static Path good;

    @BeforeAll
    static void models() throws Exception {
        src = TestImage.pattern(W, H);
        input = dir.resolve("in.pam");
        src.write(input);
        good = negateModel().write(dir.resolve("negate.onnx"));
    }

    @AfterAll
    static void writeTable() throws Exception {
        TABLE.write();
    }

    /** y = -x, NCHW, any size: a translator whose output is 1 - source under the inferred [-1,1] contract. */
    static OnnxModelBuilder negateModel() {
        return new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, 3, "h", "w")
                .output("y", ElementType.FLOAT, 1, 3, "h", "w")
                .node(OnnxModelBuilder.op("Neg").in("x").out("y"));
    }

    private static String sh(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    /**
     * Renders frames 0-3 with {@code modelFile} as the model file and {@code repair} run after frame 1;
     * checks frames 0-1 fail with a message containing every one of {@code words} and frames 2-3 render the
     * negative. Returns the row text.
     */
    private static String badThenRepaired(String name, Path modelFile, String repair, String... words) throws Exception {
        String out = dir.resolve(name + "_%04d.pam").toString();
        TestHost.Result r = TestHost.run(Map.of(), "--plugin", ReliabilityRuns.TRANSLATE,
                "--input", input.toString(), "--frames", "0-3", "--set", "model=0", "--set", "modelFile=" + modelFile,
                "--set", "mix=" + ReliabilityRuns.MIX, "--set", ReliabilityRuns.NO_WATERMARK, "--set", "executionProvider=2", "--set", "fitting=2", "--output", out,
                "--run-after", "1", repair);
        Map<Integer, Integer> st = ReliabilityRuns.assertFailedThenRepaired(r);
        String msg = ReliabilityRuns.errorContaining(r, words);
        long failures = ReliabilityRuns.errors(r).size();
        assertEquals(2, failures, "one error message per failed frame\n" + r);
        ReliabilityRuns.assertNegativeFrames(src, out, 2, 3);
        return "exit 0; frames 0-1 status " + st.get(0) + "; message " + quote(msg)
                + "; after the file is repaired frames 2-3 render correctly in the same process";
    }

    @Test
    void missingFile() throws Exception {
        Path p = dir.resolve("missing.onnx");
        TABLE.check(AREA, "missing file", () -> badThenRepaired("missing", p, "cp " + sh(good) + " " + sh(p),
                "not found", p.getFileName().toString()));
    }

    @Test
    void emptyFile() throws Exception {
        Path p = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        TABLE.check(AREA, "empty file", () -> badThenRepaired("empty", p, "cp " + sh(good) + " " + sh(p),
                "empty.onnx", "empty"));
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] all = negateModel().toBytes();
        Path p = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(all, all.length / 2));
        TABLE.check(AREA, "truncated file (first half of a valid model)", () -> badThenRepaired("truncated", p,
                "cp " + sh(good) + " " + sh(p), "truncated.onnx"));
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        Path p = Files.write(dir.resolve("random.onnx"), junk);
        TABLE.check(AREA, "4 KiB of random bytes", () -> badThenRepaired("random", p, "cp " + sh(good) + " " + sh(p),
                "random.onnx"));
    }

    @Test
    void validOnnxWithTheWrongContract() throws Exception {
        // Five channels: no axis of size 1 or 3 to read as colour, so no translator contract fits.
        Path p = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, 5, "h", "w")
                .output("y", ElementType.FLOAT, 1, 5, "h", "w")
                .node(OnnxModelBuilder.op("Neg").in("x").out("y"))
                .write(dir.resolve("five_channels.onnx"));
        TABLE.check(AREA, "valid ONNX with the wrong contract (1x5xHxW)", () -> badThenRepaired("contract", p,
                "cp " + sh(good) + " " + sh(p), "contract"));
    }

    @Test
    void modelThatFailsInsideOnnxRuntime() throws Exception {
        // Declares 1x3xHxW in and out, and the target shape is computed from the input at run time (its shape
        // with the height doubled), so no check before the run can see it; the Reshape to twice the elements
        // then fails inside session.run, in ONNX Runtime's native code, surfacing as an OrtException.
        Path p = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, 3, "h", "w")
                .output("y", ElementType.FLOAT, 1, 3, "h", "w")
                .initializerInt64("twice_h", new long[] {4}, 1, 1, 2, 1)
                .node(OnnxModelBuilder.op("Shape").in("x").out("s"))
                .node(OnnxModelBuilder.op("Mul").in("s", "twice_h").out("s2"))
                .node(OnnxModelBuilder.op("Reshape").in("x", "s2").out("y"))
                .write(dir.resolve("bad_reshape.onnx"));
        TABLE.check("Inference", "native ONNX Runtime error at run time (Reshape to an impossible shape)",
                () -> badThenRepaired("reshape", p, "cp " + sh(good) + " " + sh(p), "bad_reshape.onnx"));
    }

    @Test
    void aDirectoryInsteadOfAFile() throws Exception {
        // Root reads chmod-000 files, so permission bits cannot make a model unreadable here; a directory is
        // unreadable as a model for every user.
        Path p = Files.createDirectories(dir.resolve("folder.onnx"));
        TABLE.check(AREA, "unreadable: a directory given as the model file", () -> badThenRepaired("folder", p,
                "rm -rf " + sh(p) + " && cp " + sh(good) + " " + sh(p), "folder.onnx", "not a regular file"));
    }

    @Test
    void aPathThroughARegularFile() throws Exception {
        Path parent = Files.write(dir.resolve("plain.bin"), new byte[] {1, 2, 3});
        Path p = parent.resolve("model.onnx");
        TABLE.check(AREA, "unreadable: a path through a regular file (ENOTDIR)", () -> badThenRepaired("enotdir", p,
                "rm -f " + sh(parent) + " && mkdir " + sh(parent) + " && cp " + sh(good) + " " + sh(p), "model.onnx"));
    }

    @Test
    void permissionBitsAsRoot() throws Exception {
        Path p = Files.copy(good, dir.resolve("chmod000.onnx"));
        Files.setPosixFilePermissions(p, java.util.Set.of());
        boolean root = "root".equals(System.getProperty("user.name"));
        TABLE.check(AREA, "chmod 000 model file", () -> {
            String out = dir.resolve("chmod_%04d.pam").toString();
            TestHost.Result r = TestHost.run(Map.of(), "--plugin", ReliabilityRuns.TRANSLATE,
                    "--input", input.toString(), "--frames", "0-1", "--set", "model=0", "--set", "modelFile=" + p,
                    "--set", "mix=" + ReliabilityRuns.MIX, "--set", ReliabilityRuns.NO_WATERMARK, "--set", "executionProvider=2", "--set", "fitting=2", "--output", out);
            assertSurvived(r);
            Map<Integer, Integer> st = statuses(r);
            if (root) {
                // Root's read ignores the mode bits: the model loads, which is what the host's user would see.
                assertEquals(Map.of(0, 0, 1, 0), st, r.toString());
                ReliabilityRuns.assertNegativeFrames(src, out, 0, 1);
                return "tests run as root, which reads mode-000 files: the model loads and frames render correctly "
                        + "(see the two unreadable rows)";
            }
            assertTrue(st.get(0) != 0 && st.get(1) != 0, r.toString());
            String msg = ReliabilityRuns.errorContaining(r, "chmod000.onnx");
            return "exit 0; frames fail; message " + quote(msg);
        });
    }

    @Test
    void deletedWhileTheHostRuns() throws Exception {
        Path p = Files.copy(good, dir.resolve("deleted.onnx"));
        TABLE.check(AREA, "deleted while the host runs (after frame 2 of 0-5)", () -> {
            String out = dir.resolve("deleted_%04d.pam").toString();
            TestHost.Result r = TestHost.run(Map.of(), "--plugin", ReliabilityRuns.TRANSLATE,
                    "--input", input.toString(), "--frames", "0-5", "--set", "model=0", "--set", "modelFile=" + p,
                    "--set", "mix=" + ReliabilityRuns.MIX, "--set", ReliabilityRuns.NO_WATERMARK, "--set", "executionProvider=2", "--set", "fitting=2", "--output", out,
                    "--run-after", "2", "rm -f " + sh(p));
            assertSurvived(r);
            assertEquals(0, r.one("ran").getInt("rc"), r.toString());
            Map<Integer, Integer> st = statuses(r);
            ReliabilityRuns.assertNegativeFrames(src, out, 0, 1, 2);
            List<String> after = new ArrayList<>();
            for (int f = 3; f <= 5; f++) {
                if (st.get(f) == 0) {
                    ReliabilityRuns.assertNegativeFrames(src, out, f);
                    after.add("frame " + f + " ok");
                } else {
                    after.add("frame " + f + " status " + st.get(f));
                }
            }
            boolean allFailed = after.stream().noneMatch(a -> a.endsWith("ok"));
            String msg = allFailed ? ReliabilityRuns.errorContaining(r, "deleted.onnx") : "";
            return "exit 0; frames 0-2 render correctly; after the delete: " + String.join(", ", after)
                    + (allFailed ? "; message " + quote(msg) : "");
        });
    }
}
