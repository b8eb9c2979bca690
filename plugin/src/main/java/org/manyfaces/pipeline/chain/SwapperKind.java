package org.manyfaces.pipeline.chain;

import org.manyfaces.pipeline.swap.SwapperContract;

/** Which face swapper a render uses. */
public enum SwapperKind {
    /** No swap model: the source face's own pixels, recoloured and blended (works with no model files). */
    CLASSIC(null, 256),
    /** inswapper_128 (InsightFace; non-commercial weights) with an ArcFace-512 recogniser. */
    INSWAPPER_128(SwapperContract.INSWAPPER_128, 128),
    /** hyperswap_1a/1b/1c_256 (FaceFusion; ResearchRAIL weights) with an ArcFace-512 recogniser. */
    HYPERSWAP_256(SwapperContract.HYPERSWAP_256, 256);

    private final SwapperContract contract;
    private final int nativeSize;

    SwapperKind(SwapperContract contract, int nativeSize) {
        this.contract = contract;
        this.nativeSize = nativeSize;
    }

    /** The model contract, or null for {@link #CLASSIC}. */
    public SwapperContract contract() {
        return contract;
    }

    public boolean needsModel() {
        return contract != null;
    }

    /** The crop size used when pixel boost is off (0). */
    public int nativeSize() {
        return nativeSize;
    }
}
