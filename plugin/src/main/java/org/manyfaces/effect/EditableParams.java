package org.manyfaces.effect;

/**
 * {@link HostParams} that can also be written, keyframes included: what presets need to capture a look
 * (values and animation) and to put it back. Implemented over OFX in {@code org.manyfaces.ofx.host} (only
 * legal inside instanceChanged, where a host lets a plug-in set values) and in memory by
 * {@code org.manyfaces.preset.InMemoryParams} (CLI, tests).
 *
 * <p>Writes between {@link #beginEdit} and {@link #endEdit} form one undo step in hosts that support it.
 * Unknown ids or a type mismatch throw {@link IllegalArgumentException}.
 */
public interface EditableParams extends HostParams {
    /** Number of keyframes of param {@code id} (0 when it is not animated). */
    int keyCount(String id);

    /** Time of keyframe {@code index} (0-based, increasing times). */
    double keyTime(String id, int index);

    /** Removes every keyframe; the param keeps a constant value. */
    void deleteAllKeys(String id);

    /** Sets the constant value of a DOUBLE param. */
    void setDouble(String id, double value);

    /** Sets the constant value of an INT param. */
    void setInt(String id, int value);

    void setBool(String id, boolean value);

    /** Sets a CHOICE param to option {@code index} (0-based). */
    void setChoice(String id, int index);

    void setString(String id, String value);

    /** Adds (or replaces) a keyframe of a DOUBLE param. */
    void setDoubleAtTime(String id, double time, double value);

    /** Adds (or replaces) a keyframe of an INT param. */
    void setIntAtTime(String id, double time, int value);

    /** Adds (or replaces) a keyframe of a BOOL param (hosts that animate booleans only). */
    void setBoolAtTime(String id, double time, boolean value);

    /** Adds (or replaces) a keyframe of a CHOICE param (hosts that animate choices only). */
    void setChoiceAtTime(String id, double time, int index);

    /** Starts one undoable group of edits named {@code undoName}. */
    void beginEdit(String undoName);

    /** Ends the group started by {@link #beginEdit}. */
    void endEdit();
}
