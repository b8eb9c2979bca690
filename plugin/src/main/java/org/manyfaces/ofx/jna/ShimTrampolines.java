package org.manyfaces.ofx.jna;

import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The shim's exported non-variadic trampolines for the variadic OFX suite functions, bound with JNA direct
 * mapping (static natives, primitive arguments only) because they are on the per-parameter render path.
 *
 * <p>Each takes the host's raw function pointer first; the shim makes the call with the real variadic
 * convention (required on arm64 macOS, correct everywhere). Must be {@link #bind bound} before use.
 */
public final class ShimTrampolines {
    private static volatile boolean bound;
    private static volatile String libraryPath;

    private ShimTrampolines() {
    }

    /** Binds the natives to the shim library at {@code shimPath}. Binding twice is harmless. */
    public static synchronized void bind(String shimPath) {
        if (bound) {
            return;
        }
        // OFX strings are UTF-8 whatever the process locale says.
        Native.register(ShimTrampolines.class,
                NativeLibrary.getInstance(shimPath, Map.of(Library.OPTION_STRING_ENCODING, "UTF-8")));
        libraryPath = shimPath;
        bound = true;
    }

    /** Path of the bound shim library, or null before {@link #bind}. */
    public static String libraryPath() {
        return libraryPath;
    }

    public static boolean isBound() {
        return bound;
    }

    /** paramGetValue: {@code ptrs} is an array of {@code n} out-pointers, one per dimension. */
    public static native int mf_param_get(long fn, long param, int n, long ptrs);

    /** paramGetValueAtTime. */
    public static native int mf_param_get_at_time(long fn, long param, double t, int n, long ptrs);

    public static native int mf_param_set_ints(long fn, long param, int n, long values);

    public static native int mf_param_set_doubles(long fn, long param, int n, long values);

    /** The host copies the string; JNA passes a temporary UTF-8 copy. */
    public static native int mf_param_set_string(long fn, long param, String value);

    public static native int mf_param_set_ints_at_time(long fn, long param, double t, int n, long values);

    public static native int mf_param_set_doubles_at_time(long fn, long param, double t, int n, long values);

    public static native int mf_param_set_string_at_time(long fn, long param, double t, String value);

    private static native int mf_message(long fn, long handle, String type, String id, String text);

    /** message / setPersistentMessage through the shim: {@code fn(handle, type, id, "%s", text)}. */
    public static int message(long fn, long handle, String type, String id, String text) {
        if (!bound) {
            throw new IllegalStateException("shim trampolines are not bound (Bridge.init not called)");
        }
        return mf_message(fn, handle, type, id, text);
    }
}
