package org.manyfaces.ofx.jna;

import java.lang.ref.Reference;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * JNI natives exported by the shim ({@code bridge-native/src/jni_calls.c}), through which Java calls the
 * host's suite functions when it runs inside the shim.
 *
 * <p>Why not JNA: a render makes some 40 suite calls. JNA's generic dispatcher (even with direct mapping)
 * costs ~140 ns a call; a JNI native with a fixed C signature costs the JVM's own transition, ~20 ns. The
 * shim is already in the process (the host loaded it), so {@link #load} only hands its path to
 * {@link System#load} for the JVM to find the natives by name.
 *
 * <p>Every {@code callXYZ} takes the host's function pointer first, then the arguments, whose kinds the
 * suffix names (P pointer or size_t, I int, D double). Callers must never pass a NULL function: the
 * suites check members before calling ({@link SuiteTable}). The {@code param*} and {@link #message}
 * natives make real variadic calls through the shim's C trampolines.
 */
public final class ShimCalls {
    /** Must equal {@code MF_SHIM_CALLS_ABI} in the shim: a shim from another build is refused. */
    static final int ABI = 1;

    private static volatile boolean loaded;

    private ShimCalls() {
    }

    /**
     * Makes the natives of the shim at {@code shimPath} callable. Loading twice is harmless. Throws
     * {@link UnsatisfiedLinkError} when the library is not a shim of this build.
     */
    public static synchronized void load(String shimPath) {
        if (loaded) {
            return;
        }
        System.load(shimPath);
        int abi = abiVersion();
        if (abi != ABI) {
            throw new UnsatisfiedLinkError("ManyFaces shim " + shimPath + " has call ABI " + abi + ", these classes need "
                    + ABI + " (shim and jars come from different builds)");
        }
        loaded = true;
    }

    /** Whether {@link #load} succeeded, i.e. whether Java runs inside the shim. */
    public static boolean isLoaded() {
        return loaded;
    }

    private static native int abiVersion();

    static native int callP(long fn, long a);

    static native int callPP(long fn, long a, long b);

    static native int callPPP(long fn, long a, long b, long c);

    static native int callPPPP(long fn, long a, long b, long c, long d);

    static native int callPPIP(long fn, long a, long b, int i, long c);

    static native int callPPID(long fn, long a, long b, int i, double d);

    static native int callPPII(long fn, long a, long b, int i, int j);

    static native int callPDP(long fn, long a, double t, long b);

    static native int callPDPP(long fn, long a, double t, long b, long c);

    /** paramGetValue: {@code ptrs} is an array of {@code n} out-pointers, one per dimension. */
    public static native int paramGet(long fn, long param, int n, long ptrs);

    /** paramGetValueAtTime. */
    public static native int paramGetAtTime(long fn, long param, double t, int n, long ptrs);

    public static native int paramSetInts(long fn, long param, int n, long values);

    public static native int paramSetDoubles(long fn, long param, int n, long values);

    public static native int paramSetIntsAtTime(long fn, long param, double t, int n, long values);

    public static native int paramSetDoublesAtTime(long fn, long param, double t, int n, long values);

    private static native int paramSetString(long fn, long param, long utf8);

    private static native int paramSetStringAtTime(long fn, long param, double t, long utf8);

    private static native int message(long fn, long handle, long type, long id, long text);

    /** paramSetValue of a string param; the host copies the string. */
    public static int paramSetString(long fn, long param, String value) {
        Memory utf8 = NativeName.utf8Copy(value);
        try {
            return paramSetString(fn, param, Pointer.nativeValue(utf8));
        } finally {
            Reference.reachabilityFence(utf8);
        }
    }

    /** paramSetValueAtTime of a string param. */
    public static int paramSetStringAtTime(long fn, long param, double t, String value) {
        Memory utf8 = NativeName.utf8Copy(value);
        try {
            return paramSetStringAtTime(fn, param, t, Pointer.nativeValue(utf8));
        } finally {
            Reference.reachabilityFence(utf8);
        }
    }

    /** message / setPersistentMessage: {@code fn(handle, type, id, "%s", text)}; a null id stays NULL. */
    public static int message(long fn, long handle, String type, String id, String text) {
        if (!loaded) {
            throw new IllegalStateException("shim natives are not loaded (Bridge.init not called)");
        }
        Memory t = NativeName.utf8Copy(type);
        Memory i = id == null ? null : NativeName.utf8Copy(id);
        Memory x = NativeName.utf8Copy(text == null ? "" : text);
        try {
            return message(fn, handle, Pointer.nativeValue(t), i == null ? 0L : Pointer.nativeValue(i),
                    Pointer.nativeValue(x));
        } finally {
            Reference.reachabilityFence(t);
            Reference.reachabilityFence(i);
            Reference.reachabilityFence(x);
        }
    }
}
