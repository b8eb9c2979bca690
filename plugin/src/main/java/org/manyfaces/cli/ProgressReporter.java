package org.manyfaces.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

import org.manyfaces.video.FramePipeline;

/**
 * Shows render progress: frames done, frames per second and time left.
 *
 * <p>On a terminal ({@code System.console() != null}) one line is redrawn in place with a bar, at most
 * every 100 ms. Otherwise (logs, pipes, CI) plain lines are printed at most every
 * {@code plainInterval} seconds, so a log holds a handful of lines rather than one per frame.
 * Thread-safe: the pipeline calls it from its encode thread.
 */
public final class ProgressReporter implements FramePipeline.FrameWrittenListener {
    private static final int BAR_WIDTH = 30;
    private static final long TTY_REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean tty;
    private final long plainIntervalNanos;
    private final LongSupplier clock;
    private final String label;
    private long startNanos = -1;
    private long lastPrintNanos;
    private long lastDone;
    private long lastTotal;
    private boolean printedAny;

    /**
     * @param out           where to write (normally {@code System.err}, so stdout stays clean)
     * @param tty           redraw one line in place (true) or print plain lines (false)
     * @param plainInterval seconds between plain lines
     * @param clock         nanosecond clock (tests pass a fake one)
     * @param label         what is being rendered, printed before the numbers
     */
    public ProgressReporter(PrintStream out, boolean tty, double plainInterval, LongSupplier clock, String label) {
        this.out = Objects.requireNonNull(out, "out");
        this.tty = tty;
        this.plainIntervalNanos = (long) (plainInterval * 1e9);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.label = label == null ? "" : label;
    }

    /** A reporter on {@code System.err}: a redrawn bar on a terminal, a line every 5 s otherwise. */
    public static ProgressReporter forConsole(String label) {
        return new ProgressReporter(System.err, System.console() != null, 5.0, System::nanoTime, label);
    }

    /** Marks the start time; called automatically by the first progress event when not called before. */
    public synchronized void start() {
        if (startNanos < 0) {
            startNanos = clock.getAsLong();
            lastPrintNanos = startNanos;
        }
    }

    @Override
    public synchronized void onFrameWritten(long framesDone, long totalFrames) {
        start();
        lastDone = framesDone;
        lastTotal = totalFrames;
        long now = clock.getAsLong();
        long interval = tty ? TTY_REDRAW_NANOS : plainIntervalNanos;
        boolean last = totalFrames > 0 && framesDone >= totalFrames;
        if (now - lastPrintNanos >= interval || (last && tty)) {
            print(now);
        }
    }

    /** Prints the final state (and ends the redrawn line on a terminal). */
    public synchronized void finish() {
        if (startNanos < 0) {
            return;
        }
        long now = clock.getAsLong();
        if (!tty || !printedAny || lastPrintNanos != now) {
            print(now);
        }
        endLine();
    }

    /**
     * Prints the final state of a completed render with the render's own wall-clock time, so that the last
     * progress line and the render's summary state one and the same rate (this reporter's clock starts a
     * little later and stops a little earlier than the pipeline's).
     */
    public synchronized void finish(long framesDone, double elapsedSeconds) {
        lastDone = framesDone;
        lastTotal = Math.max(lastTotal, framesDone);
        printedAny = true;
        String text = describe(lastDone, lastTotal, elapsedSeconds);
        String prefix = label.isEmpty() ? "" : label + " ";
        out.print(tty ? "\r" + prefix + bar(lastDone, lastTotal) + " " + text + "\u001b[K" : prefix + text + "\n");
        endLine();
    }

    private void endLine() {
        if (tty) {
            out.println();
        }
        out.flush();
    }

    /** The text of one progress line for the given state (no bar); public for tests and logs. */
    public static String describe(long done, long total, double elapsedSeconds) {
        double fps = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "%d/%d frames (%.0f%%)", done, total, 100.0 * Math.min(done, total) / total));
        } else {
            sb.append(done).append(" frames");
        }
        sb.append(String.format(Locale.ROOT, ", %.1f fps", fps));
        if (total > 0 && fps > 0 && done < total) {
            sb.append(", ETA ").append(formatDuration((total - done) / fps));
        } else {
            sb.append(", elapsed ").append(formatDuration(elapsedSeconds));
        }
        return sb.toString();
    }

    /** h:mm:ss or m:ss. */
    static String formatDuration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    private void print(long now) {
        lastPrintNanos = now;
        printedAny = true;
        String text = describe(lastDone, lastTotal, (now - startNanos) / 1e9);
        String prefix = label.isEmpty() ? "" : label + " ";
        if (tty) {
            out.print("\r" + prefix + bar(lastDone, lastTotal) + " " + text + "\u001b[K");
        } else {
            out.println(prefix + text);
        }
        out.flush();
    }

    private static String bar(long done, long total) {
        int filled = total > 0 ? (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total) : 0;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }
}
