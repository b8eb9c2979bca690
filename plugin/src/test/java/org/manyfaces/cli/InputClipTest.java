package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.VideoInfo;

class InputClipTest {
    private static final int FRAMES = 100;
    private static final VideoInfo INFO = new VideoInfo(8, 4, 25, FRAMES, true, 1, 0, false, 0, 0, "test");

    /** A decoder whose frame n has the value n (mod 256) in the red channel of every pixel. */
    private static final class NumberedSource implements FrameSource {
        private final ImageView buffer = ImageView.allocate(8, 4, PixelFormat.RGBA_U8);
        private long read;

        @Override
        public VideoInfo info() {
            return INFO;
        }

        @Override
        public ImageView next() {
            if (read >= FRAMES) {
                return null;
            }
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 8; x++) {
                    buffer.buffer().put(buffer.pixelOffset(x, y), (byte) read);
                }
            }
            read++;
            return buffer;
        }

        @Override
        public long framesRead() {
            return read;
        }

        @Override
        public String description() {
            return "numbered";
        }

        @Override
        public void close() {
        }
    }

    private static int numberOf(SourceClip clip, long frame) {
        Optional<SourceClip.Frame> f = clip.frame(frame);
        assertTrue(f.isPresent(), "frame " + frame);
        try (SourceClip.Frame fr = f.get()) {
            assertEquals(new PixelRect(0, 0, 8, 4), fr.bounds());
            return fr.view().buffer().get(fr.view().pixelOffset(3, 2)) & 0xFF;
        }
    }

    @Test
    void framesComeBackByNumberInAnyOrder() {
        AtomicInteger opens = new AtomicInteger();
        try (InputClip clip = new InputClip(() -> {
            opens.incrementAndGet();
            return new NumberedSource();
        }, INFO)) {
            for (int n = 0; n < 60; n++) {
                assertEquals(n, numberOf(clip, n));
            }
            assertEquals(1, opens.get());
            // Face Swap's blocks step back over their overlap: those frames are still in the ring.
            for (int n = 36; n < 70; n++) {
                assertEquals(n, numberOf(clip, n));
            }
            assertEquals(1, opens.get(), "no reopen for a step back inside the ring");
            assertEquals(3, numberOf(clip, 3), "a frame before the ring is decoded again from the start");
            assertEquals(2, opens.get());
            assertEquals(99, numberOf(clip, 99));
            assertTrue(clip.frame(100).isEmpty(), "after the last frame");
            assertTrue(clip.frame(-1).isEmpty(), "before the first frame");
            assertArrayEquals(new double[] {0, 99}, clip.frameRange());
            assertEquals(25, clip.frameRate());
        }
    }
}
