package org.manyfaces.ofx.jna;

/**
 * {@code OfxPropertySuiteV1} (18 members: setters P,S,D,I then N-forms, getters likewise, reset,
 * dimension). Getters write their result into the given {@link Scratch} at offset 0 and return the status.
 */
public final class PropertySuiteV1 extends SuiteTable {
    public static final String NAME = "OfxPropertySuite";
    private static final int SET_POINTER = 0;
    private static final int SET_STRING = 1;
    private static final int SET_DOUBLE = 2;
    private static final int SET_INT = 3;
    private static final int SET_DOUBLE_N = 6;
    private static final int SET_INT_N = 7;
    private static final int GET_POINTER = 8;
    private static final int GET_STRING = 9;
    private static final int GET_DOUBLE = 10;
    private static final int GET_INT = 11;
    private static final int GET_DOUBLE_N = 14;
    private static final int GET_INT_N = 15;
    private static final int RESET = 16;
    private static final int GET_DIMENSION = 17;

    private final boolean fast;

    public PropertySuiteV1(long address) {
        super(NAME, address, 18);
        this.fast = useShimCalls();
    }

    /** Whether calls go through the shim's JNI natives (fast) rather than JNA Function objects. */
    public boolean isFast() {
        return fast;
    }

    public int setPointer(long props, NativeName name, int index, long value) {
        return fast ? ShimCalls.callPPIP(fp(SET_POINTER), props, name.address(), index, value)
                : call(SET_POINTER, props, name.address(), index, value);
    }

    /** Sets a string from a native string the caller keeps alive (interned names). */
    public int setString(long props, NativeName name, int index, NativeName value) {
        return fast ? ShimCalls.callPPIP(fp(SET_STRING), props, name.address(), index, value.address())
                : call(SET_STRING, props, name.address(), index, value.address());
    }

    /** Sets an arbitrary string; the host copies it, so a temporary native copy is enough. */
    public int setString(long props, NativeName name, int index, String value) {
        // An explicit NUL-terminated UTF-8 copy: JNA would encode a String argument with the platform charset.
        byte[] utf8 = (value + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return fn(SET_STRING).invokeInt(new Object[] {props, name.address(), index, utf8});
    }

    public int setDouble(long props, NativeName name, int index, double value) {
        return fast ? ShimCalls.callPPID(fp(SET_DOUBLE), props, name.address(), index, value)
                : call(SET_DOUBLE, props, name.address(), index, value);
    }

    public int setInt(long props, NativeName name, int index, int value) {
        return fast ? ShimCalls.callPPII(fp(SET_INT), props, name.address(), index, value)
                : call(SET_INT, props, name.address(), index, value);
    }

    /** Sets {@code count} doubles taken from scratch offset 0. */
    public int setDoubleN(long props, NativeName name, int count, Scratch s) {
        return fast ? ShimCalls.callPPIP(fp(SET_DOUBLE_N), props, name.address(), count, s.at(0))
                : call(SET_DOUBLE_N, props, name.address(), count, s.at(0));
    }

    /** Sets {@code count} ints taken from scratch offset 0. */
    public int setIntN(long props, NativeName name, int count, Scratch s) {
        return fast ? ShimCalls.callPPIP(fp(SET_INT_N), props, name.address(), count, s.at(0))
                : call(SET_INT_N, props, name.address(), count, s.at(0));
    }

    public int getPointer(long props, NativeName name, int index, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_POINTER), props, name.address(), index, out.at(0))
                : call(GET_POINTER, props, name.address(), index, out.at(0));
    }

    /** Writes the address of the host-owned C string to scratch offset 0. */
    public int getString(long props, NativeName name, int index, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_STRING), props, name.address(), index, out.at(0))
                : call(GET_STRING, props, name.address(), index, out.at(0));
    }

    public int getDouble(long props, NativeName name, int index, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_DOUBLE), props, name.address(), index, out.at(0))
                : call(GET_DOUBLE, props, name.address(), index, out.at(0));
    }

    public int getInt(long props, NativeName name, int index, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_INT), props, name.address(), index, out.at(0))
                : call(GET_INT, props, name.address(), index, out.at(0));
    }

    /** Reads {@code count} doubles into scratch offsets 0, 8, ... */
    public int getDoubleN(long props, NativeName name, int count, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_DOUBLE_N), props, name.address(), count, out.at(0))
                : call(GET_DOUBLE_N, props, name.address(), count, out.at(0));
    }

    /** Reads {@code count} ints into scratch offsets 0, 4, ... */
    public int getIntN(long props, NativeName name, int count, Scratch out) {
        return fast ? ShimCalls.callPPIP(fp(GET_INT_N), props, name.address(), count, out.at(0))
                : call(GET_INT_N, props, name.address(), count, out.at(0));
    }

    public int reset(long props, NativeName name) {
        return fast ? ShimCalls.callPP(fp(RESET), props, name.address())
                : call(RESET, props, name.address());
    }

    public int getDimension(long props, NativeName name, Scratch out) {
        return fast ? ShimCalls.callPPP(fp(GET_DIMENSION), props, name.address(), out.at(0))
                : call(GET_DIMENSION, props, name.address(), out.at(0));
    }
}
