package org.manyfaces.effect.common;

import org.manyfaces.pipeline.chain.StageTimer;

/**
 * A renderer whose work runs through the face pipeline's stages (detection, alignment, swap, restore, paste, ...)
 * and can add each stage's time to a {@link StageTimer}. Kept apart from {@link org.manyfaces.effect.EffectRenderer}:
 * the renderer contract knows nothing of one pipeline's stages, and renderers without stages implement nothing.
 */
public interface TimedStages {
    /**
     * Where this renderer adds the time of its stages from now on; {@link StageTimer#NONE} records nothing. For
     * benches and {@code manyfaces render --timings}. Called between renders, never during one.
     */
    void timeStagesWith(StageTimer timer);
}
