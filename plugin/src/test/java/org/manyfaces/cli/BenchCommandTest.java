package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.manyfaces.testsupport.SharedFiles;

import picocli.CommandLine;

/** {@code manyfaces bench} on one small frame: every table it prints is there; bad options are usage errors. */
class BenchCommandTest {
    private static String run(int[] code, String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            code[0] = new CommandLine(new BenchCommand()).execute(args);
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSmallRunPrintsEveryTable() {
        Path media = SharedFiles.media("grace_hopper.jpg").getParent();
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        int[] code = {-1};
        String out = run(code, "--media", media.toString(), "--models", models.toString(), "--sizes", "640x360",
                "--faces", "1", "--runs", "2", "--warmup", "1", "--only", "io,detect,stages,embed,memory",
                "--memory-frames", "3", "--threads", "1", "--clock", "cpu");
        assertEquals(0, code[0], out);
        for (String table : new String[] {"Pixel import + export", "Detection: ManyFaces YuNet", "Face swap per stage",
            "Embedding", "Steady memory"}) {
            assertTrue(out.contains(table), "missing table '" + table + "' in:\n" + out);
        }
        // The 640x360 frame with one portrait: both detectors find its face, so the row says 1/1.
        assertTrue(out.contains("| 1/1"), out);
    }

    @Test
    void badOptionsAreUsageErrors() {
        int[] code = {-1};
        run(code, "--media", "/no/such/folder");
        assertEquals(ExitCodes.USAGE, code[0]);
        Path media = SharedFiles.media("grace_hopper.jpg").getParent();
        run(code, "--media", media.toString(), "--clock", "sundial");
        assertEquals(ExitCodes.USAGE, code[0]);
        run(code, "--media", media.toString(), "--faces", "9");
        assertEquals(ExitCodes.USAGE, code[0]);
    }
}
