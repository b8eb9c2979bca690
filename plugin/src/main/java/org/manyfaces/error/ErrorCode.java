package org.manyfaces.error;

/**
 * The stable codes of ManyFaces failures. A code is part of the plug-in's and the CLI's interface: it is printed
 * beside the sentence a user reads ("... [MF-301]"), docs/errors.md explains each one, and a code is never
 * reused for another meaning. New failures get a new code; the numbering groups them by what the user has to
 * look at (1xx media files, 2xx models, 3xx effect settings, 4xx presets, 5xx the render itself, 9xx ManyFaces).
 */
public enum ErrorCode {
    /** An input (video, image sequence, image) is missing, unreadable or cannot be decoded. */
    INPUT_UNREADABLE("MF-101", Kind.USER),
    /** The output cannot be created or written (folder, permissions, disk full, exists, is an input). */
    OUTPUT_UNWRITABLE("MF-102", Kind.USER),
    /** The codec or container asked for cannot be written by this build or does not fit the output name. */
    CODEC_UNAVAILABLE("MF-103", Kind.USER),
    /** {@code render --require-faces}: a frame has no face. */
    NO_FACE_IN_FRAME("MF-104", Kind.USER),

    /** A model file is missing, empty, truncated, corrupt or not an ONNX model. */
    MODEL_FILE("MF-201", Kind.USER),
    /** A model loads but its inputs/outputs (or its translator contract) do not fit the stage it is used for. */
    MODEL_CONTRACT("MF-202", Kind.USER),
    /** ONNX Runtime could not load or run a model that passed its checks (provider, memory, operator). */
    MODEL_RUN_FAILED("MF-203", Kind.ENVIRONMENT),
    /** {@code manyfaces models fetch} could not download a model. */
    MODEL_FETCH_FAILED("MF-204", Kind.ENVIRONMENT),
    /** A model file's SHA-256 differs from the manifest's (a damaged or different file). */
    MODEL_CHECKSUM("MF-205", Kind.USER),
    /** A model's licence restricts its use and has not been accepted. */
    LICENCE_NOT_ACCEPTED("MF-206", Kind.USER),

    /** A setting needs an input clip that is not connected (Region "Mask clip" without a Mask input). */
    INPUT_NOT_CONNECTED("MF-301", Kind.USER),
    /** A setting does not work with the others chosen (Region "Faces only" with a model that resizes the frame). */
    SETTINGS_CONFLICT("MF-302", Kind.USER),
    /** Face Swap has no usable source face: none set, file missing or unreadable, or no face found in it. */
    SOURCE_FACE("MF-303", Kind.USER),
    /** A parameter value or option is not one the effect knows, or a needed model setting is empty. */
    SETTING_INVALID("MF-304", Kind.USER),

    /** A preset file cannot be read or applied; nothing was changed. */
    PRESET_INVALID("MF-401", Kind.USER),

    /** The render was stopped (the host aborted it, Ctrl-C); not an error of the settings. */
    RENDER_CANCELLED("MF-501", Kind.USER),

    /** The host refused a call ManyFaces needs, or sent an action ManyFaces cannot answer. */
    HOST_CALL_FAILED("MF-901", Kind.BUG),
    /** Java ran out of memory (MANYFACES_JAVA_XMX sets the plug-in's limit). */
    OUT_OF_MEMORY("MF-902", Kind.ENVIRONMENT),
    /** Anything unexpected: a bug in ManyFaces. The sentence names the log; the stack trace is there. */
    INTERNAL("MF-999", Kind.BUG);

    /**
     * Who can act on a failure. USER and ENVIRONMENT failures are shown as their own sentence (the user changes a
     * setting, a file or the machine); a BUG is shown as a short generic sentence, its details go to the log.
     */
    public enum Kind { USER, ENVIRONMENT, BUG }

    private final String id;
    private final Kind kind;

    ErrorCode(String id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** The printed code, e.g. {@code MF-301}. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the failure's own message is meant for the user (anything but a bug). */
    public boolean speaksToUser() {
        return kind != Kind.BUG;
    }
}
