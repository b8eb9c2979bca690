package org.manyfaces.effect.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.effect.EffectProfile;
import org.manyfaces.effect.EffectProfile.ModelFile;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.common.RestoreModel;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.pipeline.chain.RestoreSettings;

/**
 * What the command line, presets and disclosure know of Face Restore ({@link EffectProfile}): its names, its
 * watermark code and model identity (the restore model's manifest id), the model files a render ran, and the
 * command line's preflight (a render whose restore model is not installed could only copy its input).
 */
final class FaceRestoreProfile {
    static final EffectProfile PROFILE = new EffectProfile(List.of("restore", "face-restore"),
            FaceRestoreEffect.PAYLOAD_CODE, Set.of(ModelKind.DETECTOR, ModelKind.ENHANCER, ModelKind.MASK,
                    ModelKind.LANDMARKER),
            new EffectProfile.DisclosureModel() {
                @Override
                public int modelHash(HostParams params, double time) {
                    return FaceRestoreProfile.modelHash(RestoreRows.Settings.read(params, time).model());
                }

                @Override
                public List<Integer> knownModelHashes() {
                    return Arrays.stream(RestoreModel.values()).filter(m -> m.modelId().isPresent())
                            .map(FaceRestoreProfile::modelHash).toList();
                }
            },
            FaceRestoreProfile::usedModels, FaceRestoreProfile::restoreModelProblem, "restored");

    private FaceRestoreProfile() {
    }

    static Payload payload(RestoreModel model) {
        return DisclosurePayloads.payload(FaceRestoreEffect.PAYLOAD_CODE, modelHash(model));
    }

    private static int modelHash(RestoreModel model) {
        return Payload.shortHashOfName(model.modelId().orElse("off"));
    }

    /** The detector, restore and mask model files, resolved as the renderer resolves them. */
    private static List<ModelFile> usedModels(ModelCatalogue catalogue, HostParams params, double time) {
        FaceRestoreParams p = FaceRestoreParams.read(params, time);
        FaceRestoreModels models = new FaceRestoreModels(catalogue);
        List<ModelFile> out = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.add(models.detectorModel(p));
        Optional<RestoreSettings> r = models.settings(p);
        r.ifPresent(s -> {
            files.add(s.model());
            files.add(s.masks().occluderModel());
            files.add(s.masks().parses() ? s.masks().parserModel() : null);
            files.add(s.masks().landmarkerModel());
        });
        for (Path m : files) {
            if (m != null) {
                out.add(new ModelFile(m.getFileName().toString(), m));
            }
        }
        return out;
    }

    /** On the command line a missing restore model is an error before the first frame, not a silent copy. */
    private static Optional<String> restoreModelProblem(ModelCatalogue catalogue, HostParams params, double time) {
        FaceRestoreParams p = FaceRestoreParams.read(params, time);
        FaceRestoreModels models = new FaceRestoreModels(catalogue);
        if (models.settings(p).isPresent()) {
            return Optional.empty();
        }
        if (p.restore().model().modelId().isEmpty()) {
            return Optional.of("the restore model is Off, so the render would only copy its input; choose one with "
                    + "--set " + RestoreRows.RESTORE_MODEL + "=\"GFPGAN 1.4\"");
        }
        return models.restoreModelNotInstalled(p);
    }
}
