package org.manyfaces.cli;

import java.util.Optional;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.VideoInfo;

/**
 * The render's input as an effect's {@link SourceClip}: what a host gives an effect with temporal clip access
 * (Face Swap's tracking pass reads the frames around the one it renders). Frames are decoded by a second
 * reader of the same input, independent of the render pipeline's.
 *
 * <p>Access is nearly sequential (analysis blocks move forward and overlap their neighbours by a margin), so
 * the most recent frames are kept in a small ring of copies; a request before the ring reopens the input and
 * decodes forward again (correct, only slower). The ring holds at most {@value #MAX_RING} frames and at most
 * {@value #RING_BUDGET_BYTES} bytes.
 *
 * <p>Not thread-safe: one per effect instance (instances render one frame at a time).
 */
final class InputClip implements SourceClip, AutoCloseable {
    /** Enough for Face Swap's analysis blocks to step back over their overlap (2 x 12 frames) without reopening. */
    static final int MAX_RING = 40;
    static final long RING_BUDGET_BYTES = 768L << 20;

    /** Opens the input from the start; called again after a backward seek. */
    @FunctionalInterface
    interface Opener {
        FrameSource open() throws MediaInputException;
    }

    private final Opener opener;
    private final VideoInfo info;
    private final ImageView[] ring;
    private final long[] ringFrame;
    private FrameSource reader;
    /** Input frame number the reader delivers next. */
    private long next;
    private long reopens;

    InputClip(Opener opener, VideoInfo info) {
        this.opener = opener;
        this.info = info;
        long frameBytes = (long) info.width() * info.height() * 4;
        int size = (int) Math.max(1, Math.min(MAX_RING, RING_BUDGET_BYTES / Math.max(1, frameBytes)));
        this.ring = new ImageView[size];
        this.ringFrame = new long[size];
        java.util.Arrays.fill(ringFrame, -1);
    }

    @Override
    public Optional<Frame> frame(double time) {
        long n = Math.round(time);
        if (n < 0 || (info.frameCountExact() && n >= info.frameCount())) {
            return Optional.empty();
        }
        int slot = (int) (n % ring.length);
        if (ringFrame[slot] != n) {
            try {
                if (!decodeUpTo(n)) {
                    return Optional.empty();
                }
            } catch (MediaInputException e) {
                throw new IllegalStateException("cannot read frame " + n + " of the input for the tracking pass: "
                        + e.getMessage(), e);
            }
        }
        ImageView view = ring[slot];
        PixelRect bounds = new PixelRect(0, 0, view.width(), view.height());
        return Optional.of(new Frame() {
            @Override
            public PixelRect bounds() {
                return bounds;
            }

            @Override
            public ImageView view() {
                return view;
            }

            @Override
            public void close() {
                // the ring keeps the copy for the next requests
            }
        });
    }

    /** Decodes until frame {@code n} is in the ring; false when the input ends before it. */
    private boolean decodeUpTo(long n) throws MediaInputException {
        if (reader == null || n < next) {
            if (reader != null) {
                reader.close();
                reopens++;
            }
            reader = opener.open();
            next = 0;
        }
        while (next <= n) {
            ImageView v = reader.next();
            if (v == null) {
                return false;
            }
            int slot = (int) (next % ring.length);
            if (ring[slot] == null) {
                ring[slot] = ImageView.allocate(v.width(), v.height(), PixelFormat.RGBA_U8);
            }
            ring[slot].copyFrom(v);
            ringFrame[slot] = next;
            next++;
        }
        return true;
    }

    /** How often the input was reopened for a frame before the ring (tests, diagnostics). */
    long reopens() {
        return reopens;
    }

    @Override
    public double[] frameRange() {
        long last = info.frameCount() > 0 ? info.frameCount() - 1 : 0;
        return new double[] {0, last};
    }

    @Override
    public double frameRate() {
        return info.frameRate();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
