package org.manyfaces.pipeline.translate;

import java.util.Objects;

/**
 * How to feed an image-to-image model and read its answer: tensor layout, colour order, value range,
 * size rules, channel count and output scale.
 *
 * <p>Contracts come, in this order of preference, from the model manifest, from a sidecar JSON next to
 * a user's model ({@link ContractSidecar}), or are {@link #infer inferred} from the declared input
 * shape; {@link #source()} says which, and {@link #assumptions()} says what had to be guessed.
 *
 * <p>The compact constructor rejects contracts that cannot describe any model (5 channels, a fixed size
 * that breaks its own multiple, ...); {@link #checkModel} rejects contracts that do not fit a given model.
 *
 * @param layout       where the channel axis is
 * @param colorOrder   RGB or BGR (ignored for luma models)
 * @param range        how a 0..1 value is encoded
 * @param height       fixed input height, or −1 when the model takes any height
 * @param width        fixed input width, or −1
 * @param sizeMultiple dynamic sizes are padded up to a multiple of this (fixed sizes must be multiples of it)
 * @param minSize      smallest height and width the model accepts
 * @param channels     3 for colour models; 1 for luma-only models (the Y of YCbCr in, Y out, chroma carried
 *                     over from a bicubic upscale of the source)
 * @param scale        output size ÷ input size: 1 for style models, 2/3/4 for super-resolution
 * @param inputName    the model's image input
 * @param outputName   the model's image output
 * @param source       where the contract came from
 * @param assumptions  what was assumed rather than declared; empty when nothing was
 */
