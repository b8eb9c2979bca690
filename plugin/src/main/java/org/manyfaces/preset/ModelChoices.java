package org.manyfaces.preset;

import java.util.List;
import java.util.Optional;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapModels;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.translate.TranslateModelMenu;

/**
 * Choice parameters whose options name manifest models (Face Swap's swap model, Image Translate's named
 * models): a preset that picks such an option also carries {@code "model": {"id", "sha256"}}, so that
 * importing it can say which model must be installed, and refuse a different build of it.
 */
final class ModelChoices {
    private ModelChoices() {
    }

    /** The manifest id option {@code option} of choice {@code paramId} stands for, if any. */
    static Optional<String> manifestId(String effectId, String paramId, int option) {
        if (FaceSwapEffect.ID.equals(effectId) && FaceSwapEffect.SWAP_MODEL.equals(paramId)) {
            List<String> ids = FaceSwapModels.SWAPPER_IDS;
            return option >= 1 && option - 1 < ids.size() ? Optional.of(ids.get(option - 1)) : Optional.empty();
        }
        if (ImageTranslateEffect.ID.equals(effectId) && ImageTranslateEffect.MODEL.equals(paramId)) {
            int i = option - ImageTranslateEffect.MODEL_FIRST_MANIFEST;
            var translators = TranslateModelMenu.translators();
            return i >= 0 && i < translators.size() ? Optional.of(translators.get(i).id()) : Optional.empty();
        }
        return Optional.empty();
    }
}
