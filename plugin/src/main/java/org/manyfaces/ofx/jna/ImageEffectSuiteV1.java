package org.manyfaces.ofx.jna;

/**
 * {@code OfxImageEffectSuiteV1} (13 members). Out-handles land in the given scratch at offset 0
 * (and offset 8 for the optional property-set out-argument of clipGetHandle).
 */
public final class ImageEffectSuiteV1 extends SuiteTable {
    public static final String NAME = "OfxImageEffectSuite";

    private final boolean fast;

    public ImageEffectSuiteV1(long address) {
        super(NAME, address, 13);
        this.fast = useShimCalls();
    }

    /** Whether calls go through the shim's JNI natives (fast) rather than JNA Function objects. */
    public boolean isFast() {
        return fast;
    }

    public int getPropertySet(long effect, Scratch out) {
        return fast ? ShimCalls.callPP(fp(0), effect, out.at(0))
                : call(0, effect, out.at(0));
    }

    public int getParamSet(long effect, Scratch out) {
        return fast ? ShimCalls.callPP(fp(1), effect, out.at(0))
                : call(1, effect, out.at(0));
    }

    /** Clip property set goes to scratch offset 0. */
    public int clipDefine(long descriptor, NativeName clipName, Scratch out) {
        return fast ? ShimCalls.callPPP(fp(2), descriptor, clipName.address(), out.at(0))
                : call(2, descriptor, clipName.address(), out.at(0));
    }

    /** Clip handle to scratch offset 0, its property set to offset 8. */
    public int clipGetHandle(long effect, NativeName clipName, Scratch out) {
        return fast ? ShimCalls.callPPPP(fp(3), effect, clipName.address(), out.at(0), out.at(8))
                : call(3, effect, clipName.address(), out.at(0), out.at(8));
    }

    public int clipGetPropertySet(long clip, Scratch out) {
        return fast ? ShimCalls.callPP(fp(4), clip, out.at(0))
                : call(4, clip, out.at(0));
    }

    /** The image property set goes to scratch offset 0; region NULL lets the host decide. */
    public int clipGetImage(long clip, double time, Scratch out) {
        return fast ? ShimCalls.callPDPP(fp(5), clip, time, 0L, out.at(0))
                : call(5, clip, time, 0L, out.at(0));
    }

    public int clipReleaseImage(long image) {
        return fast ? ShimCalls.callP(fp(6), image)
                : call(6, image);
    }

    /** The RoD (4 doubles, canonical) goes to scratch offsets 0..31. */
    public int clipGetRegionOfDefinition(long clip, double time, Scratch out) {
        return fast ? ShimCalls.callPDP(fp(7), clip, time, out.at(0))
                : call(7, clip, time, out.at(0));
    }

    /** Non-zero when the host wants the current render to stop. */
    public int abort(long effect) {
        return fast ? ShimCalls.callP(fp(8), effect)
                : call(8, effect);
    }

    /** Memory handle to scratch offset 0. */
    public int imageMemoryAlloc(long effect, long bytes, Scratch out) {
        return fast ? ShimCalls.callPPP(fp(9), effect, bytes, out.at(0))
                : call(9, effect, bytes, out.at(0));
    }

    public int imageMemoryFree(long memory) {
        return fast ? ShimCalls.callP(fp(10), memory)
                : call(10, memory);
    }

    /** Locked address to scratch offset 0. */
    public int imageMemoryLock(long memory, Scratch out) {
        return fast ? ShimCalls.callPP(fp(11), memory, out.at(0))
                : call(11, memory, out.at(0));
    }

    public int imageMemoryUnlock(long memory) {
        return fast ? ShimCalls.callP(fp(12), memory)
                : call(12, memory);
    }
}
