package org.manyfaces.image;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Spreads the independent pieces of one frame's work (the faces of a frame, the row bands of a composite or of
 * the disclosure mark) over the cores; in {@code image} because every layer that touches pixels uses it. A host
 * renders one frame per call and cannot overlap the detection of the next frame with the compositing of this
 * one, so the only way a single render keeps both cores busy is to split the frame.
 *
 * <p>Pieces run on the calling thread and the JVM's common fork-join pool (daemon threads, sized to the cores);
 * each piece must write memory no other piece touches, which makes the result independent of the schedule. One
 * thread ({@link #setThreads}) runs everything on the caller, in order: what a bench on a thread's CPU clock
 * needs, and what a caller that already keeps every core busy with whole frames (the CLI's frame workers)
 * prefers.
 */
public final class FrameParallelism {
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private FrameParallelism() {
    }

    /** Threads one frame may use (default: the cores); 1 keeps every frame on its calling thread. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("frame threads must be at least 1, got " + n);
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    /** Runs {@code work} for 0..count-1, in parallel where it pays; the first failure is rethrown. */
    public static void forEach(int count, IntConsumer work) {
        if (count <= 1 || threads <= 1) {
            for (int i = 0; i < count; i++) {
                work.accept(i);
            }
            return;
        }
        IntStream.range(0, count).parallel().forEach(work);
    }

    /**
     * Splits the rows {@code [from, to)} into bands of at least {@code minRows} rows, at most one per thread, and
     * runs {@code band(start, end)} for each.
     */
    public static void forRowBands(int from, int to, int minRows, RowBand band) {
        int rows = to - from;
        int bands = Math.max(1, Math.min(threads, rows / Math.max(1, minRows)));
        if (bands <= 1) {
            band.run(from, to);
            return;
        }
        forEach(bands, b -> band.run(from + (int) ((long) rows * b / bands), from + (int) ((long) rows * (b + 1) / bands)));
    }

    /** One band of rows, {@code [start, end)}. */
    @FunctionalInterface
    public interface RowBand {
        void run(int start, int end);
    }
}
