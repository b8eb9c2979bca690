package org.manyfaces.ofx.jna;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * The function pointers of one OFX suite struct, read once in ABI member order. Inside the shim the suites
 * pass them to the shim's JNI natives ({@link #fp}, {@link ShimCalls}); elsewhere they call through JNA
 * {@link Function} objects cached here (creating a Function per call would cost far more than the call).
 */
abstract class SuiteTable {
    private final String suiteName;
    private final long address;
    private final long[] pointers;
    private final Function[] functions;

    SuiteTable(String suiteName, long address, int members) {
        if (address == 0) {
            throw new IllegalArgumentException("host returned no " + suiteName);
        }
        this.suiteName = suiteName;
        this.address = address;
        this.pointers = new long[members];
        this.functions = new Function[members];
        Pointer table = new Pointer(address);
        for (int i = 0; i < members; i++) {
            long fp = table.getLong(8L * i);
            pointers[i] = fp;
            functions[i] = fp == 0 ? null : Function.getFunction(new Pointer(fp));
        }
    }

    /** Address of the suite struct the host returned. */
    public final long address() {
        return address;
    }

    /** Raw address of member {@code index} (0-based; 0 for a NULL member), for the shim's variadic trampolines. */
    final long pointer(int index) {
        return pointers[index];
    }

    final Function fn(int index) {
        Function f = functions[index];
        if (f == null) {
            throw nullMember(index);
        }
        return f;
    }

    /**
     * {@code -Dmanyfaces.ofx.shimCalls=false} keeps every call on the JNA {@link Function} path; the
     * host-driven tests use it to prove both paths give the same results.
     */
    static final boolean SHIM_CALLS_ENABLED = !"false".equals(System.getProperty("manyfaces.ofx.shimCalls"));

    /**
     * Whether this suite's calls go through the shim's JNI natives ({@link ShimCalls}, fast) rather than
     * JNA Function objects: true inside the shim unless switched off.
     */
    static boolean useShimCalls() {
        return SHIM_CALLS_ENABLED && ShimCalls.isLoaded();
    }

    /**
     * Address of member {@code index} for a {@link ShimCalls} native. A NULL member throws here, never
     * reaches native code: calling address 0 would take the host down.
     */
    final long fp(int index) {
        long p = pointers[index];
        if (p == 0) {
            throw nullMember(index);
        }
        return p;
    }

    private UnsupportedOperationException nullMember(int index) {
        return new UnsupportedOperationException(suiteName + " member " + (index + 1) + " is NULL in this host");
    }

    final int call(int index, Object... args) {
        return fn(index).invokeInt(args);
    }
}
