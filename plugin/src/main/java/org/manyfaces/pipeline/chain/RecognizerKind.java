package org.manyfaces.pipeline.chain;

import org.manyfaces.pipeline.embed.EmbedderContract;

/** Which face recogniser contract the recogniser model follows. */
public enum RecognizerKind {
    /** ArcFace w600k_r50 and other InsightFace 512-d recognisers. */
    ARCFACE_W600K(EmbedderContract.ARCFACE_W600K),
    /** MobileFaceNet (128-d): enough for reference selection, too narrow for inswapper. */
    MOBILEFACENET(EmbedderContract.MOBILEFACENET);

    private final EmbedderContract contract;

    RecognizerKind(EmbedderContract contract) {
        this.contract = contract;
    }

    public EmbedderContract contract() {
        return contract;
    }
}
