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
