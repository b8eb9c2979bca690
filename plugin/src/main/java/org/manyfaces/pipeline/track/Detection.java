package org.manyfaces.pipeline.track;

import java.util.Objects;

import org.manyfaces.pipeline.Face;

/**
 * One face found by a detector in one frame, optionally with an identity embedding (e.g. ArcFace)
 * that helps keep tracks apart when faces cross.
 *
 * @param face      the detection (box, score, 5 landmarks)
 * @param embedding identity vector, or null; stored L2-normalised
 */
public record Detection(Face face, float[] embedding) {
    public Detection {
        Objects.requireNonNull(face, "face");
        embedding = embedding == null ? null : normalised(embedding);
    }

    public Detection(Face face) {
        this(face, null);
    }

    @Override
    public float[] embedding() {
        return embedding == null ? null : embedding.clone();
    }

    /** Cosine similarity of the embeddings, or NaN when either is missing. */
    public static double similarity(float[] a, float[] b) {
        if (a == null || b == null) {
            return Double.NaN;
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // both unit length
    }

    float[] embeddingView() {
        return embedding;
    }

    private static float[] normalised(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        if (!(n > 0)) {
            throw new IllegalArgumentException("an embedding must not be all zeros");
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / n);
        }
        return out;
    }
}
