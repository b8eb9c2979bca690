package org.manyfaces.pipeline.translate;

import java.util.Arrays;

/**
 * An interleaved float image with 1 to 4 channels, plus an optional per-pixel weight plane for
 * accumulating overlapping tiles. Reused across frames: {@link #ensure} only reallocates when the
 * size grows, so a steady stream of frames allocates nothing.
 */
public final class FloatImage implements PixelGrid {
    private float[] data = new float[0];
    private float[] weight = new float[0];
    private int width;
    private int height;
    private int channels;

    public FloatImage() {
    }

    public FloatImage(int width, int height, int channels) {
        ensure(width, height, channels);
    }

    /** Makes this image width×height×channels; contents are undefined afterwards. */
    public FloatImage ensure(int width, int height, int channels) {
        if (channels < 1 || channels > 4 || width < 0 || height < 0) {
            throw new IllegalArgumentException("float image " + width + "x" + height + "x" + channels + " is invalid");
        }
        long n = (long) width * height * channels;
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("float image " + width + "x" + height + "x" + channels + " is too large");
        }
        if (data.length < n) {
            data = new float[(int) n];
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        return this;
    }

    /** Sets every sample and (when accumulating) every weight to zero. */
    public void clearForAccumulation() {
        int n = width * height;
        Arrays.fill(data, 0, n * channels, 0f);
        if (weight.length < n) {
            weight = new float[n];
        } else {
            Arrays.fill(weight, 0, n, 0f);
        }
    }

    /** Adds to the weight sum of pixel (x, y); the samples themselves are added straight into {@link #data()}. */
    void addWeight(int x, int y, float w) {
        weight[y * width + x] += w;
    }

    /** Divides every accumulated sample by its weight sum (pixels with no weight become 0). */
    public void normaliseWeights() {
        int n = width * height;
        for (int i = 0; i < n; i++) {
            float w = weight[i];
            float inv = w > 0f ? 1f / w : 0f;
            int o = i * channels;
            for (int c = 0; c < channels; c++) {
                data[o + c] *= inv;
            }
        }
    }

    /** Weight sum at a pixel after accumulation (for tests and diagnostics). */
    public float weightAt(int x, int y) {
        return weight[y * width + x];
    }

    /** Backing array, interleaved, row-major, {@code channels()} floats per pixel (may be longer than needed). */
    public float[] data() {
        return data;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public float get(int x, int y, int c) {
        return data[(y * width + x) * channels + c];
    }

    @Override
    public void set(int x, int y, int c, float v) {
        data[(y * width + x) * channels + c] = v;
    }

    @Override
    public void readRow(int y, float[] dst, int n) {
        int o = y * width * channels;
        if (n == channels) {
            System.arraycopy(data, o, dst, 0, width * n);
            return;
        }
        for (int x = 0; x < width; x++) {
            for (int c = 0; c < n; c++) {
                dst[x * n + c] = data[o + x * channels + c];
            }
        }
    }

    @Override
    public void writeRow(int y, float[] src, int n) {
        int o = y * width * channels;
        if (n == channels) {
            System.arraycopy(src, 0, data, o, width * n);
            return;
        }
        for (int x = 0; x < width; x++) {
            for (int c = 0; c < n; c++) {
                data[o + x * channels + c] = src[x * n + c];
            }
        }
    }
}