public record TranslatorContract(TensorLayout layout, ColorOrder colorOrder, ValueRange range,
                                 int height, int width, int sizeMultiple, int minSize, int channels, int scale,
                                 String inputName, String outputName, Source source, String assumptions) {

    /** Dynamic dimension marker, as ONNX Runtime reports it. */
    public static final int DYNAMIC = -1;
    /** Multiple assumed for dynamic models without a declared one: enough for 3 stride-2 stages. */
    public static final int DEFAULT_MULTIPLE = 8;

    /** Where a contract came from. */
    public enum Source {
        /** A curated entry of models/manifest.json. */
        MANIFEST,
        /** A JSON file next to the user's model. */
        SIDECAR,
        /** Guessed from the model's declared input; see {@link TranslatorContract#assumptions()}. */
        INFERRED,
        /** Built in code by the caller (tests, tools). */
        EXPLICIT
    }

    public TranslatorContract {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(colorOrder, "colorOrder");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(source, "source");
        assumptions = assumptions == null ? "" : assumptions;
        if (inputName == null || inputName.isBlank()) {
            throw new ContractException("translator contract needs the model's input tensor name");
        }
        if (outputName == null || outputName.isBlank()) {
            throw new ContractException("translator contract needs the model's output tensor name");
        }
        if (channels != 1 && channels != 3) {
            throw new ContractException("translator contract has " + channels + " channels; image translators take "
                    + "3 (RGB or BGR) or 1 (luma only)");
        }
        if (scale < 1 || scale > 16) {
            throw new ContractException("translator contract has output scale " + scale + "; it must be 1..16");
        }
        if (sizeMultiple < 1) {
            throw new ContractException("translator contract has size multiple " + sizeMultiple + "; it must be >= 1");
        }
        if (minSize < 1) {
            throw new ContractException("translator contract has minimum size " + minSize + "; it must be >= 1");
        }
        boolean hDyn = height == DYNAMIC;
        boolean wDyn = width == DYNAMIC;
        if (hDyn != wDyn) {
            throw new ContractException("translator contract fixes one side only (" + height + "x" + width
                    + "); height and width must both be fixed or both be dynamic (-1)");
        }
        if (!hDyn) {
            if (height < 1 || width < 1) {
                throw new ContractException("translator contract size " + height + "x" + width
                        + " is invalid; use positive sizes or -1 for dynamic");
            }
            if (height % sizeMultiple != 0 || width % sizeMultiple != 0) {
                throw new ContractException("fixed size " + height + "x" + width + " is not a multiple of the declared "
                        + "size multiple " + sizeMultiple);
            }
            if (height < minSize || width < minSize) {
                throw new ContractException("fixed size " + height + "x" + width + " is below the declared minimum size "
                        + minSize);
            }
        }
    }

    /** True when the model takes any (suitably padded) height and width. */
    public boolean isDynamic() {
        return height == DYNAMIC;
    }

    /** True when the model works on the Y of YCbCr only. */
    public boolean isLuma() {
        return channels == 1;
    }

    /** The input tensor shape for a tensor of the given spatial size. */
    public long[] inputShape(int h, int w) {
        return layout.shape(channels, h, w);
    }

    /** The smallest size the model accepts that is >= {@code n}: at least minSize, rounded up to the multiple. */
    public int legalSize(int n) {
        int m = Math.max(n, minSize);
        return ((m + sizeMultiple - 1) / sizeMultiple) * sizeMultiple;
    }

    /** A copy with another source and assumption text. */
    public TranslatorContract withSource(Source newSource, String newAssumptions) {
        return new TranslatorContract(layout, colorOrder, range, height, width, sizeMultiple, minSize, channels, scale,
                inputName, outputName, newSource, newAssumptions);
    }

    /**
     * Checks this contract against what a model declares; throws a {@link ContractException} that names the
     * first mismatch (names, rank, channel axis, fixed sizes, output size against the scale).
     */
    public void checkModel(ModelSignature model) {
        String where = " (model " + model.describe() + ", contract from " + source.name().toLowerCase() + ")";
        if (!inputName.equals(model.inputName())) {
            throw new ContractException("contract input '" + inputName + "' is not the model's input '"
                    + model.inputName() + "'" + where);
        }
        if (!outputName.equals(model.outputName())) {
            throw new ContractException("contract output '" + outputName + "' is not the model's output '"
                    + model.outputName() + "'" + where);
        }
        long[] in = model.inputShape();
        long[] out = model.outputShape();
        if (in.length != 4) {
            throw new ContractException("model input has rank " + in.length + "; image translators need rank 4 ("
                    + layout + ")" + where);
        }
        if (out.length != 4) {
            throw new ContractException("model output has rank " + out.length + "; image translators need rank 4 ("
                    + layout + ")" + where);
        }
        if (in[0] > 1 || out[0] > 1) {
            throw new ContractException("model batch size must be 1 or dynamic" + where);
        }
        int c = layout.channelAxis();
        if (in[c] != DYNAMIC && in[c] != channels) {
            throw new ContractException("model input has " + in[c] + " channels at axis " + c + " but the contract says "
                    + channels + " (" + layout + ")" + where);
        }
        if (out[c] != DYNAMIC && out[c] != channels) {
            throw new ContractException("model output has " + out[c] + " channels at axis " + c
                    + " but the contract says " + channels + " (" + layout + ")" + where);
        }
        long inH = in[layout.heightAxis()];
        long inW = in[layout.widthAxis()];
        if (isDynamic()) {
            if (inH != DYNAMIC || inW != DYNAMIC) {
                throw new ContractException("contract says dynamic size but the model input is fixed at " + inH + "x"
                        + inW + where);
            }
        } else if ((inH != DYNAMIC && inH != height) || (inW != DYNAMIC && inW != width)) {
            throw new ContractException("contract size " + height + "x" + width + " differs from the model input "
                    + inH + "x" + inW + where);
        }
        long outH = out[layout.heightAxis()];
        long outW = out[layout.widthAxis()];
        long expH = inH == DYNAMIC ? (isDynamic() ? DYNAMIC : height) : inH;
        long expW = inW == DYNAMIC ? (isDynamic() ? DYNAMIC : width) : inW;
        if (outH != DYNAMIC && expH != DYNAMIC && outH != expH * scale
                || outW != DYNAMIC && expW != DYNAMIC && outW != expW * scale) {
            throw new ContractException("model output " + outH + "x" + outW + " is inconsistent with scale " + scale
                    + " for input " + expH + "x" + expW + " (expected " + expH * scale + "x" + expW * scale + ")" + where);
        }
    }

    /**
     * Checks the shape of an actual output against the input that produced it, so that a wrong scale (for
     * example an inferred contract on a super-resolution model) stops with a clear message, not garbage.
     */
    public void checkOutput(long[] actual, int inH, int inW) {
        long[] expected = layout.shape(channels, inH * scale, inW * scale);
        boolean ok = actual.length == 4;
        for (int i = 1; ok && i < 4; i++) {
            ok = actual[i] == expected[i];
        }
        if (!ok) {
            String hint = "";
            if (actual.length == 4 && inH > 0 && actual[layout.heightAxis()] % inH == 0
                    && actual[layout.heightAxis()] / inH != scale) {
                hint = "; the model upscales by " + actual[layout.heightAxis()] / inH
                        + " - declare \"scale\" in a sidecar (docs/translate-sidecar.md)";
            }
            throw new ContractException("model output " + ModelSignature.shapeText(actual) + " for input " + inH + "x"
                    + inW + " does not match the contract (expected " + ModelSignature.shapeText(expected) + ", scale "
                    + scale + ")" + hint + (assumptions.isEmpty() ? "" : "; assumed: " + assumptions));
        }
    }

    /**
     * Infers a contract from what the model declares when neither the manifest nor a sidecar describes it.
     * Rules: rank 4; a channel axis of size 1 or 3 at index 1 means NCHW, at index 3 NHWC; fixed sizes are
     * taken as they are; dynamic sizes are padded to a multiple of {@value #DEFAULT_MULTIPLE}; values are
     * assumed to be RGB in [-1,1] (the pix2pix/CycleGAN/AnimeGAN convention); the scale comes from fixed
     * output sizes and is otherwise assumed to be 1 (and checked on every run).
     */
    public static TranslatorContract infer(ModelSignature model) {
        long[] in = model.inputShape();
        long[] out = model.outputShape();
        String what = "model " + model.describe();
        if (in.length != 4) {
            throw new ContractException("cannot infer a translator contract: input has rank " + in.length
                    + ", image translators need rank 4 (" + what + ")");
        }
        TensorLayout layout;
        if (in[1] == 1 || in[1] == 3) {
            layout = TensorLayout.NCHW;
        } else if (in[3] == 1 || in[3] == 3) {
            layout = TensorLayout.NHWC;
        } else {
            throw new ContractException("cannot infer a translator contract: no channel axis of size 1 or 3 at index 1 "
                    + "(NCHW) or 3 (NHWC) in " + what + "; describe the model in a sidecar (docs/translate-sidecar.md)");
        }
        int channels = (int) in[layout.channelAxis()];
        long h = in[layout.heightAxis()];
        long w = in[layout.widthAxis()];
        StringBuilder assumed = new StringBuilder("layout " + layout + " from the channel axis, RGB colour order, values in "
                + "[-1,1] (tanh generators)");
        int height;
        int width;
        int multiple;
        int minSize;
        if (h > 0 && w > 0) {
            height = (int) h;
            width = (int) w;
            multiple = 1;
            minSize = Math.min(height, width);
        } else {
            height = DYNAMIC;
            width = DYNAMIC;
            multiple = DEFAULT_MULTIPLE;
            minSize = DEFAULT_MULTIPLE;
            assumed.append(", dynamic size padded to a multiple of ").append(DEFAULT_MULTIPLE);
        }
        int scale = 1;
        boolean outFixed = out.length == 4 && out[layout.heightAxis()] > 0 && out[layout.widthAxis()] > 0;
        if (outFixed && height > 0) {
            long oh = out[layout.heightAxis()];
            long ow = out[layout.widthAxis()];
            if (oh % height != 0 || ow % width != 0 || oh / height != ow / width) {
                throw new ContractException("cannot infer a translator contract: output " + oh + "x" + ow
                        + " is not a whole multiple of input " + height + "x" + width + " (" + what + ")");
            }
            scale = (int) (oh / height);
        } else {
            assumed.append(", output scale 1 (checked on each run)");
        }
        if (channels == 1) {
            assumed.append(", 1 channel = luma (Y of YCbCr)");
        }
        TranslatorContract c = new TranslatorContract(layout, ColorOrder.RGB, ValueRange.MINUS_ONE_ONE, height, width,
                multiple, minSize, channels, scale, model.inputName(), model.outputName(), Source.INFERRED,
                "no manifest entry or sidecar; inferred " + assumed);
        c.checkModel(model);
        return c;
    }
}
