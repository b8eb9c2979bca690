package org.manyfaces.video;

import org.manyfaces.image.ImageView;

/**
 * Frames in decode order from a video file or an image sequence, as {@link org.manyfaces.image.PixelFormat#RGBA_U8}
 * views. Not thread-safe: one thread reads.
 */
public interface FrameSource extends AutoCloseable {

    /** Size, rate, count and audio presence of the input. */
    VideoInfo info();

    /**
     * The next frame, or {@code null} after the last one. The view is over a buffer the source reuses:
     * it stays valid only until the next call to {@code next()} or {@code close()}; copy it to keep it.
     *
     * @throws MediaInputException when the input cannot be decoded further (names the input and the frame)
     */
    ImageView next() throws MediaInputException;

    /** Frames delivered so far. */
    long framesRead();

    /** A short name of the input for messages (file name or pattern). */
    String description();

    @Override
    void close();
}
