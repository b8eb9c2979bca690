package org.manyfaces.effect;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import java.util.List;

/**
 * The effects the plug-in binary exposes, in plug-in index order (the shim's OfxGetPlugin index):
 * 0 = Face Swap, 1 = Image Translate.
 */
public final class EffectCatalogue {
    /** Menu group of every ManyFaces effect. */
    public static final String GROUPING = "ManyFaces";

    /** Fixed for the life of the process: the shim's plug-in table and the host's cached descriptions rely on it. */
    private static final List<EffectDescriptor> EFFECTS =
            List.of(FaceSwapEffect.descriptor(), ImageTranslateEffect.descriptor());

    private EffectCatalogue() {
    }

    public static List<EffectDescriptor> effects() {
        return EFFECTS;
    }

    /** The effect at plug-in index {@code index}; throws naming the index when out of range. */
    public static EffectDescriptor get(int index) {
        List<EffectDescriptor> e = EFFECTS;
        if (index < 0 || index >= e.size()) {
            throw new IllegalArgumentException("no effect at plug-in index " + index + " (have " + e.size() + ")");
        }
        return e.get(index);
    }
}
