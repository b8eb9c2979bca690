package org.manyfaces.ofx.host;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The plug-in's own log: the full story (stack traces, the host profile, every message) that a host's
 * one-sentence message cannot hold. One file per user, {@code $XDG_STATE_HOME/ManyFaces/manyfaces.log} or
 * {@code ~/.local/state/ManyFaces/manyfaces.log} (the XDG state folder is where logs belong: not HOME, not
 * /tmp). Bounded: when the file passes {@value #MAX_BYTES} bytes it becomes {@code manyfaces.log.1} (the
 * previous .1 is dropped), so at most twice that lies on disk.
 *
 * <p>{@value #ENV}: {@code stderr} also copies every line to stderr (render farms, debugging), {@code off}
 * writes no file. Writing never throws: a log that cannot be written must not fail a frame.
 */
public final class PluginLog {
    static final String ENV = "MANYFACES_LOG";
    static final String FILE_NAME = "manyfaces.log";
    static final long MAX_BYTES = 1 << 20;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static volatile PluginLog shared;
    private static boolean capturing;
    /** Held strongly: java.util.logging forgets the handlers of a logger nobody references. */
    private static final List<java.util.logging.Logger> CAPTURED = List.of(
            java.util.logging.Logger.getLogger("org.manyfaces"), java.util.logging.Logger.getLogger("ai.onnxruntime"));

    private final Path file;
    private final boolean toStderr;

    PluginLog(Path file, boolean toStderr) {
        this.file = file;
        this.toStderr = toStderr;
    }

    /** The process's log, set up from the environment on first use. */
    public static PluginLog get() {
        PluginLog l = shared;
        if (l == null) {
            synchronized (PluginLog.class) {
                l = shared;
                if (l == null) {
                    l = fromEnvironment(System.getenv());
                    shared = l;
                }
            }
        }
        return l;
    }

    /**
     * Inside a host: ManyFaces' and ONNX Runtime's {@code java.util.logging} records go to this log instead of
     * the JVM's console handler (stderr, which the host's user never reads as ours). Only those two loggers:
     * in a JVM that belongs to a Java host, the rest of its logging is its own.
     */
    static synchronized void captureJavaLogging() {
        if (capturing) {
            return; // Bridge.init runs again after a plug-in reload
        }
        capturing = true;
        Handler toFile = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (isLoggable(r)) {
                    String text = r.getLoggerName() + ": " + new SimpleFormatter().formatMessage(r);
                    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                        get().write("warning", text, r.getThrown());
                    } else {
                        get().write("info", text, r.getThrown());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        for (java.util.logging.Logger l : CAPTURED) {
            l.setUseParentHandlers(false);
            l.addHandler(toFile);
        }
    }

    /** The log the variables {@code env} describe (see the class comment). */
    static PluginLog fromEnvironment(Map<String, String> env) {
        String mode = env.getOrDefault(ENV, "");
        boolean stderr = mode.equalsIgnoreCase("stderr");
        Path dir = mode.equalsIgnoreCase("off") ? null : stateFolder(env);
        return new PluginLog(dir == null ? null : dir.resolve(FILE_NAME), stderr);
    }

    /** {@code $XDG_STATE_HOME/ManyFaces} when that is an absolute path (the XDG rule), else ~/.local/state/ManyFaces. */
    static Path stateFolder(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "ManyFaces");
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".local", "state", "ManyFaces");
    }

    /** The log file, or null when the log is off. */
    public Path file() {
        return file;
    }

    /** Whether {@value #ENV}=stderr asked for every line on stderr too. */
    boolean toStderr() {
        return toStderr;
    }

    public void info(String text) {
        write("info", text, null);
    }

    public void warning(String text) {
        write("warning", text, null);
    }

    /** An error with its full cause (the stack trace lands in the file only). */
    public void error(String text, Throwable cause) {
        write("error", text, cause);
    }

    private synchronized void write(String level, String text, Throwable cause) {
        StringBuilder line = new StringBuilder(OffsetDateTime.now().format(TIME)).append(" pid ")
                .append(ProcessHandle.current().pid()).append(' ').append(level).append(": ").append(text).append('\n');
        if (cause != null) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        if (toStderr) {
            System.err.print("[ManyFaces] " + line);
        }
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling(FILE_NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException unwritable) {
            // A read-only or full disk must not fail a render; the host message still says what happened.
        }
    }
}
