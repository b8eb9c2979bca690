package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TerminalProgressBarTest {

    @Test
    void rendersBarPercentSizesAndRate() {
        String line = TerminalProgressBar.render(new DownloadProgress("m", 1 << 20, 2 << 20, 512 * 1024));
        assertEquals("m [############------------]  50%  1.0 MiB / 2.0 MiB  512.0 KiB/s", line);
        assertEquals("m 1.5 KiB (size unknown)", TerminalProgressBar.render(new DownloadProgress("m", 1536, -1, 0)));
    }

    @Test
    void formatsBinaryUnits() {
        assertEquals("999 B", TerminalProgressBar.formatBytes(999));
        assertEquals("1.0 KiB", TerminalProgressBar.formatBytes(1024));
        assertEquals("554.2 MiB", TerminalProgressBar.formatBytes(581_120_000L));
        assertEquals("1.5 GiB", TerminalProgressBar.formatBytes(3L << 29));
    }

    @Test
    void plainOutputPrintsOneLinePerTenPercentAndNoCarriageReturns() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false,
                () -> 0L);
        for (int b = 0; b <= 1000; b += 7) {
            bar.onProgress(new DownloadProgress("m", b, 1000, 0));
        }
        bar.onProgress(new DownloadProgress("m", 1000, 1000, 0));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertFalse(out.contains("\r"));
        assertEquals(11, out.lines().count(), out); // 0 %, 10 %, ..., 100 %
        assertTrue(out.lines().reduce((a, b) -> b).orElseThrow().contains("100%"));
    }

    @Test
    void terminalOutputRedrawsAtMostTenTimesASecondAndEndsTheLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        TerminalProgressBar bar = new TerminalProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), true,
                now::get);
        for (int b = 0; b < 1000; b += 10) {
            now.addAndGet(10_000_000L); // 10 ms per sample: one second in all
            bar.onProgress(new DownloadProgress("m", b, 1000, 0));
        }
        bar.onProgress(new DownloadProgress("m", 1000, 1000, 0));
        String out = buf.toString(StandardCharsets.UTF_8);
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertEquals(11, redraws, "10 throttled redraws in one second plus the final one");
        assertTrue(out.endsWith(System.lineSeparator()));
    }
}
