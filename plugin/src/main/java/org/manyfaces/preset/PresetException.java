package org.manyfaces.preset;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;

/**
 * A preset that cannot be read or applied. The message always names the file (when known), the field
 * (a JSON path such as {@code params.blend.keys[2].t}) and the reason. Whenever this is thrown nothing
 * has been changed: presets are validated completely before anything is applied.
 */
public final class PresetException extends ManyFacesException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final String reason;
    private final boolean modelNotInstalled;

    public PresetException(String field, String reason) {
        this(null, field, reason, null);
    }

    public PresetException(String source, String field, String reason, Throwable cause) {
        this(source, field, reason, cause, false);
    }

    private PresetException(String source, String field, String reason, Throwable cause, boolean modelNotInstalled) {
        super(ErrorCode.PRESET_INVALID, (source == null ? "" : "preset " + source + ": ") + (field == null || field.isEmpty() ? "" : field + ": ")
                + reason, cause);
        this.field = field == null ? "" : field;
        this.reason = reason;
        this.modelNotInstalled = modelNotInstalled;
    }

    /** A well-formed model reference whose model is not on this machine: a problem of the machine, not the file. */
    static PresetException modelNotInstalled(String field, String reason) {
        return new PresetException(null, field, reason, null, true);
    }

    /** Whether the only problem is a model that is not installed here (inspecting the preset still works). */
    public boolean isModelNotInstalled() {
        return modelNotInstalled;
    }

    /** The JSON path of the offending field ("" for the whole file). */
    public String field() {
        return field;
    }

    /** Why the field is refused. */
    public String reason() {
        return reason;
    }

    /** The same failure, now naming the file it came from. */
    PresetException in(String source) {
        return new PresetException(source, field, reason, getCause(), modelNotInstalled);
    }
}
