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
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        this.memory = new Memory(utf8.length + 1L);
        memory.write(0, utf8, 0, utf8.length);
        memory.setByte(utf8.length, (byte) 0);
        this.address = com.sun.jna.Pointer.nativeValue(memory);
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
