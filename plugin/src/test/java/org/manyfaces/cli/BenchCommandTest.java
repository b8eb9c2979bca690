package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
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
    void theVideoSectionRendersTheRealClipAndASyntheticOneEndToEnd() {
        Path media = SharedFiles.media("faces_pd_640x360_6s.mp4").getParent();
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        int[] code = {-1};
        String out = run(code, "--media", media.toString(), "--models", models.toString(), "--only", "video",
                "--video-sizes", "320x180", "--video-frames", "6", "--faces", "1");
        assertEquals(0, code[0], out);
        assertTrue(out.contains("End to end: manyfaces render"), out);
        String header = out.lines().filter(l -> l.startsWith("| clip")).findFirst().orElse("");
        for (String column : new String[] {"decode", "detect", "align", "swap", "paste", "mark", "encode", "fps"}) {
            assertTrue(header.contains("| " + column + " "), "no column " + column + " in " + header);
        }
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| faces_pd_640x360_6s.mp4 \\(real, 2 then 1 face\\) +\\| 150 +\\|.*")), out);
        // The real clip scaled to the asked size, made in the bench's own scratch folder.
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| faces_pd_640x360_6s.mp4 scaled to 320x180 \\(real, 150 frames\\) +\\| 150 +\\|.*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\| synthetic 320x180, 1 face, 6 frames +\\| 6 +\\|.*")), out);
    }

    @Test
    @Tag("slow") // eleven renders of the whole 150-frame clip: about a minute
    void theEncodersSectionMeasuresEveryOfferedCodecOnTheRealClip() {
        Path media = SharedFiles.media("faces_pd_640x360_6s.mp4").getParent();
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        int[] code = {-1};
        String out = run(code, "--media", media.toString(), "--models", models.toString(), "--only", "encoders");
        assertEquals(0, code[0], out);
        assertTrue(out.contains("All video encoders of this build: ") && out.contains("libopenh264"), out);
        for (String codec : new String[] {"h264", "vp9", "prores", "dnxhr", "ffv1"}) {
            assertTrue(out.lines().anyMatch(l -> l.matches("\\| " + codec + " +\\| default +\\|.*")), codec + ":\n" + out);
        }
        assertTrue(out.lines().anyMatch(l -> l.startsWith("| ffv1") && l.contains("| lossless") && l.contains("150 of 150")),
                out);
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
        run(code, "--media", media.toString(), "--only", "video", "--render-threads", "0");
        assertEquals(ExitCodes.USAGE, code[0]);
    }

    @Test
    void renderThreadsGiveOneRowPerFrameWorkerCount() {
        Path media = SharedFiles.media("faces_pd_640x360_6s.mp4").getParent();
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        int[] code = {-1};
        String out = run(code, "--media", media.toString(), "--models", models.toString(), "--only", "video",
                "--video-sizes", "320x180", "--video-frames", "6", "--faces", "1", "--render-threads", "1,2");
        assertEquals(0, code[0], out);
        for (int n : new int[] {1, 2}) {
            String row = "\\| synthetic 320x180, 1 face, 6 frames, --threads " + n + " +\\| 6 +\\|.*";
            assertTrue(out.lines().anyMatch(l -> l.matches(row)), n + " threads:\n" + out);
        }
    }
}
