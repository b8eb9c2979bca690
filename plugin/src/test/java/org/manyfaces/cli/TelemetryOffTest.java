package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * ONNX Runtime's telemetry is switched off by the Java code itself, not only by the launchers: a Face Swap
 * render in a JVM started without {@code ORT_DISABLE_TELEMETRY} (and without {@code CI}, which also silences
 * it) leaves its fresh HOME and TMPDIR empty: no ~/.cache/Microsoft device id or event queue, no
 * {@code mat-debug-<pid>.log}, no {@code .ses}. Natives load from the bundle folder, as in the plug-in.
 */
class TelemetryOffTest {
    @TempDir
    Path tmp;

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void aRenderWithoutTheVariableWritesNoTelemetry() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmpdir.toString());
        env.put("CI", null);
        env.put("ORT_DISABLE_TELEMETRY", null);
        env.put("XDG_CACHE_HOME", null);
        String natives = System.getProperty("onnxruntime.native.path");
        List<String> jvm = List.of("-XX:-UsePerfData", "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmpdir,
                "-Donnxruntime.native.path=" + natives, "-Djna.boot.library.path=" + natives, "-Djna.nounpack=true");
        CliRun r = CliRun.process(jvm, env, work, "render", "-e", "faceswap", "-i",
                SharedFiles.media("obama_official_portrait_2012.jpg").toString(), "-o", "out.png", "--set",
                "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--set", "swapModel=Classic", "--set",
                "detector=yunet", "--models", SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertEquals(List.of(), listing(home), "nothing under HOME");
        assertEquals(List.of(), listing(tmpdir), "nothing under TMPDIR");
    }
}
