package org.manyfaces.pipeline.detect;

import java.nio.file.Path;
import java.util.List;

import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelContractException;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.TensorSpec;

/**
 * Creates the right detector for a model: by manifest family ("yunet", "scrfd", "retinaface") or, for a
 * file the user brings, by recognising its outputs.
 */
public final class FaceDetectors {
    private FaceDetectors() {
    }

    /** Opens the model through the engine and wraps it in the detector its outputs call for. */
    public static OnnxFaceDetector open(InferenceEngine engine, Path model, ProviderChoice choice,
                                        DetectorOptions options) {
        ModelSession s = engine.open(model, choice);
        return create(s, familyOf(s), options);
    }

    /** The detector for a family name as the manifest spells it. */
    public static OnnxFaceDetector create(ModelSession session, String family, DetectorOptions options) {
        return switch (family) {
            case "yunet" -> new YuNetDetector(session, options);
            case "scrfd" -> new ScrfdDetector(session, options);
            case "retinaface" -> new RetinaFaceDetector(session, options);
            default -> throw new IllegalArgumentException("no face detector for model family '" + family
                    + "' (known: yunet, scrfd, retinaface)");
        };
    }

    /** Recognises a detector family from the output names/count; throws naming what the model declares. */
    public static String familyOf(ModelSession s) {
        List<String> names = s.outputs().stream().map(TensorSpec::name).toList();
        if (names.contains("cls_8") && names.contains("obj_8") && names.contains("kps_8")) {
            return "yunet";
        }
        if (names.contains("loc") && names.contains("conf")) {
            return "retinaface";
        }
        if (names.size() == 9 || names.size() == 15) {
            return "scrfd";
        }
        throw new ModelContractException(s.path().getFileName() + " is not a face detector ManyFaces knows: its "
                + "outputs are " + names + " (expected YuNet cls_/obj_/bbox_/kps_ outputs, RetinaFace loc/conf/iou,"
                + " or SCRFD's 9 or 15 outputs)", List.of("unrecognised outputs " + names));
    }
}
