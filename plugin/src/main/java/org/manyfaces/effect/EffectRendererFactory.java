package org.manyfaces.effect;

/** Makes the renderer for a new effect instance; {@code messages} reach the user of that instance. */
@FunctionalInterface
public interface EffectRendererFactory {
    EffectRenderer create(EffectMessages messages);
}
