package org.manyfaces.effect.params;

/** The kinds of parameter an effect can declare; each maps onto one OFX parameter type. */
public enum ParamType {
    /** A floating-point slider; animatable. */
    DOUBLE,
    /** An integer slider; animatable. */
    INT,
    /** A check box. */
    BOOL,
    /** A drop-down list of labels; the value is the 0-based option index. */
    CHOICE,
    /** Text: a file path, a single line, or a read-only label (see {@link StringKind}). */
    STRING,
    /** A button; pressing it only notifies the effect. */
    PUSH_BUTTON,
    /** A collapsible group holding other params. */
    GROUP,
    /** A tab/page of the parameter panel. */
    PAGE;

    /** True for the types that hold a value a renderer can read. */
    public boolean hasValue() {
        return this != PUSH_BUTTON && this != GROUP && this != PAGE;
    }
}
