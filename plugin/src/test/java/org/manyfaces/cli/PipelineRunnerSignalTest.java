package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.FramePipeline;
import org.manyfaces.video.FrameSink;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaFiles;
import org.manyfaces.video.VideoOutputOptions;

class PipelineRunnerSignalTest {
    @TempDir
    Path tmp;

    /**
     * Ctrl-C (INT) and a service manager's stop (TERM) end a render the same way. A process started in the
     * background of a non-interactive shell inherits SIGINT ignored, and so does every child it starts (the
     * JVM then never installs its handler); there no Ctrl-C can reach the render, and only TERM is checked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    @EnabledOnOs(OS.LINUX)
    @Timeout(120)
    void aSignalRemovesThePartialOutputAndExitsWith130(String signal) throws Exception {
        assumeFalse(signal.equals("INT") && sigintIgnoredHere(),
                "SIGINT is ignored in this process (started in a shell's background), so its children cannot get Ctrl-C");
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path out = tmp.resolve("signalled.mp4");
        List<String> cmd = CliRun.javaCommand(System.getProperty("java.class.path"));
        cmd.addAll(List.of(SignalChild.class.getName(), clip.toString(), out.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                if (line.equals("RUNNING")) {
                    // A partial file exists now, mid-render.
                    assertEquals(1, partials().size(), log.toString());
                    new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
                    break;
                }
            }
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), log.toString());
        // The JVM ends a signalled process with 128 + the signal's number once the hooks are done: 130 for
        // INT, which is ExitCodes.INTERRUPTED, and 143 for TERM.
        assertEquals(signal.equals("INT") ? ExitCodes.INTERRUPTED : ExitCodes.TERMINATED, child.exitValue(), log.toString());
        assertTrue(log.toString().contains("the partial output was removed"), log.toString());
        assertFalse(Files.exists(out), "output exists after SIG" + signal + "\n" + log);
        assertEquals(List.of(), partials(), "partial file left after SIG" + signal + "\n" + log);
    }

    /** SIGINT (signal 2, so bit 1) in the ignored-signals mask of /proc/self/status. */
    private static boolean sigintIgnoredHere() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void aCompletedRunReturnsOkAndAFailedOneItsCode() throws Exception {
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PipelineRunner runner = new PipelineRunner(new PrintStream(err, true, StandardCharsets.UTF_8), Duration.ofSeconds(5));
        Path out = tmp.resolve("ok.mp4");
        try (FrameSource in = MediaFiles.openSource(clip.toString(), 25);
             FrameSink sink = MediaFiles.openSink(out.toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            assertEquals(ExitCodes.OK, runner.run(FramePipeline.builder(in, sink).maxFrames(10).build(), null));
        }
        assertTrue(Files.size(out) > 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("done: 10 frames"), err.toString(StandardCharsets.UTF_8));

        err.reset();
        Path failed = tmp.resolve("failed.mp4");
        try (FrameSource in = MediaFiles.openSource(clip.toString(), 25);
             FrameSink sink = MediaFiles.openSink(failed.toString(), in.info(), VideoOutputOptions.defaults(), null)) {
            FramePipeline p = FramePipeline.builder(in, sink).processor((i, s, d) -> {
                throw new org.manyfaces.video.MediaInputException("reference image unreadable");
            }).build();
            assertEquals(ExitCodes.INPUT_UNREADABLE, runner.run(p, null));
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: render failed while processing frame 0: "
                + "reference image unreadable"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(failed));
    }

    private List<Path> partials() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().contains(".partial-")).toList();
        }
    }
}
