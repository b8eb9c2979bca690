package org.manyfaces.ofx.jna;

/** {@code OfxMemorySuiteV1}: memoryAlloc(handle, nBytes, void** out), memoryFree(ptr). */
public final class MemorySuiteV1 extends SuiteTable {
    public static final String NAME = "OfxMemorySuite";

    public MemorySuiteV1(long address) {
        super(NAME, address, 2);
    }

    /** Allocated address to scratch offset 0. */
    public int alloc(long effectOrZero, long bytes, Scratch out) {
        return call(0, effectOrZero, bytes, out.at(0));
    }

    public int free(long data) {
        return call(1, data);
    }
}
