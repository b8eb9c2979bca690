package org.manyfaces.testbridge;

/**
 * Test double of the product's org.manyfaces.ofx.host.Bridge, used only by bridge-native's C checks (never
 * shipped; its own name, so it can never be mistaken for the product class). The checks' bundle names it in
 * Contents/Resources/java-entry-class, which the shim reads instead of its default. It proves
 * that the shim boots the JVM, calls init once per process, forwards setHost and every action with
 * the contract's signatures, survives JVM-internal faults under a host crash handler, and turns an
 * escaping exception into kOfxStatFailed. Behaviour is chosen with MF_TEST_BRIDGE_MODE: faults, throw,
 * crash (a native NULL write during Describe), initfail, throwodd (every
 * other render throws), or quiet (no output, for timing). With Resources/native/libtestbridge.so it is a copy effect.
 */
public final class TestBridge {
    private static int inits;
    private static volatile long host;
    private static boolean nativeHalf;
    private static final java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();

    private TestBridge() {
    }

    /** Contract: {@code static int init(String shimPath, String resourcesDir)}. */
    public static int init(String shimPath, String resourcesDir) {
        inits++;
        if ("initfail".equals(System.getenv("MF_TEST_BRIDGE_MODE"))) {
            return 5; // kOfxStatErrUnsupported: the shim must go to its unavailable mode
        }
        java.io.File jni = new java.io.File(resourcesDir, "native/libtestbridge.so");
        if (jni.isFile() && !nativeHalf) {
            System.load(jni.getAbsolutePath());
            nativeHalf = true;
        }
        say("testbridge init count=" + inits + " shimIsFile=" + new java.io.File(shimPath).isFile()
                + " resourcesEndsRight=" + resourcesDir.endsWith("/Contents/Resources")
                + " jnaBoot=" + System.getProperty("jna.boot.library.path", "").endsWith("/Resources/native")
                + " nounpack=" + System.getProperty("jna.nounpack")
                + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return 0;
    }

    /** Contract: {@code static int setHost(long ofxHostPtr)}. */
    public static int setHost(long hostPtr) {
        host = hostPtr;
        say("testbridge setHost nonzero=" + (hostPtr != 0));
        return 0;
    }

    /** Describe/DescribeInContext/Render of a copy effect, done in C (tests/test_bridge_native.c). */
    private static native int nativeAction(long hostPtr, String action, long handle, long inArgs, long outArgs);

    /** Writes through a NULL pointer in C: a real crash inside a call into Java. */
    private static native void nativeCrash();

    /** Contract: {@code static int mainEntry(int, String, long, long, long)}. */
    public static int mainEntry(int pluginIndex, String action, long handle, long inArgs, long outArgs) {
        Thread t = Thread.currentThread();
        String mode = System.getenv("MF_TEST_BRIDGE_MODE");
        if ("quiet".equals(mode)) {
            return nativeHalf ? nativeAction(host, action, handle, inArgs, outArgs) : 14;
        }
        if ("OfxImageEffectActionRender".equals(action)) {
            say("testbridge render thread=" + t.getName() + " daemon=" + t.isDaemon());
            if ("throwodd".equals(mode) && inArgs != 0 && renders.incrementAndGet() % 2 == 1) {
                throw new IllegalStateException("odd render throws on purpose");
            }
            if ("faults".equals(mode)) {
                provokeNullPointers(20_000);
                provokeDivisionByZero(20_000);
            }
        } else {
            say("testbridge action plugin=" + pluginIndex + " name=" + action + " handleNonZero=" + (handle != 0)
                    + " daemon=" + t.isDaemon());
        }
        if ("OfxActionDescribe".equals(action)) {
            if ("faults".equals(mode)) {
                say("testbridge faults npe=" + provokeNullPointers(200_000) + " div0=" + provokeDivisionByZero(200_000));
            } else if ("crash".equals(mode) && nativeHalf) {
                nativeCrash();
            } else if ("throw".equals(mode)) {
                throw new IllegalStateException("test bridge throws on purpose");
            }
        }
        if (nativeHalf) {
            return nativeAction(host, action, handle, inArgs, outArgs);
        }
        return "OfxActionDescribe".equals(action) ? 0 : 14; // kOfxStatReplyDefault
    }

    /** A field read through null: HotSpot's interpreter and JIT implement this check with SIGSEGV. */
    static final class Box {
        int value;
    }

    private static int provokeNullPointers(int n) {
        Box[] boxes = {new Box(), null};
        int caught = 0;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                sum += boxes[i & 1].value;
            } catch (NullPointerException e) {
                caught++;
            }
        }
        return sum == 0 ? caught : -1;
    }

    /** Integer division by zero: HotSpot on x86 lets the idiv trap (SIGFPE) and handles it. */
    private static int provokeDivisionByZero(int n) {
        int caught = 0;
        int[] divisors = {1, 0};
        long sum = 0;
        for (int i = 0; i < n; i++) {
            try {
                sum += 7 / divisors[i & 1];
            } catch (ArithmeticException e) {
                caught++;
            }
        }
        return sum > 0 ? caught : -1;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
