package org.manyfaces.pipeline.detect;

import java.util.Arrays;

/**
 * Decoded detections before NMS, packed in one growable float array (x1, y1, x2, y2, score, 10
 * landmark numbers per candidate) so decoding allocates nothing per candidate and the array is reused
 * from frame to frame.
 */
public final class Candidates {
    static final int STRIDE = 15;
    private float[] data = new float[STRIDE * 64];
    private int size;

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /** Appends one candidate; {@code lm} holds 10 numbers starting at {@code lmOffset}. */
    public void add(float x1, float y1, float x2, float y2, float score, float[] lm) {
        if ((size + 1) * STRIDE > data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        int o = size * STRIDE;
        data[o] = x1;
        data[o + 1] = y1;
        data[o + 2] = x2;
        data[o + 3] = y2;
        data[o + 4] = score;
        System.arraycopy(lm, 0, data, o + 5, 10);
        size++;
    }

    public float x1(int i) {
        return data[i * STRIDE];
    }

    public float y1(int i) {
        return data[i * STRIDE + 1];
    }

    public float x2(int i) {
        return data[i * STRIDE + 2];
    }

    public float y2(int i) {
        return data[i * STRIDE + 3];
    }

    public float score(int i) {
        return data[i * STRIDE + 4];
    }

    public float landmark(int i, int k) {
        return data[i * STRIDE + 5 + k];
    }

    /**
     * Candidate indices, best score first; ties keep decode order so results are deterministic. Sorted
     * as packed primitive keys (score bits, then inverted index): no boxing even for thousands of
     * candidates at a low threshold. Scores are non-negative (sigmoid/softmax outputs), so their IEEE bits
     * order like the values.
     */
    int[] orderByScore() {
        if (keys.length < size) {
            keys = new long[Math.max(size, 2 * keys.length)];
        }
        for (int i = 0; i < size; i++) {
            float sc = Math.max(0f, score(i));
            keys[i] = ((long) Float.floatToIntBits(sc) << 32) | (Integer.MAX_VALUE - i);
        }
        Arrays.sort(keys, 0, size);
        int[] out = new int[size];
        for (int k = 0; k < size; k++) {
            out[k] = Integer.MAX_VALUE - (int) (keys[size - 1 - k] & 0xFFFFFFFFL);
        }
        return out;
    }

    private long[] keys = new long[64];
}
