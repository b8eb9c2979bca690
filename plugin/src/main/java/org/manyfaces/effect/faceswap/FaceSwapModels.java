package org.manyfaces.effect.faceswap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.ModelFileException;
import org.manyfaces.inference.DetectorPreference;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSearchPath;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.effect.faceswap.FaceSwapEffect.SwapModel;
import org.manyfaces.pipeline.chain.FaceSwapSettings;
import org.manyfaces.pipeline.chain.RecognizerKind;
import org.manyfaces.pipeline.chain.SwapperKind;

/**
 * Turns the Face Swap parameters of one frame into the face pipeline's {@link FaceSwapSettings}: finds the
 * model files of the chosen detector, swapper and recogniser through the process's {@link ModelCatalogue}
 * (its search path, then the optional FaceFusion folder parameter; its detector preference), checks the
 * source and reference images exist, and clamps ranges that differ between the effect's controls and the
 * pipeline. Every failure names what is missing and where it was looked for.
 */
public final class FaceSwapModels {
    /** Recognisers for the identity vector of model swappers (512-d ArcFace only). */
    static final List<String> SWAP_RECOGNIZER_IDS = List.of("arcface_w600k_r50");
    /** Recognisers good enough to compare faces for reference selection, best first. */
    static final List<String> REFERENCE_RECOGNIZER_IDS = List.of("arcface_w600k_r50", "mobilefacenet_foamliu");

    private final ModelCatalogue catalogue;
    private final ModelManifest manifest;

    public FaceSwapModels(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
        this.manifest = catalogue.manifest();
    }

    /** The locator for these params: the catalogue's search path, then the FaceFusion folder parameter. */
    public ModelLocator locator(FaceSwapParams p) {
        return catalogue.locator(p.modelsFolder());
    }

    /** The detector model file for the params' detector choice (the family's best installed model). */
    public Path detectorModel(FaceSwapParams p) {
        return catalogue.requireDetector(DetectorPreference.FAMILIES.get(p.detector().ordinal()), locator(p),
                "Face Swap (" + p.detector().label() + " face detector)").file();
    }

    /** The pipeline settings for the params of one frame. */
    public FaceSwapSettings settings(FaceSwapParams p) {
        ModelLocator locator = locator(p);
        FaceSwapSettings.Builder b = FaceSwapSettings.builder();
        b.sources(sourceFiles(p));
        b.detector(detectorModel(p), clamp01(p.detectionThreshold()));
        SwapModel swap = p.swapModel();
        if (swap.modelId().isEmpty()) {
            b.swapper(SwapperKind.CLASSIC, null);
        } else {
            ModelSpec spec = manifest.require(swap.modelId().get());
            Path model = locator.locate(spec);
            b.swapper(spec.family().equals("hyperswap") ? SwapperKind.HYPERSWAP_256 : SwapperKind.INSWAPPER_128, model);
            b.recognizer(RecognizerKind.ARCFACE_W600K, firstFound(SWAP_RECOGNIZER_IDS, locator,
                    "face recogniser for " + swap.label()));
        }
        b.pixelBoost(p.pixelBoost().size());
        switch (p.selectionMode()) {
            case ALL -> b.selectAll();
            case LARGEST -> b.selectLargest();
            case BY_INDEX -> b.selectIndex(Math.max(0, p.faceIndex()));
            case REFERENCE -> {
                if (p.referenceFace().isBlank()) {
                    throw new ManyFacesException(ErrorCode.SOURCE_FACE, "Face Swap: 'Reference face' selection needs a reference face "
                            + "image; choose one in Face selection");
                }
                b.selectReference(existing(p.referenceFace().strip(), "reference face image"),
                        (float) Math.min(1, Math.max(0, p.referenceDistance())));
                if (swap == SwapModel.CLASSIC) {
                    // Classic swaps need no recogniser themselves; reference selection does.
                    String id = null;
                    for (String candidate : REFERENCE_RECOGNIZER_IDS) {
                        if (locator.find(manifest.require(candidate).file()).isPresent()) {
                            id = candidate;
                            break;
                        }
                    }
                    if (id == null) {
                        throw missing(REFERENCE_RECOGNIZER_IDS, locator, "face recogniser for reference selection");
                    }
                    b.recognizer(id.startsWith("mobilefacenet") ? RecognizerKind.MOBILEFACENET : RecognizerKind.ARCFACE_W600K,
                            locator.locate(manifest.require(id)));
                }
            }
        }
        b.blend(clamp01(p.blend()));
        b.mask(clamp01(p.maskBlur()), pad(p.maskPadTop()), pad(p.maskPadRight()), pad(p.maskPadBottom()),
                pad(p.maskPadLeft()));
        b.colourMatch(p.colourMatch() > 0);
        b.showDetections(p.showDetections());
        b.provider(p.executionProvider());
        return b.build();
    }

    /** The source face files, each checked to exist. */
    static List<Path> sourceFiles(FaceSwapParams p) {
        List<String> names = p.sourceFaceFiles();
        if (names.isEmpty()) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "Face Swap: no source face image is set");
        }
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            files.add(existing(n, "source face image"));
        }
        return files;
    }

    private static Path existing(String name, String what) {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "Face Swap: " + what + " not found: " + file.toAbsolutePath());
        }
        return file;
    }

    private Path firstFound(List<String> ids, ModelLocator locator, String what) {
        for (String id : ids) {
            Optional<ModelSpec> spec = manifest.find(id);
            if (spec.isPresent()) {
                Optional<Path> p = locator.find(spec.get().file());
                if (p.isPresent()) {
                    return p.get();
                }
            }
        }
        throw missing(ids, locator, what);
    }

    private ModelFileException missing(List<String> ids, ModelLocator locator, String what) {
        List<String> files = new ArrayList<>();
        String url = null;
        for (String id : ids) {
            Optional<ModelSpec> spec = manifest.find(id);
            spec.ifPresent(s -> files.add(s.file()));
            if (url == null && spec.isPresent() && spec.get().urls() != null && !spec.get().urls().isEmpty()) {
                url = spec.get().urls().get(0);
            }
        }
        return new ModelFileException("Face Swap: no model file for the " + what + ": looked for " + files + " in "
                + locator.folders() + (url == null ? "" : "; download " + files.get(0) + " from " + url)
                + " into one of these folders, or set " + ModelSearchPath.ENV_MODELS);
    }

    private static float clamp01(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    private static float pad(double v) {
        return (float) Math.max(0, Math.min(100, v));
    }
}
