package org.manyfaces.cli;

import org.manyfaces.image.ImageView;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.VideoInfo;

/**
 * The frames {@code first..last} (0-based, inclusive) of another source, for {@code --frames A-B}. Frames
 * before {@code first} are decoded and dropped on the first read (decoders cannot seek frame-exactly in
 * every container; decoding through is always right).
 */
final class FrameWindowSource implements FrameSource {
    private final FrameSource inner;
    private final long first;
    private final long count;
    private final VideoInfo info;
    private long delivered;
    private boolean skipped;

    /**
     * @param last inclusive; {@code Long.MAX_VALUE} for "to the end"
     * @throws IllegalArgumentException when {@code first} lies beyond a known frame count
     */
    FrameWindowSource(FrameSource inner, long first, long last) {
        this.inner = inner;
        this.first = first;
        VideoInfo in = inner.info();
        long available = in.frameCount() > 0 ? in.frameCount() - first : Long.MAX_VALUE;
        if (in.frameCount() > 0 && in.frameCountExact() && available <= 0) {
            throw new IllegalArgumentException("--frames starts at frame " + first + " but " + inner.description()
                    + " has only " + in.frameCount() + " frame(s) (0.." + (in.frameCount() - 1) + ")");
        }
        long wanted = last == Long.MAX_VALUE ? Long.MAX_VALUE : last - first + 1;
        this.count = Math.min(wanted, Math.max(0, available));
        this.info = count == Long.MAX_VALUE ? in : in.withFrameCount(count, in.frameCountExact());
    }

    /** Input frame number of the first frame delivered. */
    long first() {
        return first;
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public ImageView next() throws MediaInputException {
        if (!skipped) {
            skipped = true;
            for (long i = 0; i < first; i++) {
                if (inner.next() == null) {
                    throw new MediaInputException("--frames starts at frame " + first + " but " + inner.description()
                            + " ended after " + i + " frame(s)");
                }
            }
        }
        if (delivered >= count) {
            return null;
        }
        ImageView v = inner.next();
        if (v != null) {
            delivered++;
        }
        return v;
    }

    @Override
    public long framesRead() {
        return delivered;
    }

    @Override
    public String description() {
        return inner.description();
    }

    @Override
    public void close() {
        inner.close();
    }
}
