package org.manyfaces.ofx.jna;

/** Direct-mapped {@code OfxImageEffectSuiteV1} members (bound by {@link ImageEffectSuiteV1}). */
final class ImageEffectNatives {
    private ImageEffectNatives() {
    }

    static native int getPropertySet(long effect, long out);

    static native int getParamSet(long effect, long out);

    static native int clipDefine(long effect, long name, long out);

    static native int clipGetHandle(long effect, long name, long outClip, long outProps);

    static native int clipGetPropertySet(long clip, long out);

    static native int clipGetImage(long clip, double time, long region, long out);

    static native int clipReleaseImage(long image);

    static native int clipGetRegionOfDefinition(long clip, double time, long out);

    static native int abort(long effect);

    static native int imageMemoryAlloc(long effect, long bytes, long out);

    static native int imageMemoryFree(long memory);

    static native int imageMemoryLock(long memory, long out);

    static native int imageMemoryUnlock(long memory);

    static final String[] MEMBERS = {"getPropertySet", "getParamSet", "clipDefine", "clipGetHandle",
        "clipGetPropertySet", "clipGetImage", "clipReleaseImage", "clipGetRegionOfDefinition", "abort",
        "imageMemoryAlloc", "imageMemoryFree", "imageMemoryLock", "imageMemoryUnlock"};
}
