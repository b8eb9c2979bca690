package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Inside a host the plug-in writes nothing where the host's user did not ask: the test host renders a
 * picture through Face Swap (ONNX Runtime sessions for detection, recognition and the swap) with an empty
 * HOME and an empty TMPDIR, and both are still empty afterwards: no ~/.cache/Microsoft telemetry device id or
 * event queue, no {@code mat-debug-<pid>.log}, nothing unpacked. {@code CI} and {@code ORT_DISABLE_TELEMETRY}
 * are removed from the host's environment (either would silence ONNX Runtime on its own): the shim must set
 * the variable before it starts the JVM.
 */
class PluginFootprintIT {
    @TempDir
    Path dir;

    @Test
    void aFaceSwapRenderInAHostLeavesHomeAndTmpdirEmpty() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path tmpdir = Files.createDirectory(dir.resolve("tmpdir"));
        Path in = dir.resolve("in.pam");
        FaceSwapIT.photo("obama_official_portrait_2012.jpg").write(in);
        Map<String, String> env = new HashMap<>(FaceSwapIT.env());
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmpdir.toString());
        env.put("CI", null);
        env.put("ORT_DISABLE_TELEMETRY", null);
        env.put("XDG_CACHE_HOME", null);
        TestHost.Result r = TestHost.run(env, "--plugin", "org.manyfaces.FaceSwap", "--input", in.toString(),
                "--output", dir.resolve("out_%d.pam").toString(),
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"));
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        assertEquals(List.of(), CliFootprintIT.listing(home), "nothing under HOME");
        assertEquals(List.of(), CliFootprintIT.listing(tmpdir), "nothing under TMPDIR");
    }
}
