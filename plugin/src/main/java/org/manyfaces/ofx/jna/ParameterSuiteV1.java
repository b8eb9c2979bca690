package org.manyfaces.ofx.jna;

/**
 * {@code OfxParameterSuiteV1} (18 members). The variadic members (getValue, getValueAtTime,
 * getDerivative, getIntegral, setValue, setValueAtTime) are never called through JNA: their raw
 * addresses go to the shim's trampolines ({@link ShimCalls}), which make a real variadic call.
 */
public final class ParameterSuiteV1 extends SuiteTable {
    public static final String NAME = "OfxParameterSuite";
    private static final int GET_VALUE = 4;
    private static final int GET_VALUE_AT_TIME = 5;
    private static final int SET_VALUE = 8;
    private static final int SET_VALUE_AT_TIME = 9;

    public ParameterSuiteV1(long address) {
        super(NAME, address, 18);
    }

    /** Param property set to scratch offset 0. */
    public int paramDefine(long paramSet, NativeName type, NativeName name, Scratch out) {
        return call(0, paramSet, type.address(), name.address(), out.at(0));
    }

    /** Param handle to scratch offset 0, its property set to offset 8. */
    public int paramGetHandle(long paramSet, NativeName name, Scratch out) {
        return call(1, paramSet, name.address(), out.at(0), out.at(8));
    }

    public int paramSetGetPropertySet(long paramSet, Scratch out) {
        return call(2, paramSet, out.at(0));
    }

    public int paramGetPropertySet(long param, Scratch out) {
        return call(3, param, out.at(0));
    }

    /** Key count (unsigned int) to scratch offset 0. */
    public int paramGetNumKeys(long param, Scratch out) {
        return call(10, param, out.at(0));
    }

    /** Key time (double) to scratch offset 0. */
    public int paramGetKeyTime(long param, int nthKey, Scratch out) {
        return call(11, param, nthKey, out.at(0));
    }

    /** Key index (int) to scratch offset 0. */
    public int paramGetKeyIndex(long param, double time, int direction, Scratch out) {
        return call(12, param, time, direction, out.at(0));
    }

    public int paramDeleteKey(long param, double time) {
        return call(13, param, time);
    }

    public int paramDeleteAllKeys(long param) {
        return call(14, param);
    }

    public int paramEditBegin(long paramSet, String undoName) {
        return fn(16).invokeInt(new Object[] {paramSet, undoName});
    }

    public int paramEditEnd(long paramSet) {
        return call(17, paramSet);
    }

    public long getValueFunction() {
        return pointer(GET_VALUE);
    }

    public long getValueAtTimeFunction() {
        return pointer(GET_VALUE_AT_TIME);
    }

    public long setValueFunction() {
        return pointer(SET_VALUE);
    }

    public long setValueAtTimeFunction() {
        return pointer(SET_VALUE_AT_TIME);
    }
}
