package org.manyfaces.effect;

/**
 * The render path of one effect instance; the seam where the face and translation pipelines plug in
 * without touching any OFX code. One renderer per effect instance; the host façade never calls one
 * renderer from two threads at once, so a renderer may keep per-instance caches without locking.
 */
public interface EffectRenderer extends AutoCloseable {
    /** Fills {@code request.output()}; reads every parameter at {@code request.time()}. */
    void render(RenderRequest request, HostParams params);

    /**
     * True when, at {@code time}, the output would be the source unchanged (for example a mix of 0): the
     * host then copies the source and skips {@link #render}, and with it any network.
     */
    default boolean isIdentity(HostParams params, double time) {
        return false;
    }

    /**
     * How many output pixels one source pixel becomes along each axis at {@code time}: 1 for effects that keep
     * the frame size, k for super-resolution models. The host façade answers the region-of-definition
     * question with the source's region times this factor and asks for the matching part of the source.
     * Must not throw for a bad setting: answer 1 and let {@link #render} report the problem.
     */
    default int outputScale(HostParams params, double time) {
        return 1;
    }

    /**
     * Where this renderer reports the faces of each frame it renders from now on ({@link FaceReport#NONE}, the
     * default, is no one). Renderers that do not look for faces ignore it. Called between renders, never during one.
     */
    default void reportFacesTo(FaceReport report) {
    }

    /** A parameter changed (user edit or button press); {@code time} is the current time. */
    default void paramChanged(String id, HostParams params, double time) {
    }

    /** The host asks to free caches (models, buffers). */
    default void purgeCaches() {
    }

    /** The instance is destroyed. */
    @Override
    default void close() {
    }
}
