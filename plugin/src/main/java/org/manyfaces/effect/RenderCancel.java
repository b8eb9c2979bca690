package org.manyfaces.effect;

/**
 * Whether the host has asked the render in progress to stop (OFX: the image-effect suite's {@code abort}).
 * Renderers poll it between stages and between faces through {@link #check}: a host that cancels a render
 * (the user moved the playhead, changed a value) gets its thread back within one stage.
 */
@FunctionalInterface
public interface RenderCancel {
    /** Never cancelled (CLI, tests, hosts that cannot cancel). */
    RenderCancel NEVER = () -> false;

    /** True once the host wants the render to stop. */
    boolean requested();

    /** Throws {@link RenderCancelledException} naming {@code where} when the host wants the render to stop. */
    default void check(String where) {
        if (requested()) {
            throw new RenderCancelledException("the host cancelled the render " + where);
        }
    }
}
