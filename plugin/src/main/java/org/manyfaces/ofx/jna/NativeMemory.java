package org.manyfaces.ofx.jna;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Pointer;

/** Reading host-owned memory by address: C strings and zero-copy byte buffers over pixels. */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** The UTF-8 C string at {@code address}, or {@code null} for a NULL address. */
    public static String cString(long address) {
        if (address == 0) {
            return null;
        }
        return new Pointer(address).getString(0, StandardCharsets.UTF_8.name());
    }

    /**
     * True when the C string at {@code address} equals {@code expected}. Used on the render path to
     * compare enum properties (pixel depth, components).
     */
    public static boolean cStringEquals(long address, NativeName expected) {
        if (address == 0) {
            return false;
        }
        if (address == expected.address()) {
            return true;
        }
        // One JNI call for the whole string; byte-wise Pointer.getByte would cost one JNI call per byte.
        return expected.text().equals(new Pointer(address).getString(0, StandardCharsets.UTF_8.name()));
    }

    /**
     * A native-order direct buffer over {@code size} bytes of host memory starting at {@code address}; no
     * copy. The caller guarantees the memory stays valid while the buffer is used.
     */
    public static ByteBuffer wrap(long address, long size) {
        if (address == 0) {
            throw new IllegalArgumentException("NULL pixel address");
        }
        if (size < 0 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot map " + size + " bytes of host memory into one buffer");
        }
        return new Pointer(address).getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    /** Address of the first byte of a direct buffer (for handing own memory to code that expects addresses). */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(direct));
    }
}
