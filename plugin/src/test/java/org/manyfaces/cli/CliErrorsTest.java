package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says when something fails: a user's mistake is its sentence and code on stderr, never a
 * Java class name or a stack trace; a bug is a generic sentence, and its stack trace only with --verbose.
 */
class CliErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void aUsersMistakeIsItsSentenceAndCodeOnStderr() throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Path in = tmp.resolve("in.png");
        ImageIO.write(img, "png", in.toFile());
        Path out = tmp.resolve("out.png");
        Path missing = tmp.resolve("no-such-model.onnx");
        // Default settings but one: "Model file" pointing at a file that is not there.
        CliRun r = CliRun.process(Map.of(), tmp, "render", "-e", "translate", "-i", in.toString(), "-o",
                out.toString(), "--set", "model=Model file", "--set", "modelFile=" + missing);
        assertEquals(ExitCodes.MODEL_FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("[MF-201]"), r.toString());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("java."),
                r.toString());
        assertFalse(Files.exists(out), "no partial output: " + r);
    }

    @Test
    void aBugIsAGenericSentenceWithItsStackTraceOnlyWhenVerbose() {
        IllegalStateException bug = new IllegalStateException("slot 3 recycled twice");
        String quiet = report(bug, false);
        assertTrue(quiet.startsWith("manyfaces render: ManyFaces hit an internal error [MF-999]"), quiet);
        assertTrue(quiet.contains("--verbose") && quiet.contains(CliFailures.VERBOSE_ENV), quiet);
        assertFalse(quiet.contains("IllegalStateException") || quiet.contains("slot 3") || quiet.contains("\tat "),
                quiet);

        String verbose = report(bug, true);
        assertTrue(verbose.contains("java.lang.IllegalStateException: slot 3 recycled twice")
                && verbose.contains("\tat "), verbose);
    }

    private static String report(Throwable failure, boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            CliFailures.report(err, "manyfaces render: ", failure, verbose);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
