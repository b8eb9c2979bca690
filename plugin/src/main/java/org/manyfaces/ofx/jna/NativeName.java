package org.manyfaces.ofx.jna;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Memory;

/**
 * A constant, NUL-terminated UTF-8 C string allocated once and kept alive for the life of the process.
 *
 * <p>Property names, action names and enum values are passed to the host on every render; converting a
 * Java {@code String} on each call costs microseconds, so every name the plug-in uses is interned here
 * once and afterwards passed as a bare address.
 */
public final class NativeName {
    private static final ConcurrentHashMap<String, NativeName> INTERNED = new ConcurrentHashMap<>();

    private final String text;
    // Strong reference: the native bytes must outlive every call that received their address.
    private final Memory memory;
    private final long address;

    private NativeName(String text) {
        this.text = text;
        this.memory = utf8Copy(text);
        this.address = com.sun.jna.Pointer.nativeValue(memory);
    }

    /**
     * A fresh NUL-terminated UTF-8 copy of {@code text} in native memory (OFX strings are UTF-8 whatever the
     * process locale says). JNA frees it when the object is collected, so whoever passes its address on
     * keeps the object reachable until the call has returned.
     */
    static Memory utf8Copy(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(utf8.length + 1L);
        m.write(0, utf8, 0, utf8.length);
        m.setByte(utf8.length, (byte) 0);
        return m;
    }

    /** The interned native copy of {@code text}; the same object for equal strings. */
    public static NativeName of(String text) {
        Objects.requireNonNull(text, "text");
        NativeName n = INTERNED.get(text);
        return n != null ? n : INTERNED.computeIfAbsent(text, NativeName::new);
    }

    /** Address of the first byte; valid for the life of the process. */
    public long address() {
        return address;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
