package org.manyfaces.effect.params;

/** How a {@link ParamType#STRING} parameter is edited. */
public enum StringKind {
    /** One line of free text. */
    SINGLE_LINE,
    /** A file path with a file browser (the file is read, so it must exist). */
    FILE_PATH,
    /** A file path the effect writes (exports): the host's browser offers a save dialog. */
    SAVE_FILE_PATH,
    /** Read-only text the plug-in shows (status lines); never animated or saved. */
    LABEL
}
