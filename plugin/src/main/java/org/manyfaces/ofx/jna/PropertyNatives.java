package org.manyfaces.ofx.jna;

/**
 * Direct-mapped {@code OfxPropertySuiteV1} members of the one host the process talks to (bound by
 * {@link PropertySuiteV1}). Pointers are passed as {@code long}.
 */
final class PropertyNatives {
    private PropertyNatives() {
    }

    static native int propSetPointer(long props, long name, int index, long value);

    static native int propSetString(long props, long name, int index, long value);

    static native int propSetDouble(long props, long name, int index, double value);

    static native int propSetInt(long props, long name, int index, int value);

    static native int propSetDoubleN(long props, long name, int count, long values);

    static native int propSetIntN(long props, long name, int count, long values);

    static native int propGetPointer(long props, long name, int index, long out);

    static native int propGetString(long props, long name, int index, long out);

    static native int propGetDouble(long props, long name, int index, long out);

    static native int propGetInt(long props, long name, int index, long out);

    static native int propGetDoubleN(long props, long name, int count, long out);

    static native int propGetIntN(long props, long name, int count, long out);

    static native int propReset(long props, long name);

    static native int propGetDimension(long props, long name, long out);

    /** ABI member index of each method name. */
    static final String[] MEMBERS = {"propSetPointer", "propSetString", "propSetDouble", "propSetInt",
        null, null, "propSetDoubleN", "propSetIntN", "propGetPointer", "propGetString", "propGetDouble",
        "propGetInt", null, null, "propGetDoubleN", "propGetIntN", "propReset", "propGetDimension"};
}
