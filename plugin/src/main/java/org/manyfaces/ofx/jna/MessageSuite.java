package org.manyfaces.ofx.jna;

/**
 * {@code OfxMessageSuiteV1} or {@code V2} (V2 = V1 plus setPersistentMessage and clearPersistentMessage).
 * The two message functions are printf-style variadic, so they go through the shim's {@code mf_message}
 * trampoline, which passes the text as the argument of a {@code "%s"} format (text is never a format).
 */
public final class MessageSuite extends SuiteTable {
    public static final String NAME = "OfxMessageSuite";
    private final int version;

    public MessageSuite(long address, int version) {
        super(NAME, address, version >= 2 ? 3 : 1);
        this.version = version;
    }

    public int version() {
        return version;
    }

    public int message(long handle, String type, String id, String text) {
        return ShimCalls.message(pointer(0), handle, type, id, text);
    }

    /** V2 only; returns kOfxStatErrUnsupported (5) on a V1 suite. */
    public int setPersistentMessage(long handle, String type, String id, String text) {
        if (version < 2) {
            return 5;
        }
        return ShimCalls.message(pointer(1), handle, type, id, text);
    }

    /** V2 only; returns kOfxStatErrUnsupported (5) on a V1 suite. */
    public int clearPersistentMessage(long handle) {
        if (version < 2) {
            return 5;
        }
        return call(2, handle);
    }
}
