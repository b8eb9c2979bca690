package org.manyfaces.effect.params;

/**
 * What the file named by a file-path parameter is, which decides how a preset writes it. Paths are
 * machine-specific, so a preset never holds one: model files become a model reference (manifest id or a file
 * name inside a models folder, plus SHA-256), every other file (source faces, reference faces) a list of file
 * name + SHA-256. The effect says it on the row ({@link ParamSpec.Builder#pathRole}); presets only read it.
 */
public enum PathRole {
    /** An ONNX model: {@code "model": {"id": ..., "sha256": ...}} or {@code {"file": ..., "sha256": ...}}. */
    MODEL,
    /** One or more files, ';'-separated in the param: {@code "files": [{"name": ..., "sha256": ...}]}. */
    FILES,
    /** A setting of this machine (e.g. where a FaceFusion checkout lives): never part of a look, never saved. */
    MACHINE
}
