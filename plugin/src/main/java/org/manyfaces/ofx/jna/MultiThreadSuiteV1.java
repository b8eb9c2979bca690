package org.manyfaces.ofx.jna;

import com.sun.jna.Callback;

/**
 * {@code OfxMultiThreadSuiteV1} (9 members). Mutexes are recursive; a NULL mutex handle is legal (a
 * single-threaded host hands them out) and must not be treated as an error.
 */
public final class MultiThreadSuiteV1 extends SuiteTable {
    public static final String NAME = "OfxMultiThreadSuite";

    /** {@code void fn(unsigned int threadIndex, unsigned int threadMax, void* customArg)}. */
    public interface ThreadFunction extends Callback {
        void invoke(int threadIndex, int threadMax, long customArg);
    }

    public MultiThreadSuiteV1(long address) {
        super(NAME, address, 9);
    }

    /**
     * Runs {@code fn} on {@code threads} host threads (0 = host chooses) and blocks until all finish.
     * The caller keeps {@code fn} strongly reachable for the duration (it is, as an argument here).
     */
    public int multiThread(ThreadFunction fn, int threads, long customArg) {
        return fn(0).invokeInt(new Object[] {fn, threads, customArg});
    }

    /** CPU count (unsigned int) to scratch offset 0. */
    public int numCPUs(Scratch out) {
        return call(1, out.at(0));
    }

    /** Index of the calling spawned thread to scratch offset 0. */
    public int threadIndex(Scratch out) {
        return call(2, out.at(0));
    }

    /** Non-zero on a thread spawned by {@link #multiThread}. */
    public int isSpawnedThread() {
        return call(3);
    }

    /** Mutex handle to scratch offset 0. */
    public int mutexCreate(int lockCount, Scratch out) {
        return call(4, out.at(0), lockCount);
    }

    public int mutexDestroy(long mutex) {
        return call(5, mutex);
    }

    public int mutexLock(long mutex) {
        return call(6, mutex);
    }

    public int mutexUnlock(long mutex) {
        return call(7, mutex);
    }

    /** OK = acquired, Failed = busy. */
    public int mutexTryLock(long mutex) {
        return call(8, mutex);
    }
}
