package org.manyfaces.video;

import org.manyfaces.image.ImageView;

/**
 * Where rendered frames go: a video file or an image sequence.
 *
 * <p>Interrupt safety: nothing half-written ever appears at the output path. Writing goes to a hidden
 * temporary file beside the output; {@link #finish()} finalises it (encoder flush, container trailer)
 * and renames it over the output in one step; {@link #abort()} (and {@link #close()} without a
 * successful {@code finish()}) deletes it. Image sequences apply the same rule per frame: every frame
 * file that exists is complete, and frames finished before an abort stay.
 *
 * <p>Not thread-safe: one thread writes.
 */
public interface FrameSink extends AutoCloseable {

    /**
     * Encodes one frame. Any {@link org.manyfaces.image.PixelFormat} of the sink's size is accepted;
     * RGBA_U8 with positive row stride goes to the encoder without a copy.
     */
    void write(ImageView frame) throws MediaOutputException;

    /** Finalises the output and moves it into place. Idempotent after success. */
    void finish() throws MediaOutputException;

    /** Stops writing and removes the partial output. Idempotent; never throws. */
    void abort();

    /** Frames written so far. */
    long framesWritten();

    /** A short name of the output for messages. */
    String description();

    /** Calls {@link #abort()} unless {@link #finish()} has succeeded. */
    @Override
    void close();
}
