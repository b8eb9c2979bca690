package org.manyfaces.preset;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;

/**
 * How a file-path parameter is written into a preset. Paths are machine-specific, so a preset never
 * holds one: model files become a model reference (manifest id or a file name inside a models folder,
 * plus SHA-256), every other file (source faces, reference faces) a list of file name + SHA-256.
 */
enum PathRole {
    /** An ONNX model: {@code "model": {"id": ..., "sha256": ...}} or {@code {"file": ..., "sha256": ...}}. */
    MODEL,
    /** One or more files, ';'-separated in the param: {@code "files": [{"name": ..., "sha256": ...}]}. */
    FILES,
    /** A setting of this machine (e.g. where a FaceFusion checkout lives): never part of a look, never saved. */
    MACHINE;

    /** The role of file-path param {@code paramId} of effect {@code effectId}. */
    static PathRole of(String effectId, String paramId) {
        if (ImageTranslateEffect.ID.equals(effectId) && ImageTranslateEffect.MODEL_FILE.equals(paramId)) {
            return MODEL;
        }
        if (FaceSwapEffect.ID.equals(effectId) && FaceSwapEffect.MODELS_FOLDER.equals(paramId)) {
            return MACHINE;
        }
        return FILES;
    }
}
