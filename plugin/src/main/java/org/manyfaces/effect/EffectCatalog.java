package org.manyfaces.effect;

import java.util.List;

/**
 * The effects the plug-in binary exposes, in plug-in index order (the shim's OfxGetPlugin index):
 * 0 = Face Swap, 1 = Image Translate.
 */
public final class EffectCatalog {
    /** Menu group of every ManyFaces effect. */
    public static final String GROUPING = "ManyFaces";

    private static volatile List<EffectDescriptor> effects =
            List.of(FaceSwapEffect.descriptor(), ImageTranslateEffect.descriptor());

    private EffectCatalog() {
    }

    public static List<EffectDescriptor> effects() {
        return effects;
    }

    /** The effect at plug-in index {@code index}; throws naming the index when out of range. */
    public static EffectDescriptor get(int index) {
        List<EffectDescriptor> e = effects;
        if (index < 0 || index >= e.size()) {
            throw new IllegalArgumentException("no effect at plug-in index " + index + " (have " + e.size() + ")");
        }
        return e.get(index);
    }

    /**
     * Replaces the render path of effect {@code id} for instances created afterwards: how the face and
     * translation pipelines are plugged in without touching the OFX code.
     */
    public static synchronized void useRenderer(String id, EffectRendererFactory factory) {
        List<EffectDescriptor> e = effects;
        EffectDescriptor[] copy = e.toArray(EffectDescriptor[]::new);
        for (int i = 0; i < copy.length; i++) {
            if (copy[i].id().equals(id)) {
                copy[i] = copy[i].withRenderer(factory);
                effects = List.of(copy);
                return;
            }
        }
        throw new IllegalArgumentException("no effect with id " + id);
    }
}
