package org.manyfaces.video;

import org.manyfaces.image.ImageView;

/**
 * The per-frame step of a {@link FramePipeline}: renders frame {@code index} from {@code source} into
 * {@code destination} (the source size times the pipeline's output scale, normally 1; every destination pixel
 * must be written — it holds an older frame).
 *
 * <p>With one worker (the default) calls come in frame order from one thread. With several workers
 * calls for different frames run concurrently and may complete out of order (the pipeline restores
 * the order), so the processor must then be thread-safe and must not depend on call order.
 */
@FunctionalInterface
public interface FrameProcessor {

    /**
     * @param index       0-based frame index in the input
     * @param source      the decoded frame (RGBA_U8); do not keep it after returning
     * @param destination where the result goes; its format is the pipeline's output format
     */
    void process(long index, ImageView source, ImageView destination) throws Exception;

    /** Copies every frame unchanged (converting format if the output format differs). */
    static FrameProcessor identity() {
        return (index, source, destination) -> destination.copyFrom(source);
    }
}
