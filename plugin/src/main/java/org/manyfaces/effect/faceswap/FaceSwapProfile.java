package org.manyfaces.effect.faceswap;

import java.nio.file.Files;
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
import org.manyfaces.effect.faceswap.FaceSwapEffect.SwapModel;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.pipeline.chain.FaceSwapSettings;

/**
 * What the command line, presets and disclosure know of Face Swap ({@link EffectProfile}): its names, its
 * watermark code and model identity (the swap model's manifest id, or a fixed name for Classic), the model
 * files a render ran (resolved by {@link FaceSwapModels} exactly as the renderer does), and the source-face
 * check a command-line render runs before it reads a frame.
 */
final class FaceSwapProfile {
    static final EffectProfile PROFILE = new EffectProfile(List.of("faceswap", "face-swap", "swap"),
            FaceSwapEffect.PAYLOAD_CODE, Set.of(ModelKind.DETECTOR, ModelKind.SWAPPER, ModelKind.RECOGNIZER),
            new EffectProfile.DisclosureModel() {
                @Override
                public int modelHash(HostParams params, double time) {
                    return FaceSwapProfile.modelHash(swapModel(params, time));
                }

                @Override
                public List<Integer> knownModelHashes() {
                    return Arrays.stream(SwapModel.values()).map(FaceSwapProfile::modelHash).toList();
                }
            },
            FaceSwapProfile::usedModels, FaceSwapProfile::sourceFaceProblem, "swapped");

    private FaceSwapProfile() {
    }

    static Payload payload(SwapModel model) {
        return DisclosurePayloads.payload(FaceSwapEffect.PAYLOAD_CODE, modelHash(model));
    }

    private static int modelHash(SwapModel model) {
        return Payload.shortHashOfName(model.disclosedModel());
    }

    private static SwapModel swapModel(HostParams params, double time) {
        return ChoiceOption.at(SwapModel.class, params.getChoice(FaceSwapEffect.SWAP_MODEL, time));
    }

    /** Detector, swapper and recogniser files of the params at {@code time}; none without a source face. */
    private static List<ModelFile> usedModels(ModelCatalogue catalogue, HostParams params, double time) {
        FaceSwapParams p = FaceSwapParams.read(params, time);
        List<ModelFile> out = new ArrayList<>();
        if (p.sourceFaceFiles().isEmpty()) {
            return out;
        }
        FaceSwapSettings s = new FaceSwapModels(catalogue).settings(p);
        for (Path m : new Path[] {s.detectorModel(), s.swapperModel(), s.recognizerModel()}) {
            if (m != null) {
                out.add(new ModelFile(m.getFileName().toString(), m));
            }
        }
        return out;
    }

    /**
     * What is wrong with the source faces: none given, a file that is not there, or a picture in which the
     * effect's own detector finds no face (the identity is loaded into the cache the render then uses).
     */
    private static Optional<String> sourceFaceProblem(ModelCatalogue catalogue, HostParams params, double time) {
        FaceSwapParams p = FaceSwapParams.read(params, time);
        if (p.sourceFaceFiles().isEmpty()) {
            return Optional.of("Face Swap needs a source face: add --set " + FaceSwapEffect.SOURCE_FACES
                    + "=FACE.jpg (a picture of the face to swap in; several pictures separated by ';')");
        }
        for (String f : p.sourceFaceFiles()) {
            if (!Files.isRegularFile(Path.of(f))) {
                return Optional.of("source face " + f + ": " + (Files.exists(Path.of(f)) ? "not a file" : "no such file"));
            }
        }
        try {
            FaceSwapRenderer.loadSourceFaces(new FaceSwapModels(catalogue), p);
            return Optional.empty();
        } catch (ManyFacesException e) {
            // The source-face and model-setting mistakes; a missing or broken model is a model failure (exit 5).
            if (e.code() != ErrorCode.SOURCE_FACE && e.code() != ErrorCode.SETTING_INVALID) {
                throw e;
            }
            return Optional.of(e.getMessage().replaceFirst("^Face Swap: ", ""));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage().replaceFirst("^Face Swap: ", ""));
        }
    }
}
