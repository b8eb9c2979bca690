package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The command line writes nothing but what it was asked to: the launcher of the build tree ({@code bin/manyfaces},
 * the one a user runs) renders a picture and a video through Face Swap with an empty HOME and an empty TMPDIR,
 * and afterwards both are still empty and the output folder holds the outputs and their provenance records
 * only. This covers ONNX Runtime's telemetry (device id and event queue under ~/.cache/Microsoft, the
 * {@code mat-debug-<pid>.log} of its telemetry client), JavaCPP's unpacking of JavaCV's natives into
 * ~/.javacpp, JNA's and ONNX Runtime's own unpacking, ImageIO's cache files and the JVM's hsperfdata.
 *
 * <p>{@code CI} and {@code ORT_DISABLE_TELEMETRY} are removed from the command's environment: ONNX Runtime
 * switches its telemetry off by itself when CI is set, and the build sets the variable for every test; either
 * would let this test pass without the launcher's own setting.
 */
class CliFootprintIT {
    @TempDir
    Path tmp;

    /** Every file and folder under {@code dir}, relative to it, sorted (PluginFootprintIT uses it too). */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** @param started when the process was started: a per-pid file older than that belongs to an earlier process */
    private record Run(int code, String log, long pid, long started) {
    }

    private Run manyfaces(Path home, Path tmpdir, Path work, String... args) throws Exception {
        Path launcher = TestHost.bundle().toAbsolutePath().getParent().getParent().getParent().resolve("bin")
                .resolve("manyfaces");
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("CI");
        pb.environment().remove("ORT_DISABLE_TELEMETRY"); // the build sets it for the tests; the launcher must
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("MANYFACES_JAVA_OPTS");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("TMPDIR", tmpdir.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("MANYFACES_MODELS", SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString());
        Path log = tmp.resolve("log-" + System.nanoTime() + ".txt");
        pb.redirectOutput(log.toFile());
        long started = System.currentTimeMillis();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("manyfaces " + String.join(" ", args) + " did not end within 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(log), p.pid(), started);
    }

    @Test
    void aPictureAndAVideoRenderWriteNothingButTheirOutputs() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path tmpdir = Files.createDirectory(tmp.resolve("tmpdir"));
        Path work = Files.createDirectory(tmp.resolve("work"));
        String face = "sourceFaces=" + SharedFiles.media("grace_hopper.jpg");

        Run still = manyfaces(home, tmpdir, work, "render", "-e", "faceswap", "-i",
                SharedFiles.media("obama_official_portrait_2012.jpg").toString(), "-o", "swapped.png",
                "--set", face, "--set", "swapModel=Classic", "--set", "detector=yunet");
        assertEquals(0, still.code(), still.log());
        Run video = manyfaces(home, tmpdir, work, "render", "-e", "faceswap", "-i",
                SharedFiles.media("faces_pd_640x360_6s.mp4").toString(), "-o", "swapped.mp4", "--frames", "0-9",
                "--set", face, "--set", "swapModel=Classic", "--set", "detector=yunet");
        assertEquals(0, video.code(), video.log());

        assertEquals(List.of(), listing(home), "nothing under HOME");
        assertEquals(List.of(), listing(tmpdir), "nothing under TMPDIR");
        assertEquals(List.of("swapped.mp4", "swapped.mp4.manyfaces.json", "swapped.png", "swapped.png.manyfaces.json"),
                listing(work), "the outputs and their provenance records, nothing else");
        for (Run r : List.of(still, video)) {
            // The launcher execs java, so the process id is the JVM's: no per-process file of it in /tmp either.
            assertFalse(writtenBy(r, Path.of("/tmp", "mat-debug-" + r.pid() + ".log")), "telemetry log in /tmp");
            assertFalse(writtenBy(r, Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
                    Long.toString(r.pid()))), "hsperfdata in /tmp");
        }
    }

    /**
     * Whether {@code file} was written while {@code r} ran. Process ids are reused: on a machine that has run many
     * processes, a file named after this pid may be left from an earlier process (1 s of slack for the file
     * system's time resolution).
     */
    private static boolean writtenBy(Run r, Path file) throws IOException {
        return Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= r.started() - 1000;
    }
}
