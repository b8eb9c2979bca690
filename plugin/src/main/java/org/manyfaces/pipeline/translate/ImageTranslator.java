package org.manyfaces.pipeline.translate;

import java.nio.FloatBuffer;
import java.util.Objects;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Runs one image-to-image model on an image (a whole frame, or a crop view of one) under a
 * {@link TranslatorContract}, fitting the image to the model with a {@link FitMode}, and blends the result
 * into the output with a Mix amount and an optional mask.
 *
 * <p>Output size is the input size times the contract's scale; the caller supplies an output view of that
 * size (for scale 1 it may be the source view itself). The output starts as the source (for scale &gt; 1, a
 * bicubic upscale of it), which is also where luma-only models take their chroma from; the model's answer is
 * then mixed in as {@code out = base + mix·mask·(model − base)}. Alpha is carried over from the source.
 *
 * <p>Scratch buffers are kept between calls and reused while sizes stay the same; an instance is therefore
 * not thread-safe. It owns neither the session nor the images.
 */
public final class ImageTranslator {
    private final TranslatorSession session;
    private final TranslatorContract contract;
    private final Normalizer normalizer;
    private final Resampler resampler = new Resampler();
    private final Resampler outResampler = new Resampler();
    /** The model's answer at output resolution, in the contract's channels (RGB or Y), 0..1. */
    private final FloatImage result = new FloatImage();
    /** RESIZE: the model's answer at model resolution. */
    private final FloatImage modelOut = new FloatImage();
    /** RESIZE: the source resampled to the model size. */
    private ImageView modelIn;
    /** compose: one output row of R,G,B and one row of mask values. */
    private float[] baseRow = new float[0];
    private float[] maskRow = new float[0];

    private long runs;
    private long runNanos;
    private long totalNanos;

    /**
     * @throws ContractException when the contract does not fit the model the session holds
     */
    public ImageTranslator(TranslatorSession session, TranslatorContract contract) {
        this.session = Objects.requireNonNull(session, "session");
        this.contract = Objects.requireNonNull(contract, "contract");
        contract.checkModel(session.signature());
        this.normalizer = new Normalizer(contract);
    }

    public TranslatorContract contract() {
        return contract;
    }

    /**
     * How to fit a frame to the model.
     *
     * @param mode     RESIZE, TILES or NATIVE
     * @param tileSize TILES on dynamic models: the tile size (rounded up to a legal size); RESIZE on dynamic
     *                 models: the working size of the longer side. Fixed-size models always use their size.
     * @param overlap  TILES: overlap between neighbouring tiles in input pixels (at most half a tile)
     * @param feather  TILES: shape of the seam weights
     */
    public record Fit(FitMode mode, int tileSize, int overlap, Feather feather) {
        /** Default tile/working size for dynamic models and default overlap (input pixels). */
        public static final int DEFAULT_TILE = 512;
        public static final int DEFAULT_OVERLAP = 32;

        public Fit {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(feather, "feather");
            if (tileSize < 8) {
                throw new IllegalArgumentException("tile size " + tileSize + " is too small (minimum 8)");
            }
            if (overlap < 0) {
                throw new IllegalArgumentException("tile overlap " + overlap + " must not be negative");
            }
        }

        public static Fit of(FitMode mode) {
            return new Fit(mode, DEFAULT_TILE, DEFAULT_OVERLAP, Feather.COSINE);
        }
    }

    /** Time spent so far: model runs, time inside {@link TranslatorSession#run}, and time in {@link #translate}. */
    public record Stats(long runs, long runNanos, long totalNanos) {
        /** Share of translate time spent outside the model run (packing, fitting, blending). */
        public double outsideShare() {
            return totalNanos == 0 ? 0 : 1.0 - (double) runNanos / totalNanos;
        }
    }

    public Stats stats() {
        return new Stats(runs, runNanos, totalNanos);
    }

    public void resetStats() {
        runs = 0;
        runNanos = 0;
        totalNanos = 0;
    }

