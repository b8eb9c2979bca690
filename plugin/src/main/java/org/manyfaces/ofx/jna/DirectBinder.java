package org.manyfaces.ofx.jna;

import java.util.Map;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.SymbolProvider;

/**
 * Binds the static native methods of a class straight to host function pointers with JNA direct mapping.
 *
 * <p>Why: a cached {@link com.sun.jna.Function} call costs about 0.8 µs (argument boxing, type checks and
 * an ffi_prep_cif per call), and a render makes some 17 property and clip calls. Direct mapping binds a
 * {@code static native} method once (JNI RegisterNatives) and then calls it for tens of nanoseconds.
 * JNA resolves a direct-mapped method's address through the library's {@link SymbolProvider}; a provider
 * that answers with the suite's function pointers for the method names makes the host's suite functions
 * callable as if they were exported symbols. All public JNA API; the library itself (the shim, already
 * loaded) only anchors the binding.
 */
final class DirectBinder {
    private DirectBinder() {
    }

    /**
     * Registers every native method of {@code natives} to the address {@code addresses} gives for its
     * name. Throws when a name has no address (a NULL member in the host's suite).
     */
    static void bind(Class<?> natives, String anchorLibrary, Map<String, Long> addresses) {
        SymbolProvider provider = (handle, name, parent) -> {
            Long a = addresses.get(name);
            if (a == null || a == 0) {
                throw new UnsatisfiedLinkError("host suite has no function for " + natives.getSimpleName() + "." + name);
            }
            return a;
        };
        NativeLibrary lib = NativeLibrary.getInstance(anchorLibrary, Map.of(Library.OPTION_SYMBOL_PROVIDER, provider));
        Native.register(natives, lib);
    }
}
