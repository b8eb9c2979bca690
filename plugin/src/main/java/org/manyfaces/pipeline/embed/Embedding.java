package org.manyfaces.pipeline.embed;

import java.util.Arrays;

/**
 * A face identity vector: the recogniser's raw output and its L2-normalised copy (FaceFusion keeps
 * both: inswapper's latent is computed from the normed one, averaging is done on both).
 */
public final class Embedding {
    private final float[] raw;
    private final float[] normed;

    private Embedding(float[] raw, float[] normed) {
        this.raw = raw;
        this.normed = normed;
    }

    /** From a raw recogniser output (copied); computes the normed vector. */
    public static Embedding of(float[] raw) {
        if (raw.length == 0) {
            throw new IllegalArgumentException("an embedding needs at least one value");
        }
        float[] r = raw.clone();
        return new Embedding(r, normalise(r));
    }

    /**
     * The mean of several embeddings of one width: raw vectors are averaged, and so are the normed
     * vectors (not re-normalised, as FaceFusion's {@code average_face_identity} does; the swapper
     * decides whether to normalise again).
     */
    public static Embedding average(java.util.List<Embedding> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("cannot average zero embeddings");
        }
        int w = all.get(0).width();
        float[] raw = new float[w];
        float[] normed = new float[w];
        for (Embedding e : all) {
            if (e.width() != w) {
                throw new IllegalArgumentException("embeddings differ in width: " + w + " vs " + e.width());
            }
            for (int i = 0; i < w; i++) {
                raw[i] += e.raw[i];
                normed[i] += e.normed[i];
            }
        }
        for (int i = 0; i < w; i++) {
            raw[i] /= all.size();
            normed[i] /= all.size();
        }
        return new Embedding(raw, normed);
    }

    static float[] normalise(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        double norm = Math.sqrt(ss);
        if (!(norm > 1e-12) || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("embedding has zero or non-finite length; the recogniser output is unusable");
        }
        float[] n = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            n[i] = (float) (v[i] / norm);
        }
        return n;
    }

    public int width() {
        return raw.length;
    }

    /** A copy of the raw vector. */
    public float[] raw() {
        return raw.clone();
    }

    /** A copy of the normed vector (unit length, except for averages). */
    public float[] normed() {
        return normed.clone();
    }

    /** Cosine similarity of the two identities, computed on the normed vectors re-normalised (−1..1). */
    public float cosine(Embedding other) {
        if (other.width() != width()) {
            throw new IllegalArgumentException("embeddings differ in width: " + width() + " vs " + other.width());
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < normed.length; i++) {
            dot += (double) normed[i] * other.normed[i];
            na += (double) normed[i] * normed[i];
            nb += (double) other.normed[i] * other.normed[i];
        }
        return (float) (dot / Math.sqrt(na * nb));
    }

    /** FaceFusion's face distance: {@code (1 − cosine) / 2}, 0 (same) .. 1 (opposite); FaceFusion matches below 0.3. */
    public float distance(Embedding other) {
        return (1f - cosine(other)) / 2f;
    }

    @Override
    public String toString() {
        return "Embedding[" + width() + " values, raw " + Arrays.toString(Arrays.copyOf(raw, Math.min(4, raw.length))) + "...]";
    }
}
