package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the plug-in log goes, how it is bounded, and that the stack trace lands in it. */
class PluginLogTest {
    @TempDir
    Path dir;

    @Test
    void theStateFolderFollowsTheXdgRule() {
        assertEquals(Path.of("/state/ManyFaces"), PluginLog.stateFolder(Map.of("XDG_STATE_HOME", "/state", "HOME", "/h")));
        // A relative XDG_STATE_HOME is invalid by the spec and ignored.
        assertEquals(Path.of("/h/.local/state/ManyFaces"),
                PluginLog.stateFolder(Map.of("XDG_STATE_HOME", "rel", "HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/ManyFaces"), PluginLog.stateFolder(Map.of("HOME", "/h")));
        assertNull(PluginLog.stateFolder(Map.of()));
    }

    @Test
    void offWritesNothingAndStderrCopies() {
        assertNull(PluginLog.fromEnvironment(Map.of(PluginLog.ENV, "off", "HOME", dir.toString())).file());
        PluginLog copying = PluginLog.fromEnvironment(Map.of(PluginLog.ENV, "stderr", "XDG_STATE_HOME", dir.toString()));
        assertTrue(copying.toStderr());
        assertEquals(dir.resolve("ManyFaces").resolve(PluginLog.FILE_NAME), copying.file());
        assertFalse(PluginLog.fromEnvironment(Map.of("XDG_STATE_HOME", dir.toString())).toStderr());
    }

    @Test
    void errorsKeepTheirStackTraceAndTheFileStaysBounded() throws Exception {
        Path file = dir.resolve(PluginLog.FILE_NAME);
        PluginLog log = new PluginLog(file, false);
        log.error("render failed", new IllegalStateException("boom"));
        String text = Files.readString(file);
        assertTrue(text.contains("error: render failed") && text.contains("java.lang.IllegalStateException: boom")
                && text.contains("\tat "), text);
        String line = "x".repeat(1000);
        for (int i = 0; i < 3 * PluginLog.MAX_BYTES / 1000; i++) {
            log.info(line);
        }
        assertTrue(Files.exists(dir.resolve(PluginLog.FILE_NAME + ".1")), "rotated");
        long total = Files.size(file) + Files.size(dir.resolve(PluginLog.FILE_NAME + ".1"));
        assertTrue(total <= 2 * (PluginLog.MAX_BYTES + 2000), "bounded: " + total);
    }
}
