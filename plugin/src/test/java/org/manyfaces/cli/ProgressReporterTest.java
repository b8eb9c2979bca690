package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void describesDoneRateAndTimeLeft() {
        // 50 of 200 frames in 10 s = 5 fps, so 150 frames left take 30 s.
        assertEquals("50/200 frames (25%), 5.0 fps, ETA 0:30", ProgressReporter.describe(50, 200, 10));
        assertEquals("200/200 frames (100%), 20.0 fps, elapsed 0:10", ProgressReporter.describe(200, 200, 10));
        assertEquals("30 frames, 3.0 fps, elapsed 0:10", ProgressReporter.describe(30, 0, 10));
        assertEquals("1:01:01", ProgressReporter.formatDuration(3661));
        assertEquals("0:59", ProgressReporter.formatDuration(59.4));
    }

    @Test
    void plainModePrintsAFewLinesNotOnePerFrame() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        ProgressReporter p = new ProgressReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 5.0,
                now::get, "render");
        p.start();
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(SECOND / 4); // 4 fps for 25 s
            p.onFrameWritten(i, 100);
        }
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertEquals(6, lines.length, text); // one every 5 s (5 over 25 s) plus the final line
        assertEquals("render 20/100 frames (20%), 4.0 fps, ETA 0:20", lines[0]);
        assertEquals("render 100/100 frames (100%), 4.0 fps, elapsed 0:25", lines[5]);
        assertFalse(text.contains("\r"));
    }

    @Test
    void terminalModeRedrawsOneLineWithABar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        ProgressReporter p = new ProgressReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 5.0,
                now::get, "");
        p.start();
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(SECOND);
            p.onFrameWritten(i, 10);
        }
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "one line, ended once");
        assertTrue(text.contains("\r[###############---------------] 5/10 frames (50%), 1.0 fps, ETA 0:05"), text);
        assertTrue(text.contains("[##############################] 10/10 frames (100%)"), text);
    }
}
