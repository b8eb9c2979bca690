package org.manyfaces.effect.translate;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.common.ExecutionProvider;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.translate.ImageTranslateEffect.Fitting;
import org.manyfaces.effect.translate.ImageTranslateEffect.Region;
import org.manyfaces.inference.ProviderChoice;

/** Every Image Translate parameter read at one time. */
public record ImageTranslateParams(int model, String modelFile, Fitting fitting, int tileSize, int tileOverlap,
                                   Region region, double mix, double maskBlur, double maskPadding,
                                   ProviderChoice executionProvider) {

    public static ImageTranslateParams read(HostParams p, double time) {
        return new ImageTranslateParams(
                p.getChoice(ImageTranslateEffect.MODEL, time),
                p.getString(ImageTranslateEffect.MODEL_FILE, time),
                ChoiceOption.at(Fitting.class, p.getChoice(ImageTranslateEffect.FITTING, time)),
                p.getInt(ImageTranslateEffect.TILE_SIZE, time),
                p.getInt(ImageTranslateEffect.TILE_OVERLAP, time),
                ChoiceOption.at(Region.class, p.getChoice(ImageTranslateEffect.REGION, time)),
                p.getDouble(ImageTranslateEffect.MIX, time),
                p.getDouble(ImageTranslateEffect.MASK_BLUR, time),
                p.getDouble(ImageTranslateEffect.MASK_PADDING, time),
                ExecutionProvider.of(p.getChoice(ImageTranslateEffect.EXECUTION_PROVIDER, time)));
    }
}
