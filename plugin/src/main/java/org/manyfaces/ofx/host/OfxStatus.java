package org.manyfaces.ofx.host;

/** OFX status codes ({@code OfxStatus}, a C int). */
public final class OfxStatus {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERR_FATAL = 2;
    public static final int ERR_UNKNOWN = 3;
    public static final int ERR_MISSING_HOST_FEATURE = 4;
    public static final int ERR_UNSUPPORTED = 5;
    public static final int ERR_EXISTS = 6;
    public static final int ERR_FORMAT = 7;
    public static final int ERR_MEMORY = 8;
    public static final int ERR_BAD_HANDLE = 9;
    public static final int ERR_BAD_INDEX = 10;
    public static final int ERR_VALUE = 11;
    public static final int REPLY_YES = 12;
    public static final int REPLY_NO = 13;
    public static final int REPLY_DEFAULT = 14;

    private static final String[] NAMES = {"kOfxStatOK", "kOfxStatFailed", "kOfxStatErrFatal", "kOfxStatErrUnknown",
        "kOfxStatErrMissingHostFeature", "kOfxStatErrUnsupported", "kOfxStatErrExists", "kOfxStatErrFormat",
        "kOfxStatErrMemory", "kOfxStatErrBadHandle", "kOfxStatErrBadIndex", "kOfxStatErrValue",
        "kOfxStatReplyYes", "kOfxStatReplyNo", "kOfxStatReplyDefault"};

    private OfxStatus() {
    }

    /** The OFX name of {@code status}, e.g. "kOfxStatErrUnknown". */
    public static String name(int status) {
        return status >= 0 && status < NAMES.length ? NAMES[status] : "OfxStatus(" + status + ")";
    }
}
