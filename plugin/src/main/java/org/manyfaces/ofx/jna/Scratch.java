package org.manyfaces.ofx.jna;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Per-thread native scratch memory for out-parameters ({@code int*}, {@code double*}, {@code void**}) and
 * short input arrays, so that no native memory is allocated per call.
 *
 * <p>Layout: bytes [0, 256) hold values; bytes [256, 320) hold an array of eight pointers that point at
 * the first eight 8-byte value slots. The pointer array is what the variadic trampolines receive as
 * {@code void** ptrs}; it is filled once when the thread first uses its scratch.
 *
 * <p>A scratch is only valid between a call and the read of its results on the same thread; callers must
 * not hold values across another suite call.
 */
public final class Scratch {
    /** Bytes of value space. */
    public static final int VALUE_BYTES = 256;
    /** Number of 8-byte slots addressed by {@link #slotPointers()}. */
    public static final int SLOTS = 8;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final Memory memory = new Memory(VALUE_BYTES + SLOTS * 8L);
    private final long base = Pointer.nativeValue(memory);
    // Reads and writes go through a direct buffer over the same bytes: ByteBuffer accessors are JIT
    // intrinsics, whereas Memory.getInt and friends are one JNI call each.
    private final ByteBuffer view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());

    private Scratch() {
        memory.clear();
        for (int i = 0; i < SLOTS; i++) {
            memory.setLong(VALUE_BYTES + 8L * i, base + 8L * i);
        }
    }

    /** The calling thread's scratch. */
    public static Scratch get() {
        return PER_THREAD.get();
    }

    /** Address of value byte {@code offset}. */
    public long at(int offset) {
        return base + offset;
    }

    /** Address of the pointer array whose entry i points at value slot i (byte offset 8*i). */
    public long slotPointers() {
        return base + VALUE_BYTES;
    }

    public int getInt(int offset) {
        return view.getInt(offset);
    }

    public double getDouble(int offset) {
        return view.getDouble(offset);
    }

    public long getAddress(int offset) {
        return view.getLong(offset);
    }

    public void setInt(int offset, int v) {
        view.putInt(offset, v);
    }

    public void setDouble(int offset, double v) {
        view.putDouble(offset, v);
    }

    public void setAddress(int offset, long v) {
        view.putLong(offset, v);
    }

    /** Clears {@code bytes} value bytes from offset 0 so stale results are never mistaken for answers. */
    public void clear(int bytes) {
        memory.setMemory(0, bytes, (byte) 0);
    }
}
