package org.manyfaces.effect.faceswap;

import org.manyfaces.effect.common.MaskParams;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.common.ExecutionProvider;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.common.FaceFindingRows.Detector;
import org.manyfaces.effect.faceswap.FaceSwapEffect.FaceMark;
import org.manyfaces.effect.faceswap.FaceSwapEffect.PixelBoost;
import org.manyfaces.effect.faceswap.FaceSwapEffect.SelectionMode;
import org.manyfaces.effect.faceswap.FaceSwapEffect.SwapModel;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.inference.ProviderChoice;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Face Swap parameter as the host holds it, read at one time (the effect's view; the face pipeline's
 * own, resolved settings are {@link org.manyfaces.pipeline.chain.FaceSwapSettings}). Reading all of
 * them up front means each value follows its keyframes and no stage reads the host twice.
 */
public record FaceSwapParams(String sourceFaces, SwapModel swapModel, Detector detector, double detectionThreshold,
                             SelectionMode selectionMode, int faceIndex, String referenceFace, double referenceDistance,
                             double blend, double maskBlur, double maskPadTop, double maskPadBottom,
                             double maskPadLeft, double maskPadRight, double colourMatch, PixelBoost pixelBoost,
                             boolean showDetections, double smoothing, int detectEvery, ProviderChoice executionProvider,
                             String modelsFolder, DisclosureParams disclosure, FaceMark faceMark, MaskParams masks,
                             RestoreRows.Settings restore) {

    /** Reads every parameter at {@code time}. */
    public static FaceSwapParams read(HostParams p, double time) {
        return new FaceSwapParams(
                p.getString(FaceSwapEffect.SOURCE_FACES, time),
                ChoiceOption.at(SwapModel.class, p.getChoice(FaceSwapEffect.SWAP_MODEL, time)),
                ChoiceOption.at(Detector.class, p.getChoice(FaceSwapEffect.DETECTOR, time)),
                p.getDouble(FaceSwapEffect.DETECTION_THRESHOLD, time),
                ChoiceOption.at(SelectionMode.class, p.getChoice(FaceSwapEffect.SELECTION_MODE, time)),
                p.getInt(FaceSwapEffect.FACE_INDEX, time),
                p.getString(FaceSwapEffect.REFERENCE_FACE, time),
                p.getDouble(FaceSwapEffect.REFERENCE_DISTANCE, time),
                p.getDouble(FaceSwapEffect.BLEND, time),
                p.getDouble(FaceSwapEffect.MASK_BLUR, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_TOP, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_BOTTOM, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_LEFT, time),
                p.getDouble(FaceSwapEffect.MASK_PAD_RIGHT, time),
                p.getDouble(FaceSwapEffect.COLOUR_MATCH, time),
                ChoiceOption.at(PixelBoost.class, p.getChoice(FaceSwapEffect.PIXEL_BOOST, time)),
                p.getBool(FaceSwapEffect.SHOW_DETECTIONS, time),
                p.getDouble(FaceSwapEffect.SMOOTHING, time),
                p.getInt(FaceSwapEffect.DETECT_EVERY, time),
                ExecutionProvider.of(p.getChoice(FaceSwapEffect.EXECUTION_PROVIDER, time)),
                p.getString(FaceSwapEffect.MODELS_FOLDER, time),
                DisclosureParams.read(p, time),
                ChoiceOption.at(FaceMark.class, p.getChoice(FaceSwapEffect.FACE_MARK, time)),
                MaskParams.read(p, time),
                RestoreRows.Settings.read(p, time));
    }

    /** The source face files: the field split at ';' (also ',' is not used: it occurs in file names), blanks dropped. */
    public List<String> sourceFaceFiles() {
        return splitPaths(sourceFaces);
    }

    static List<String> splitPaths(String field) {
        List<String> out = new ArrayList<>();
        for (String part : field.split(";")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** How faces are found (detector, threshold, tracking). */
    public FaceFindingRows.Settings finding() {
        return new FaceFindingRows.Settings(detector, detectionThreshold, smoothing, detectEvery);
    }

    /** Whether faces come from the temporal analysis pass ({@link FaceFindingRows.Settings#temporal()}). */
    public boolean temporal() {
        return finding().temporal();
    }
}