    /**
     * Translates {@code src} into {@code dst} (size = src size × scale).
     *
     * @param mix  0 keeps the source, 1 is the model's answer
     * @param mask optional 1-channel weight at source resolution (0 keeps the source); null for none
     */
    public void translate(ImageView src, ImageView dst, Fit fit, float mix, PixelGrid mask) {
        long t0 = System.nanoTime();
        int s = contract.scale();
        int w = src.width();
        int h = src.height();
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("cannot translate an empty image " + src);
        }
        if (dst.width() != w * s || dst.height() != h * s) {
            throw new IllegalArgumentException("output must be " + w * s + "x" + h * s + " (input " + w + "x" + h
                    + " times the model's scale " + s + "), got " + dst.width() + "x" + dst.height());
        }
        if (dst.channels() < 3 || src.channels() < 3) {
            throw new IllegalArgumentException("translator needs RGB or RGBA images, got " + src + " -> " + dst);
        }
        if (mask != null && (mask.width() != w || mask.height() != h)) {
            throw new IllegalArgumentException("mask " + mask.width() + "x" + mask.height() + " must match the input "
                    + w + "x" + h);
        }
        if (!(mix >= 0f && mix <= 1f)) {
            throw new IllegalArgumentException("mix " + mix + " must be within 0..1");
        }
        writeBase(src, dst);
        if (mix == 0f) {
            totalNanos += System.nanoTime() - t0;
            return;
        }
        switch (fit.mode()) {
            case RESIZE -> runResized(src, fit);
            case TILES -> runTiled(src, fit);
            case NATIVE -> runNative(src);
            default -> throw new IllegalStateException("unknown fit mode " + fit.mode());
        }
        compose(dst, mix, mask);
        totalNanos += System.nanoTime() - t0;
    }

    /** Output before blending: the source itself, or a bicubic upscale of it for super-resolution models. */
    private void writeBase(ImageView src, ImageView dst) {
        if (contract.scale() == 1) {
            if (!sameMemory(src, dst)) {
                dst.copyFrom(src);
            }
            return;
        }
        // Bicubic overshoots; keep the base within 0..1 like an 8-bit image would be.
        resampler.resize(PixelGrid.of(src), new ClampedGrid(PixelGrid.of(dst)), Resampler.Filter.BICUBIC);
    }

    /** Writes through to a grid with every value clamped to 0..1. */
    private record ClampedGrid(PixelGrid target) implements PixelGrid {
        @Override
        public int width() {
            return target.width();
        }

        @Override
        public int height() {
            return target.height();
        }

        @Override
        public int channels() {
            return target.channels();
        }

        @Override
        public float get(int x, int y, int c) {
            return target.get(x, y, c);
        }

        @Override
        public void set(int x, int y, int c, float v) {
            target.set(x, y, c, Normalizer.clamp01(v));
        }

        @Override
        public void writeRow(int y, float[] src, int n) {
            int len = target.width() * n;
            for (int i = 0; i < len; i++) {
                src[i] = Normalizer.clamp01(src[i]);
            }
            target.writeRow(y, src, n);
        }
    }

    private static boolean sameMemory(ImageView a, ImageView b) {
        return a.buffer() == b.buffer() && a.format() == b.format() && a.rowOffset(0) == b.rowOffset(0)
                && a.rowStride() == b.rowStride();
    }

    private void runNative(ImageView src) {
        int w = src.width();
        int h = src.height();
        int tw;
        int th;
        if (contract.isDynamic()) {
            tw = contract.legalSize(w);
            th = contract.legalSize(h);
        } else if (w == contract.width() && h == contract.height()) {
            tw = w;
            th = h;
        } else {
            throw new ManyFacesException(ErrorCode.SETTING_INVALID, "fit mode NATIVE needs a model with dynamic size; '" + contract.inputName()
                    + "' takes a fixed " + contract.width() + "x" + contract.height() + " input and the image is " + w
                    + "x" + h + " - use RESIZE or TILES");
        }
        int s = contract.scale();
        result.ensure(w * s, h * s, contract.channels());
        FloatBuffer out = runModel(src, 0, 0, tw, th);
        normalizer.store(out, tw * s, th * s, 0, 0, w * s, h * s, result, 0, 0, null, null);
    }

    private void runTiled(ImageView src, Fit fit) {
        int w = src.width();
        int h = src.height();
        int s = contract.scale();
        int tw;
        int th;
        if (contract.isDynamic()) {
            int t = contract.legalSize(fit.tileSize());
            tw = w < t ? contract.legalSize(w) : t;
            th = h < t ? contract.legalSize(h) : t;
        } else {
            tw = contract.width();
            th = contract.height();
        }
        int[] xs = TileGrid.starts(w, tw, Math.min(fit.overlap(), tw / 2));
        int[] ys = TileGrid.starts(h, th, Math.min(fit.overlap(), th / 2));
        result.ensure(w * s, h * s, contract.channels());
        result.clearForAccumulation();
        for (int j = 0; j < ys.length; j++) {
            float[] wy = TileGrid.weights(ys, j, th, h, s, fit.feather());
            for (int i = 0; i < xs.length; i++) {
                float[] wx = TileGrid.weights(xs, i, tw, w, s, fit.feather());
                FloatBuffer out = runModel(src, xs[i], ys[j], tw, th);
                normalizer.store(out, tw * s, th * s, 0, 0, wx.length, wy.length, result, xs[i] * s, ys[j] * s, wx, wy);
            }
        }
        result.normaliseWeights();
    }

    private void runResized(ImageView src, Fit fit) {
        int w = src.width();
        int h = src.height();
        int s = contract.scale();
        int mw;
        int mh;
        if (contract.isDynamic()) {
            double f = (double) fit.tileSize() / Math.max(w, h);
            mw = contract.legalSize((int) Math.round(w * f));
            mh = contract.legalSize((int) Math.round(h * f));
        } else {
            mw = contract.width();
            mh = contract.height();
        }
        if (modelIn == null || modelIn.width() != mw || modelIn.height() != mh) {
            modelIn = ImageView.allocate(mw, mh, PixelFormat.RGB_F32);
        }
        resampler.resize(PixelGrid.of(src), PixelGrid.of(modelIn), Resampler.Filter.BILINEAR);
        FloatBuffer out = runModel(modelIn, 0, 0, mw, mh);
        modelOut.ensure(mw * s, mh * s, contract.channels());
        normalizer.store(out, mw * s, mh * s, 0, 0, mw * s, mh * s, modelOut, 0, 0, null, null);
        result.ensure(w * s, h * s, contract.channels());
        outResampler.resize(modelOut, result, Resampler.Filter.BILINEAR);
    }

    /** Packs a tw×th window of {@code src} at (x0, y0) (edges replicated) and runs the model. */
    private FloatBuffer runModel(ImageView src, int x0, int y0, int tw, int th) {
        FloatBuffer in = session.inputBuffer(contract.inputShape(th, tw));
        normalizer.pack(src, x0, y0, in, tw, th);
        long[] outShape = contract.inputShape(th * contract.scale(), tw * contract.scale());
        long t = System.nanoTime();
        FloatBuffer out = session.run(outShape);
        runNanos += System.nanoTime() - t;
        runs++;
        return out;
    }

    /** Blends the model's answer into the output, which holds the base; one bulk read and write per row. */
    private void compose(ImageView dst, float mix, PixelGrid mask) {
        int ow = dst.width();
        int oh = dst.height();
        int s = contract.scale();
        boolean luma = contract.isLuma();
        int rc = result.channels();
        float[] data = result.data();
        if (baseRow.length < ow * 3) {
            baseRow = new float[ow * 3];
            maskRow = new float[ow];
        }
        float[] base = baseRow;
        PixelGrid out = PixelGrid.of(dst);
        for (int y = 0; y < oh; y++) {
            out.readRow(y, base, 3);
            if (mask != null) {
                if (s == 1) {
                    mask.readRow(y, maskRow, 1);
                } else {
                    for (int x = 0; x < ow; x++) {
                        maskRow[x] = sampleMask(mask, x, y, s);
                    }
                }
            }
            int o = y * ow * rc;
            for (int x = 0; x < ow; x++, o += rc) {
                float m = mask == null ? mix : mix * Normalizer.clamp01(maskRow[x]);
                if (m == 0f) {
                    continue;
                }
                int b = x * 3;
                float r = base[b];
                float g = base[b + 1];
                float bl = base[b + 2];
                float mr;
                float mg;
                float mb;
                if (luma) {
                    float d = Normalizer.lumaDelta(r, g, bl, data[o]);
                    mr = Normalizer.clamp01(r + d);
                    mg = Normalizer.clamp01(g + d);
                    mb = Normalizer.clamp01(bl + d);
                } else {
                    mr = data[o];
                    mg = data[o + 1];
                    mb = data[o + 2];
                }
                base[b] = r + m * (mr - r);
                base[b + 1] = g + m * (mg - g);
                base[b + 2] = bl + m * (mb - bl);
            }
            out.writeRow(y, base, 3);
        }
    }

    /** Mask value for an output pixel: the mask itself at scale 1, bilinear at the pixel centre otherwise. */
    private static float sampleMask(PixelGrid mask, int x, int y, int s) {
        if (s == 1) {
            return mask.get(x, y, 0);
        }
        float fx = (x + 0.5f) / s - 0.5f;
        float fy = (y + 0.5f) / s - 0.5f;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        float ax = fx - x0;
        float ay = fy - y0;
        int mw = mask.width() - 1;
        int mh = mask.height() - 1;
        int xa = Math.max(0, Math.min(mw, x0));
        int xb = Math.max(0, Math.min(mw, x0 + 1));
        int ya = Math.max(0, Math.min(mh, y0));
        int yb = Math.max(0, Math.min(mh, y0 + 1));
        float top = mask.get(xa, ya, 0) * (1 - ax) + mask.get(xb, ya, 0) * ax;
        float bottom = mask.get(xa, yb, 0) * (1 - ax) + mask.get(xb, yb, 0) * ax;
        return top * (1 - ay) + bottom * ay;
    }
}
