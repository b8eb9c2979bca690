package org.manyfaces.effect.translate;

import org.manyfaces.effect.HostParams;

/** Every Image Translate parameter read at one time. */
public record ImageTranslateParams(int model, String modelFile, int fitting, int tileSize, int tileOverlap,
                                     int region, double mix, double maskBlur, double maskPadding,
                                     int executionProvider) {

    public static ImageTranslateParams read(HostParams p, double time) {
        return new ImageTranslateParams(
                p.getChoice(ImageTranslateEffect.MODEL, time),
                p.getString(ImageTranslateEffect.MODEL_FILE, time),
                p.getChoice(ImageTranslateEffect.FITTING, time),
                p.getInt(ImageTranslateEffect.TILE_SIZE, time),
                p.getInt(ImageTranslateEffect.TILE_OVERLAP, time),
                p.getChoice(ImageTranslateEffect.REGION, time),
                p.getDouble(ImageTranslateEffect.MIX, time),
                p.getDouble(ImageTranslateEffect.MASK_BLUR, time),
                p.getDouble(ImageTranslateEffect.MASK_PADDING, time),
                p.getChoice(ImageTranslateEffect.EXECUTION_PROVIDER, time));
    }
}
