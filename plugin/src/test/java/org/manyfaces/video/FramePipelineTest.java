package org.manyfaces.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

@Timeout(120)
class FramePipelineTest {
    private static final int BITS = 8;
    private static final int BLOCK = 80;

    @TempDir
    Path tmp;

    /** Writes {@code index} as 8 black/white 80x80 blocks along the top of the frame. */
    private static void stampIndex(long index, ImageView dst) {
        for (int b = 0; b < BITS; b++) {
            float v = ((index >> b) & 1) == 1 ? 1f : 0f;
            for (int y = 0; y < BLOCK; y++) {
                for (int x = b * BLOCK; x < (b + 1) * BLOCK; x++) {
                    dst.set(x, y, 0, v);
                    dst.set(x, y, 1, v);
                    dst.set(x, y, 2, v);
                }
            }
        }
    }

    private static long readIndex(ImageView f) {
        long index = 0;
        for (int b = 0; b < BITS; b++) {
            if (f.get(b * BLOCK + BLOCK / 2, BLOCK / 2, 1) > 0.5f) {
                index |= 1L << b;
            }
        }
        return index;
    }

    @Test
    void severalOutOfOrderWorkersStillWriteFramesInOrder() throws Exception {
        Path out = tmp.resolve("stamped.mp4");
        List<Long> progress = new ArrayList<>();
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults())) {
            FramePipeline p = FramePipeline.builder(in, sink).workers(3).queueCapacity(2).maxFrames(60)
                    .processor((i, s, d) -> {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(8)); // finish out of order
                        d.copyFrom(s);
                        stampIndex(i, d);
                    })
                    .progress((done, total) -> {
                        progress.add(done);
                        assertEquals(60, total);
                    })
                    .build();
            assertEquals(60, p.run().frames());
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 60; i++) {
            expected.add(i);
        }
        assertEquals(expected, progress);
        try (VideoReader r = VideoReader.open(out)) {
            assertEquals(60, r.info().frameCount());
            for (long i = 0; i < 60; i++) {
                ImageView f = r.next();
                assertNotNull(f, "missing frame " + i);
                assertEquals(i, readIndex(f), "frame " + i + " out of order");
            }
        }
    }

    @Test
    void queuesAreBoundedAndASlowEncoderHoldsTheDecoderBack() throws Exception {
        int q = 2;
        int workers = 1;
        AtomicLong maxAhead = new AtomicLong();
        CountingSource src = new CountingSource(100, 64, 32);
        RecordingSink sink = new RecordingSink(64, 32) {
            @Override
            public void write(ImageView frame) throws MediaOutputException {
                maxAhead.accumulateAndGet(src.framesRead() - framesWritten(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    throw new MediaOutputException("interrupted");
                }
                super.write(frame);
            }
        };
        FramePipeline.builder(src, sink).queueCapacity(q).workers(workers).build().run();
        assertEquals(100, sink.framesWritten());
        assertTrue(sink.finished);
        // Every frame read and not yet written sits in one of at most 2q + workers + 2 slots.
        assertTrue(maxAhead.get() <= 2L * q + workers + 2, "decoder ran " + maxAhead.get() + " frames ahead");
        assertTrue(maxAhead.get() >= q, "the pipeline never overlapped decoding and encoding");
        // Frame content arrived intact and in order.
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 256, sink.firstBytes.get(i));
        }
    }

    @Test
    void eachStageIsCreditedWithItsOwnTimeNotItsWaits() throws Exception {
        // Decode sleeps 1 ms, the processor 6 ms and the encoder 3 ms per frame: every stage's total must hold
        // at least its own sleeps, and decode/encode, which mostly wait for the slow processor, must not be
        // credited with those waits (each stays far below the processor's time).
        int frames = 20;
        CountingSource src = new CountingSource(frames, 16, 16) {
            @Override
            public ImageView next() throws MediaInputException {
                sleep(1);
                return super.next();
            }
        };
        RecordingSink sink = new RecordingSink(16, 16) {
            @Override
            public void write(ImageView frame) throws MediaOutputException {
                sleep(3);
                super.write(frame);
            }
        };
        FramePipeline.Result r = FramePipeline.builder(src, sink).queueCapacity(2)
                .processor((index, in, out) -> {
                    sleep(6);
                    out.copyFrom(in);
                }).build().run();
        assertEquals(frames, r.frames());
        long ms = 1_000_000L;
        assertTrue(r.decodeNanos() >= frames * ms, "decode " + r.decodeNanos());
        assertTrue(r.processNanos() >= frames * 6 * ms, "process " + r.processNanos());
        assertTrue(r.encodeNanos() >= frames * 3 * ms, "encode " + r.encodeNanos());
        assertTrue(r.decodeNanos() < r.processNanos() && r.encodeNanos() < r.processNanos(),
                "decode " + r.decodeNanos() + ", process " + r.processNanos() + ", encode " + r.encodeNanos());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    @Test
    void aProcessorErrorStopsEverythingAndKeepsTheOldOutput() throws Exception {
        Path out = tmp.resolve("out.mp4");
        Files.writeString(out, "previous render");
        AtomicInteger processed = new AtomicInteger();
        RenderFailedException e;
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults())) {
            FramePipeline p = FramePipeline.builder(in, sink).processor((i, s, d) -> {
                processed.incrementAndGet();
                if (i == 30) {
                    throw new IllegalStateException("model exploded on frame thirty");
                }
                d.copyFrom(s);
            }).build();
            e = assertThrows(RenderFailedException.class, p::run);
        }
        assertEquals(RenderFailedException.Stage.PROCESS, e.stage());
        assertEquals(30, e.frameIndex());
        // An uncoded failure is a bug: the report names stage and frame, the cause keeps the details.
        assertTrue(e.getCause().getMessage().contains("model exploded on frame thirty"), e.getCause().toString());
        assertTrue(e.getMessage().contains("frame 30") && e.getMessage().contains("internal error [MF-999]"),
                e.getMessage());
        assertEquals(31, processed.get(), "processing went on after the error");
        assertEquals("previous render", Files.readString(out), "the output path was touched");
        assertOnlyFiles("out.mp4");
    }

    @Test
    void decodeAndEncodeErrorsCarryTheirCause() throws Exception {
        CountingSource failingSource = new CountingSource(50, 16, 16) {
            @Override
            public ImageView next() throws MediaInputException {
                if (framesRead() == 10) {
                    throw new MediaInputException("corrupt packet in test input at frame 10");
                }
                return super.next();
            }
        };
        RecordingSink sink = new RecordingSink(16, 16);
        RenderFailedException e = assertThrows(RenderFailedException.class,
                () -> FramePipeline.builder(failingSource, sink).build().run());
        assertEquals(RenderFailedException.Stage.DECODE, e.stage());
        assertEquals(10, e.frameIndex());
        assertInstanceOf(MediaInputException.class, e.getCause());
        assertTrue(sink.aborted);
        assertFalse(sink.finished);

        RecordingSink failingSink = new RecordingSink(16, 16) {
            @Override
            public void write(ImageView frame) throws MediaOutputException {
                if (framesWritten() == 5) {
                    throw new MediaOutputException("disk full writing test output");
                }
                super.write(frame);
            }
        };
        e = assertThrows(RenderFailedException.class,
                () -> FramePipeline.builder(new CountingSource(50, 16, 16), failingSink).build().run());
        assertEquals(RenderFailedException.Stage.ENCODE, e.stage());
        assertEquals(5, e.frameIndex());
        assertInstanceOf(MediaOutputException.class, e.getCause());
        assertTrue(failingSink.aborted);
    }

    @Test
    void cancellingMidwayLeavesNoOutput() throws Exception {
        Path out = tmp.resolve("cancelled.mp4");
        AtomicReference<FramePipeline> ref = new AtomicReference<>();
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults())) {
            FramePipeline p = FramePipeline.builder(in, sink).processor((i, s, d) -> {
                if (i == 60) {
                    ref.get().cancel();
                }
                d.copyFrom(s);
            }).build();
            ref.set(p);
            CancellationException e = assertThrows(CancellationException.class, p::run);
            assertTrue(e.getMessage().contains("removed"), e.getMessage());
            assertTrue(sink.framesWritten() < 150);
        }
        assertFalse(Files.exists(out));
        assertOnlyFiles();
    }

    @Test
    void cancellingBeforeTheRunRemovesThePartialAtOnce() throws Exception {
        Path out = tmp.resolve("never.mp4");
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults())) {
            FramePipeline p = FramePipeline.builder(in, sink).build();
            try (Stream<Path> s = Files.list(tmp)) {
                assertEquals(1, s.count(), "the writer's partial file exists once the output is open");
            }
            p.cancel();
            assertOnlyFiles();
            assertTrue(p.awaitTermination(java.time.Duration.ofSeconds(1)));
            assertThrows(CancellationException.class, p::run);
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void interruptingTheRunningThreadLeavesNoOutput() throws Exception {
        Path out = tmp.resolve("interrupted.mp4");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean reached = new AtomicBoolean();
        try (FrameSource in = VideoReader.open(TestMedia.faceClip());
             FrameSink sink = VideoWriter.open(out, in.info(), VideoOutputOptions.defaults())) {
            FramePipeline p = FramePipeline.builder(in, sink).processor((i, s, d) -> {
                if (i == 20) {
                    reached.set(true);
                }
                Thread.sleep(5);
                d.copyFrom(s);
            }).build();
            Thread runner = new Thread(() -> {
                try {
                    p.run();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            runner.start();
            while (!reached.get()) {
                Thread.sleep(5);
            }
            runner.interrupt();
            runner.join();
        }
        assertInstanceOf(InterruptedException.class, thrown.get());
        assertFalse(Files.exists(out));
        assertOnlyFiles();
    }

    private void assertOnlyFiles(String... names) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> found = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(names), found);
        }
    }

    /** A synthetic source whose frame i has every byte = i mod 256. */
    static class CountingSource implements FrameSource {
        private final int total;
        private final ImageView frame;
        private final VideoInfo info;
        private volatile long read;

        CountingSource(int total, int w, int h) {
            this.total = total;
            this.frame = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
            this.info = new VideoInfo(w, h, 25, total, true, 1, 0, false, 0, 0, "synthetic");
        }

        @Override
        public VideoInfo info() {
            return info;
        }

        @Override
        public ImageView next() throws MediaInputException {
            if (read >= total) {
                return null;
            }
            byte v = (byte) read;
            for (int i = 0; i < frame.buffer().capacity(); i++) {
                frame.buffer().put(i, v);
            }
            read++;
            return frame;
        }

        @Override
        public long framesRead() {
            return read;
        }

        @Override
        public String description() {
            return "counting source";
        }

        @Override
        public void close() {
        }
    }

    /** Remembers the first byte of every frame written, and whether it was finished or aborted. */
    static class RecordingSink implements FrameSink {
        final List<Integer> firstBytes = new ArrayList<>();
        volatile boolean finished;
        volatile boolean aborted;

        RecordingSink(int w, int h) {
        }

        @Override
        public void write(ImageView frame) throws MediaOutputException {
            firstBytes.add(frame.buffer().get(frame.rowOffset(0)) & 0xFF);
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public void abort() {
            if (!finished) {
                aborted = true;
            }
        }

        @Override
        public long framesWritten() {
            return firstBytes.size();
        }

        @Override
        public String description() {
            return "recording sink";
        }

        @Override
        public void close() {
            abort();
        }
    }
}
