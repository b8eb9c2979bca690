package org.manyfaces.effect.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.effect.EffectProfile;
import org.manyfaces.effect.EffectProfile.ModelFile;
import org.manyfaces.effect.HostParams;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelSpec;

/**
 * What the command line, presets and disclosure know of Image Translate ({@link EffectProfile}): its names, its
 * watermark code and model identity, and the model file a render ran.
 *
 * <p>The model hash is of the model's identity, not of its file bytes: the manifest SHA-256 of a named
 * translator, the file name of a translator chosen as a file, a fixed name for the diagnostic.
 */
final class ImageTranslateProfile {
    /** The model identity hashed into the watermark of the diagnostic colour negative (no model file). */
    static final String DIAGNOSTIC_MODEL_ID = "manyfaces-diagnostic-negative";

    static final EffectProfile PROFILE = new EffectProfile(List.of("translate", "image-translate"),
            ImageTranslateEffect.PAYLOAD_CODE, Set.of(ModelKind.TRANSLATOR, ModelKind.DETECTOR),
            new EffectProfile.DisclosureModel() {
                @Override
                public int modelHash(HostParams params, double time) {
                    return ImageTranslateProfile.modelHash(params.getChoice(ImageTranslateEffect.MODEL, time),
                            params.getString(ImageTranslateEffect.MODEL_FILE, time));
                }

                @Override
                public List<Integer> knownModelHashes() {
                    List<Integer> known = new ArrayList<>();
                    for (int m = ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE;
                         m < ImageTranslateEffect.MODELS.size(); m++) {
                        known.add(ImageTranslateProfile.modelHash(m, null));
                    }
                    return known;
                }
            },
            ImageTranslateProfile::usedModels, EffectProfile.RenderPreflight.NONE, null);

    private ImageTranslateProfile() {
    }

    /** The watermark payload of model option {@code model} (an index into {@link ImageTranslateEffect#MODELS}). */
    static Payload payload(int model, String modelFile) {
        return DisclosurePayloads.payload(ImageTranslateEffect.PAYLOAD_CODE, modelHash(model, modelFile));
    }

    private static int modelHash(int model, String modelFile) {
        if (model == ImageTranslateEffect.MODEL_FROM_FILE) {
            String f = modelFile == null ? "" : modelFile.trim();
            Path name = f.isEmpty() ? null : Path.of(f).getFileName();
            return Payload.shortHashOfName(name == null ? f : name.toString());
        }
        return namedModel(model).map(spec -> {
            String sha = spec.sha256();
            return sha != null && sha.matches("[0-9a-fA-F]{64}") ? Payload.shortModelHash(sha)
                    : Payload.shortHashOfName(spec.id());
        }).orElse(Payload.shortHashOfName(DIAGNOSTIC_MODEL_ID));
    }

    private static Optional<ModelSpec> namedModel(int model) {
        List<ModelSpec> models = TranslateModelMenu.translators();
        int i = model - ImageTranslateEffect.MODEL_FIRST_MANIFEST;
        return i >= 0 && i < models.size() ? Optional.of(models.get(i)) : Optional.empty();
    }

    /** The model file parameter, or the named model's file found by the same catalogue the renderer uses. */
    private static List<ModelFile> usedModels(ModelCatalogue catalogue, HostParams params, double time) {
        List<ModelFile> out = new ArrayList<>();
        int model = params.getChoice(ImageTranslateEffect.MODEL, time);
        if (model == ImageTranslateEffect.MODEL_FROM_FILE) {
            String file = params.getString(ImageTranslateEffect.MODEL_FILE, time);
            if (!file.isBlank() && Files.isRegularFile(Path.of(file))) {
                out.add(new ModelFile("modelFile", Path.of(file)));
            }
        } else {
            namedModel(model).flatMap(spec -> catalogue.byId(spec.id()))
                    .flatMap(spec -> catalogue.locator().find(spec.file()))
                    .ifPresent(f -> out.add(new ModelFile("model", f)));
        }
        return out;
    }
}
