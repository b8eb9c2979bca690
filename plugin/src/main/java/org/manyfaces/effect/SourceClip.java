package org.manyfaces.effect;

import java.util.Optional;

import org.manyfaces.image.ImageView;

/**
 * The effect's Source clip at any time, without OFX: what a renderer that looks at neighbouring frames
 * (temporal analysis) needs. Only effects that declare temporal clip access may use it; the OFX façade
 * implements it over {@code clipGetImage}, tests over arrays of frames.
 */
public interface SourceClip {
    /** A clip with no frames to offer (outside a host): every fetch is empty. */
    SourceClip NONE = new SourceClip() {
        @Override
        public Optional<Frame> frame(double time) {
            return Optional.empty();
        }

        @Override
        public double[] frameRange() {
            return new double[] {0, 0};
        }

        @Override
        public double frameRate() {
            return 25;
        }

        @Override
        public boolean offersOtherFrames(double time) {
            return false;
        }
    };

    /** One fetched source image; close it as soon as it has been read (the host holds its memory). */
    interface Frame extends AutoCloseable {
        /** Where the pixels lie, in OFX pixel coordinates (y up). */
        PixelRect bounds();

        /** Top-down view of all of {@link #bounds()}; valid until {@link #close()}. */
        ImageView view();

        @Override
        void close();
    }

    /** The source image at {@code time} (at the render scale of the current render), empty when the host has none. */
    Optional<Frame> frame(double time);

    /** First and last frame of the clip, inclusive. */
    double[] frameRange();

    /** Frames per second of the clip. */
    double frameRate();

    /**
     * Whether frames other than the one rendered at {@code time} really come from this clip. False where
     * the host gives no temporal access, gives the clip no frame range, or hands out the current frame
     * whatever time is asked (renderers then work on the rendered frame alone). Cheap after the first call.
     */
    default boolean offersOtherFrames(double time) {
        return true;
    }
}
