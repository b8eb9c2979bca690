package org.manyfaces.effect;

import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapModels;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.translate.TranslateModelMenu;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.WatermarkEmbedder;
import org.manyfaces.inference.ModelSpec;

/**
 * What the disclosure watermark of an effect carries, from the effect's parameters alone: the ManyFaces
 * product mark, the effect's id ({@link Payload#EFFECT_FACE_SWAP}, {@link Payload#EFFECT_IMAGE_TRANSLATE}) and
 * a short hash of the model it ran. Renderers embed it; the command line writes the same value into the
 * provenance record, so both agree without the CLI resolving model files.
 *
 * <p>The model hash is of the model's identity, not of its file bytes: the manifest id of a Face Swap model
 * (or a fixed name for Classic, which has no model), the manifest SHA-256 of a named translator, the file
 * name of a translator chosen as a file, a fixed name for the diagnostic.
 */
public final class DisclosurePayloads {
    /** The model identity hashed into the watermark of a Classic (model-free) swap. */
    public static final String CLASSIC_MODEL_ID = "manyfaces-classic-swap";
    /** The model identity hashed into the watermark of the diagnostic colour negative (no model file). */
    public static final String DIAGNOSTIC_MODEL_ID = "manyfaces-diagnostic-negative";
    /** The embedding strength every effect uses. */
    public static final float STRENGTH = WatermarkEmbedder.DEFAULT_STRENGTH;

    private DisclosurePayloads() {
    }

    /**
     * The payload the effect {@code effectId} embeds with these parameters at {@code time}, or empty when its
     * watermark parameter is off (or the effect has no disclosure).
     */
    public static Optional<Payload> of(String effectId, HostParams params, double time) {
        if (FaceSwapEffect.ID.equals(effectId)) {
            return params.getBool(DisclosureParams.WATERMARK, time)
                    ? Optional.of(faceSwap(params.getChoice(FaceSwapEffect.SWAP_MODEL, time))) : Optional.empty();
        }
        if (ImageTranslateEffect.ID.equals(effectId)) {
            return params.getBool(DisclosureParams.WATERMARK, time)
                    ? Optional.of(imageTranslate(params.getChoice(ImageTranslateEffect.MODEL, time),
                    params.getString(ImageTranslateEffect.MODEL_FILE, time)))
                    : Optional.empty();
        }
        return Optional.empty();
    }

    /** Face Swap with swap model option {@code swapModel} (an index into {@link FaceSwapEffect#SWAP_MODELS}). */
    public static Payload faceSwap(int swapModel) {
        List<String> ids = FaceSwapModels.SWAPPER_IDS;
        String model = swapModel <= 0 || swapModel > ids.size() ? CLASSIC_MODEL_ID : ids.get(swapModel - 1);
        return new Payload(Payload.MANYFACES_MARK, Payload.EFFECT_FACE_SWAP, Payload.shortHashOfName(model));
    }

    /** Image Translate with model option {@code model} (an index into {@link ImageTranslateEffect#MODELS}). */
    public static Payload imageTranslate(int model, String modelFile) {
        int hash;
        if (model == ImageTranslateEffect.MODEL_FROM_FILE) {
            String f = modelFile == null ? "" : modelFile.trim();
            Path name = f.isEmpty() ? null : Path.of(f).getFileName();
            hash = Payload.shortHashOfName(name == null ? f : name.toString());
        } else {
            List<ModelSpec> models = TranslateModelMenu.translators();
            int i = model - ImageTranslateEffect.MODEL_FIRST_MANIFEST;
            if (i < 0 || i >= models.size()) {
                hash = Payload.shortHashOfName(DIAGNOSTIC_MODEL_ID);
            } else {
                ModelSpec spec = models.get(i);
                String sha = spec.sha256();
                hash = sha != null && sha.matches("[0-9a-fA-F]{64}") ? Payload.shortModelHash(sha)
                        : Payload.shortHashOfName(spec.id());
            }
        }
        return new Payload(Payload.MANYFACES_MARK, Payload.EFFECT_IMAGE_TRANSLATE, hash);
    }

    /**
     * Every payload this build's effects write with a model they know: Face Swap with each swap model option
     * (Classic included), Image Translate with the diagnostic and each catalogue translator. A detector given
     * this list ({@code new WatermarkDetector(DisclosurePayloads.known())}) can confirm a weak mark by its
     * expected codeword; translators chosen as a model file are only found by blind decoding.
     */
    public static List<Payload> known() {
        List<Payload> known = new java.util.ArrayList<>();
        for (int swap = 0; swap <= FaceSwapModels.SWAPPER_IDS.size(); swap++) {
            known.add(faceSwap(swap));
        }
        int translators = TranslateModelMenu.translators().size();
        for (int m = ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE; m < ImageTranslateEffect.MODEL_FIRST_MANIFEST
                + translators; m++) {
            known.add(imageTranslate(m, null));
        }
        return known.stream().distinct().toList();
    }
}
