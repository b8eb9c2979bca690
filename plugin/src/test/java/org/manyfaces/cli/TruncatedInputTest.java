package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * A video cut off part-way (as {@code head -c 50000} leaves a download) is an unreadable input: exit 3 with one
 * sentence giving the count, no output left, and FFmpeg's own lines only with {@code -v}. Run as its own
 * process: FFmpeg logs to the process's stderr, not to a Java stream.
 */
class TruncatedInputTest {
    @TempDir
    Path tmp;

    private Path truncatedClip() throws Exception {
        Path cut = tmp.resolve("cut.mp4");
        try (InputStream in = Files.newInputStream(SharedFiles.media("faces_pd_640x360_6s.mp4"))) {
            Files.write(cut, in.readNBytes(50_000));
        }
        return cut;
    }

    private CliRun render(Path in, Path out, String... extra) throws Exception {
        String[] base = {"render", "-e", "translate", "-i", in.toString(), "-o", out.toString(), "--set", "model=1"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.process(Map.of(), tmp, args);
    }

    @Test
    void aTruncatedVideoExitsThreeWithTheCountAndLeavesNothing() throws Exception {
        Path cut = truncatedClip();
        Path out = tmp.resolve("out.mp4");
        CliRun r = render(cut, out);
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.code(), r.toString());
        assertTrue(r.err().matches("(?s).*ends after \\d+ of the 150 frames its container declares.*"), r.err());
        assertFalse(r.err().contains(" @ 0x"), "no FFmpeg log lines without -v:\n" + r.err());
        long errorLines = r.err().lines().filter(l -> l.contains("truncated")).count();
        assertEquals(1, errorLines, "said once: " + r.err());
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("out.mp4")
                    || p.getFileName().toString().contains(".partial")), "no output, record or temporary file left");
        }

        CliRun verbose = render(cut, out, "-v");
        assertEquals(ExitCodes.INPUT_UNREADABLE, verbose.code(), verbose.toString());
        assertTrue(verbose.err().contains(" @ 0x"), "-v shows FFmpeg's own lines:\n" + verbose.err());
    }

    @Test
    void theWholeClipStillRendersAndAWindowBeforeTheCutIsFine() throws Exception {
        CliRun whole = render(SharedFiles.media("faces_pd_640x360_6s.mp4"), tmp.resolve("whole.mp4"), "--no-sidecar");
        assertEquals(ExitCodes.OK, whole.code(), whole.toString());
        assertTrue(whole.err().contains("done: 150 frames"), whole.err());
        CliRun start = render(truncatedClip(), tmp.resolve("start.mp4"), "--frames", "0-4", "--no-sidecar");
        assertEquals(ExitCodes.OK, start.code(), "the frames before the cut decode: " + start);
    }
}
