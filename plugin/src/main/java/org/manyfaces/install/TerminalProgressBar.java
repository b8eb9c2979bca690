package org.manyfaces.install;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Shows download progress on a terminal: one redrawn bar per model on a TTY, or plain log lines
 * (every 10 %, or every 5 s when the size is unknown) when the output goes to a file or a pipe,
 * so logs stay readable and free of carriage returns.
 */
public final class TerminalProgressBar implements DownloadListener {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_UNKNOWN_SIZE_NANOS = 5_000_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastDraw = new HashMap<>();
    private final Map<String, Integer> lastDecile = new HashMap<>();
    private boolean lineOpen;

    /**
     * @param interactive true for a TTY (redraw with carriage returns), false for plain lines
     * @param nanoClock   time source for throttling (System::nanoTime in production)
     */
    public TerminalProgressBar(PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this.out = out;
        this.interactive = interactive;
        this.nanoClock = nanoClock;
    }

    /** Progress on standard output, as a bar only when a terminal is attached. */
    public static TerminalProgressBar forStandardOutput() {
        return new TerminalProgressBar(System.out, System.console() != null, System::nanoTime);
    }

    @Override
    public synchronized void onProgress(DownloadProgress p) {
        long now = nanoClock.getAsLong();
        if (interactive) {
            Long last = lastDraw.get(p.modelId());
            if (last != null && now - last < REDRAW_NANOS && !p.complete()) {
                return;
            }
            lastDraw.put(p.modelId(), now);
            out.print("\r" + render(p) + "\u001b[K");
            lineOpen = true;
            if (p.complete()) {
                out.println();
                lineOpen = false;
            }
            out.flush();
            return;
        }
        if (p.total() > 0) {
            int decile = (int) Math.min(10, p.bytes() * 10 / p.total());
            Integer last = lastDecile.get(p.modelId());
            if (last != null && decile <= last) {
                return;
            }
            lastDecile.put(p.modelId(), decile);
        } else {
            Long last = lastDraw.get(p.modelId());
            if (last != null && now - last < PLAIN_UNKNOWN_SIZE_NANOS) {
                return;
            }
            lastDraw.put(p.modelId(), now);
        }
        out.println(render(p));
    }

    @Override
    public synchronized void onEvent(String modelId, String message) {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.println("[" + modelId + "] " + message);
    }

    /** One progress line, e.g. {@code inswapper_128 [############------------]  50%  1.0 MiB / 2.0 MiB  512.0 KiB/s}. */
    public static String render(DownloadProgress p) {
        StringBuilder s = new StringBuilder(p.modelId()).append(' ');
        if (p.total() > 0) {
            double fraction = Math.min(1.0, (double) p.bytes() / p.total());
            int filled = (int) Math.floor(fraction * BAR_WIDTH);
            s.append('[').append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append(']');
            s.append(String.format(Locale.ROOT, " %3d%%  %s / %s", (int) Math.floor(fraction * 100),
                    formatBytes(p.bytes()), formatBytes(p.total())));
        } else {
            s.append(formatBytes(p.bytes())).append(" (size unknown)");
        }
        if (p.bytesPerSecond() > 0) {
            s.append("  ").append(formatBytes((long) p.bytesPerSecond())).append("/s");
        }
        return s.toString();
    }

    /** Binary units with one decimal: 1536 → "1.5 KiB". */
    public static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
