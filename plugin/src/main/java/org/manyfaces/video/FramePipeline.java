package org.manyfaces.video;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Decode → process → encode, overlapped on separate threads and joined by bounded queues.
 *
 * <pre>
 *   decode thread ──[decoded, capacity q]──▶ worker thread(s) ──[processed, capacity q]──▶ encode thread
 *        ▲                                                                                   │
 *        └──────────────────────────── free frame slots (recycled) ◀─────────────────────────┘
 * </pre>
 *
 * <p><b>Memory:</b> frames live in a fixed set of slots (a source and a destination image each), created
 * on first need and recycled; at most {@code 2q + workers + 2} slots ever exist, so the pipeline allocates
 * no frame memory in steady state and a slow stage stalls the faster ones (backpressure) instead of
 * buffering. Because the decoder takes a whole slot before decoding a frame, out-of-order workers can
 * never starve the frame the encoder is waiting for.
 *
 * <p><b>Order:</b> the encoder writes frames strictly by index, whatever order workers finish in.
 *
 * <p><b>Errors and cancellation:</b> the first exception in any stage stops every stage, the sink is
 * aborted (partial output removed, see {@link FrameSink}) and {@link #run()} throws a
 * {@link RenderFailedException} carrying the stage, the frame and the original cause. {@link #cancel()}
 * (e.g. from a Ctrl-C shutdown hook) or interrupting the thread in {@code run()} stops the same way and
 * {@code run()} throws {@link CancellationException} or {@link InterruptedException}.
 *
 * <p>The caller owns the source and the sink (closes them); a pipeline runs once.
 */
public final class FramePipeline {
    /** Called on the encode thread after each frame is written. */
    @FunctionalInterface
    public interface FrameWrittenListener {
        /**
         * @param framesDone  frames written so far
         * @param totalFrames expected frames (the source's count, possibly estimated; see {@link VideoInfo})
         */
        void onFrameWritten(long framesDone, long totalFrames);
    }

    /**
     * What a successful run did.
     *
     * @param frames        frames written
     * @param seconds       wall-clock time of the whole run
     * @param decodeNanos   time the decode thread spent getting frames from the source (decode, conversion to
     *                      RGBA, the copy into a slot), not counting waits for a free slot
     * @param processNanos  time the workers spent in {@link FrameProcessor#process}, summed over workers
     * @param encodeNanos   time the encode thread spent in the sink's {@code write} and {@code finish}
     */
    public record Result(long frames, double seconds, long decodeNanos, long processNanos, long encodeNanos) {
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }
    }

    private static final Slot END = new Slot(null, null);

    private final FrameSource source;
    private final FrameSink sink;
    private final FrameProcessor processor;
    private final int queueCapacity;
    private final int workers;
    private final PixelFormat outputFormat;
    private final int outputScale;
    private final FrameWrittenListener progress;
    private final long maxFrames;

    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<RenderFailedException> failure = new AtomicReference<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    // Time spent inside each stage's own work (not in queue waits), for the per-stage share of a render.
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong processNanos = new AtomicLong();
    private final AtomicLong encodeNanos = new AtomicLong();

    private FramePipeline(Builder b) {
        this.source = b.source;
        this.sink = b.sink;
        this.processor = b.processor;
        this.queueCapacity = b.queueCapacity;
        this.workers = b.workers;
        this.outputFormat = b.outputFormat;
        this.outputScale = b.outputScale;
        this.progress = b.progress;
        this.maxFrames = b.maxFrames;
    }

    public static Builder builder(FrameSource source, FrameSink sink) {
        return new Builder(source, sink);
    }

    /** Configures a {@link FramePipeline}. */
    public static final class Builder {
        private final FrameSource source;
        private final FrameSink sink;
        private FrameProcessor processor = FrameProcessor.identity();
        private int queueCapacity = 4;
        private int workers = 1;
        private PixelFormat outputFormat = PixelFormat.RGBA_U8;
        private int outputScale = 1;
        private FrameWrittenListener progress = (done, total) -> { };
        private long maxFrames = Long.MAX_VALUE;

        private Builder(FrameSource source, FrameSink sink) {
            this.source = Objects.requireNonNull(source, "source");
            this.sink = Objects.requireNonNull(sink, "sink");
        }

        public Builder processor(FrameProcessor p) {
            this.processor = Objects.requireNonNull(p, "processor");
            return this;
        }

        /** Frames each queue holds (default 4). */
        public Builder queueCapacity(int q) {
            if (q < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, got " + q);
            }
            this.queueCapacity = q;
            return this;
        }

        /** Processing threads (default 1; more only for thread-safe, order-independent processors). */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** Pixel format of the destination images handed to the processor (default RGBA_U8). */
        public Builder outputFormat(PixelFormat f) {
            this.outputFormat = Objects.requireNonNull(f, "outputFormat");
            return this;
        }

        /**
         * Destination images are the source size times {@code k} in each direction (default 1): for an effect
         * that enlarges the frame, such as x3 super-resolution. The sink must be opened at that size.
         */
        public Builder outputScale(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("output scale must be at least 1, got " + k);
            }
            this.outputScale = k;
            return this;
        }

        public Builder progress(FrameWrittenListener l) {
            this.progress = Objects.requireNonNull(l, "progress");
            return this;
        }

        /** Stops after this many frames (default: all). */
        public Builder maxFrames(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxFrames must not be negative, got " + n);
            }
            this.maxFrames = n;
            return this;
        }

        public FramePipeline build() {
            return new FramePipeline(this);
        }
    }

    private static final class Slot {
        final ImageView source;
        final ImageView destination;
        long index;

        Slot(ImageView source, ImageView destination) {
            this.source = source;
            this.destination = destination;
        }
    }

    /**
     * Runs the whole input through and finishes the sink.
     *
     * @throws RenderFailedException on the first error (sink aborted)
     * @throws CancellationException after {@link #cancel()} (sink aborted)
     * @throws InterruptedException  when the calling thread is interrupted (sink aborted)
     */
    public Result run() throws RenderFailedException, InterruptedException {
        if (!started.compareAndSet(false, true)) {
            if (cancelled.get()) {
                throw new CancellationException("render cancelled before it started; the partial output was removed");
            }
            throw new IllegalStateException("a FramePipeline runs once");
        }
        long t0 = System.nanoTime();
        try {
            VideoInfo info = source.info();
            long total = Math.min(maxFrames, info.frameCount());
            int maxSlots = 2 * queueCapacity + workers + 2;
            BlockingQueue<Slot> free = new ArrayBlockingQueue<>(maxSlots);
            BlockingQueue<Slot> decoded = new ArrayBlockingQueue<>(queueCapacity);
            BlockingQueue<Slot> processed = new ArrayBlockingQueue<>(queueCapacity);
            int[] created = {0};

            stageThread("decode", RenderFailedException.Stage.DECODE, at -> {
                // at[0]: the frame being decoded
                long index = 0;
                while (index < maxFrames && !stopping()) {
                    Slot s = free.poll();
                    if (s == null && created[0] < maxSlots) {
                        s = new Slot(ImageView.allocate(info.width(), info.height(), PixelFormat.RGBA_U8),
                                ImageView.allocate(info.width() * outputScale, info.height() * outputScale,
                                        outputFormat));
                        created[0]++;
                    } else if (s == null) {
                        s = free.take();
                    }
                    long t = System.nanoTime();
                    ImageView frame = source.next();
                    if (frame == null) {
                        decodeNanos.addAndGet(System.nanoTime() - t);
                        break;
                    }
                    if (frame.width() != info.width() || frame.height() != info.height()) {
                        throw new MediaInputException("frame " + index + " of " + source.description() + " is "
                                + frame.width() + "x" + frame.height() + ", the input started at "
                                + info.width() + "x" + info.height() + " (size changes are not supported)");
                    }
                    s.source.copyFrom(frame);
                    decodeNanos.addAndGet(System.nanoTime() - t);
                    s.index = index++;
                    at[0] = index;
                    decoded.put(s);
                }
                for (int w = 0; w < workers; w++) {
                    decoded.put(END);
                }
            });
            for (int w = 0; w < workers; w++) {
                stageThread("process-" + w, RenderFailedException.Stage.PROCESS, at -> {
                    at[0] = -1;
                    while (true) {
                        Slot s = decoded.take();
                        if (s == END) {
                            processed.put(END);
                            return;
                        }
                        at[0] = s.index;
                        long t = System.nanoTime();
                        processor.process(s.index, s.source, s.destination);
                        processNanos.addAndGet(System.nanoTime() - t);
                        if (stopping()) {
                            return;
                        }
                        processed.put(s);
                    }
                });
            }
            stageThread("encode", RenderFailedException.Stage.ENCODE, at -> {
                // at[0]: the next frame to write, the one whose failure is reported
                Map<Long, Slot> waiting = new HashMap<>();
                int ended = 0;
                while (ended < workers) {
                    Slot s = processed.take();
                    if (s == END) {
                        ended++;
                        continue;
                    }
                    waiting.put(s.index, s);
                    for (Slot ready = waiting.remove(at[0]); ready != null; ready = waiting.remove(at[0])) {
                        if (stopping()) {
                            return;
                        }
                        long t = System.nanoTime();
                        sink.write(ready.destination);
                        encodeNanos.addAndGet(System.nanoTime() - t);
                        at[0]++;
                        free.put(ready);
                        progress.onFrameWritten(at[0], total);
                    }
                }
                if (!waiting.isEmpty() && !stopping()) {
                    throw new IllegalStateException("frames " + waiting.keySet() + " arrived without frame " + at[0]);
                }
            });

            synchronized (threads) {
                for (Thread t : threads) {
                    t.start();
                }
            }
            InterruptedException interrupted = null;
            for (Thread t : threads) {
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        // Stop everything, but keep waiting: the sink must not be touched while the encode
                        // thread may still be inside it.
                        interrupted = e;
                        cancelled.set(true);
                        interruptAll();
                    }
                }
            }
            if (failure.get() != null) {
                sink.abort();
                throw failure.get();
            }
            if (interrupted != null) {
                sink.abort();
                throw interrupted;
            }
            if (cancelled.get()) {
                sink.abort();
                throw new CancellationException("render cancelled after " + sink.framesWritten()
                        + " frames; the partial output was removed");
            }
            // On the caller's thread, whose own boundary (the CLI's handler) sees anything else; the flag also
            // aborts the sink on an Error, which is not caught here.
            boolean finished = false;
            try {
                long t = System.nanoTime();
                sink.finish(); // flushes the encoder's delayed frames: encode work
                encodeNanos.addAndGet(System.nanoTime() - t);
                finished = true;
            } catch (Exception e) {
                throw new RenderFailedException(RenderFailedException.Stage.FINISH, -1, e);
            } finally {
                if (!finished) {
                    sink.abort();
                }
            }
            return new Result(sink.framesWritten(), (System.nanoTime() - t0) / 1e9, decodeNanos.get(),
                    processNanos.get(), encodeNanos.get());
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Asks a running pipeline to stop; {@link #run()} then aborts the sink and throws
     * {@link CancellationException}. Safe from any thread, including a shutdown hook; returns at once.
     */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            if (started.compareAndSet(false, true)) {
                // Not running yet (a signal between opening the output and run()): nobody else uses the
                // sink, so remove its partial output here; run() will then report the cancellation.
                sink.abort();
                terminated.countDown();
                return;
            }
            interruptAll();
        }
    }

    /**
     * Waits until {@link #run()} has returned or thrown (and so the sink was finished or aborted).
     *
     * @return false when the time ran out first
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once {@link #run()} has been called. */
    public boolean isStarted() {
        return started.get();
    }

    private boolean stopping() {
        return cancelled.get() || failure.get() != null;
    }

    private void fail(RenderFailedException.Stage stage, long frame, Throwable e) {
        if (cancelled.get()) {
            return; // an error caused by being interrupted while cancelling is not a failure of the render
        }
        if (failure.compareAndSet(null, new RenderFailedException(stage, frame, e))) {
            interruptAll();
        }
    }

    private void interruptAll() {
        synchronized (threads) {
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }
    }

    /** The work of one stage thread; {@code at[0]} is kept at the frame it handles, for the failure report. */
    @FunctionalInterface
    private interface StageBody {
        void run(long[] at) throws Exception;
    }

    /**
     * A stage thread. Its wrapper is the thread's one error boundary (the only {@code catch (Throwable)} of the
     * CLI's render path): nothing a stage throws, Errors included, may end the thread unseen, or the other
     * stages would wait forever on its queue. The first failure is kept for {@link #run()} and stops every stage.
     */
    private Thread stageThread(String name, RenderFailedException.Stage stage, StageBody body) {
        Thread t = new Thread(() -> {
            long[] at = {0};
            try {
                body.run(at);
            } catch (InterruptedException e) {
                // stopping: another stage failed or the run was cancelled
            } catch (Throwable e) {
                fail(stage, at[0], e);
            }
        }, "manyfaces-" + name);
        // Daemon: a stage stuck in native code must never keep the JVM alive after the CLI is done.
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        return t;
    }
}
