package org.manyfaces.ofx.jna;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * The function pointers of one OFX suite struct, read once in ABI member order and cached as JNA
 * {@link Function} objects (creating a Function per call would cost far more than the call itself).
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

    /** Raw address of member {@code index} (0-based), for the shim's variadic trampolines. */
    final long pointer(int index) {
        return checked(index) == null ? 0 : pointers[index];
    }

    final Function fn(int index) {
        Function f = checked(index);
        if (f == null) {
            throw new UnsupportedOperationException(suiteName + " member " + (index + 1) + " is NULL in this host");
        }
        return f;
    }

    private Function checked(int index) {
        return functions[index];
    }

    /**
     * {@code -Dmanyfaces.jna.direct=false} keeps every call on the Function path; the host-driven tests use it
     * to prove both paths give the same results.
     */
    static final boolean DIRECT_ENABLED = !"false".equals(System.getProperty("manyfaces.jna.direct"));

    /** Suite address each natives class is bound to (a JNI class can only be bound once, to one host). */
    private static final java.util.Map<Class<?>, Long> BOUND = new java.util.HashMap<>();

    /**
     * Binds {@code natives} directly to this suite's members (see {@link DirectBinder}); member i of the
     * suite goes to the method named {@code members[i]} (null: not mapped). Returns false, and the suite
     * keeps using its {@link Function} objects, when the shim is not known yet, when another host's suite
     * is already bound, or when binding fails.
     */
    final boolean bindDirect(Class<?> natives, String[] members) {
        synchronized (BOUND) {
            Long bound = BOUND.get(natives);
            if (bound != null) {
                return bound == address;
            }
            String anchor = ShimTrampolines.libraryPath();
            if (anchor == null || !DIRECT_ENABLED) {
                return false;
            }
            java.util.Map<String, Long> addresses = new java.util.HashMap<>();
            for (int i = 0; i < members.length && i < pointers.length; i++) {
                if (members[i] != null) {
                    addresses.put(members[i], pointers[i]);
                }
            }
            try {
                DirectBinder.bind(natives, anchor, addresses);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                System.err.println("[ManyFaces] " + suiteName + ": direct binding failed, using JNA Function calls: " + e);
                return false;
            }
            BOUND.put(natives, address);
            return true;
        }
    }

    final int call(int index, Object... args) {
        return fn(index).invokeInt(args);
    }
}
