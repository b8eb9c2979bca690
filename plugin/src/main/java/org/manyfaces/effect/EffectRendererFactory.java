package org.manyfaces.effect;

/** Makes the renderer for a new effect instance; the context's messages reach the user of that instance. */
@FunctionalInterface
public interface EffectRendererFactory {
    EffectRenderer create(EffectContext context);
}
