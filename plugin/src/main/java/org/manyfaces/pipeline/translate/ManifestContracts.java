package org.manyfaces.pipeline.translate;

import java.util.List;
import java.util.Map;

import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelSpec;

/**
 * Turns a manifest entry ({@link ModelSpec} of kind {@code translator}) into a {@link TranslatorContract}.
 *
 * <p>Mapping: the first input's shape gives layout (channel axis 1 = NCHW, 3 = NHWC), channel count and
 * fixed or dynamic size; {@code colourOrder} RGB/BGR, or GRAY for luma-only models; the normalisation must
 * be one of the three ranges a generator uses ({@code range [-1,1] | [0,1] | [0,255]}, or the equivalent
 * mean/std); {@code extras.scale}, {@code extras.sizeMultiple} and {@code extras.minSize} are optional whole
 * numbers (defaults 1, 8 for dynamic models / 1 for fixed, and the multiple).
 */
public final class ManifestContracts {
    private ManifestContracts() {
    }

    public static TranslatorContract fromSpec(ModelSpec spec) {
        String who = "manifest entry '" + spec.id() + "'";
        if (spec.kind() != ModelKind.TRANSLATOR) {
            throw new ContractException(who + " is a " + spec.kind() + ", not a translator");
        }
        if (spec.inputs() == null || spec.inputs().isEmpty() || spec.outputs() == null || spec.outputs().isEmpty()) {
            throw new ContractException(who + " lists no input or output tensor");
        }
        ModelSpec.TensorEntry in = spec.inputs().get(0);
        ModelSpec.TensorEntry out = spec.outputs().get(0);
        List<Long> shape = in.shape();
        if (shape == null || shape.size() != 4) {
            throw new ContractException(who + ": input '" + in.name() + "' must have a rank-4 shape, got " + shape);
        }
        boolean gray = "GRAY".equals(spec.colourOrder());
        int expectChannels = gray ? 1 : 3;
        TensorLayout layout;
        if (shape.get(1) == expectChannels) {
            layout = TensorLayout.NCHW;
        } else if (shape.get(3) == expectChannels) {
            layout = TensorLayout.NHWC;
        } else {
            throw new ContractException(who + ": colour order " + spec.colourOrder() + " needs " + expectChannels
                    + " channel(s) at axis 1 or 3 of " + shape);
        }
        long h = shape.get(layout.heightAxis());
        long w = shape.get(layout.widthAxis());
        boolean fixed = h > 0 && w > 0;
        int scale = extraInt(spec, "scale", 1);
        int multiple = extraInt(spec, "sizeMultiple", fixed ? 1 : TranslatorContract.DEFAULT_MULTIPLE);
        int minSize = extraInt(spec, "minSize", fixed ? (int) Math.min(h, w) : multiple);
        ColorOrder order = "BGR".equals(spec.colourOrder()) ? ColorOrder.BGR : ColorOrder.RGB;
        try {
            return new TranslatorContract(layout, order, range(spec, who), fixed ? (int) h : -1, fixed ? (int) w : -1,
                    multiple, minSize, expectChannels, scale, in.name(), out.name(), TranslatorContract.Source.MANIFEST,
                    "");
        } catch (ContractException e) {
            throw new ContractException(who + ": " + e.getMessage(), e);
        }
    }

    private static ValueRange range(ModelSpec spec, String who) {
        ModelSpec.Normalisation n = spec.normalisation();
        if (n == null) {
            throw new ContractException(who + " has no normalisation");
        }
        // Every channel must agree: generators use one range for all channels.
        double mean = n.meanOf(0);
        double std = n.stdOf(0);
        for (int c = 1; c < 3; c++) {
            if (Math.abs(n.meanOf(c) - mean) > 1e-6 || Math.abs(n.stdOf(c) - std) > 1e-6) {
                throw new ContractException(who + ": per-channel normalisation is not supported by the translator");
            }
        }
        // On the 0..255 scale: value = (p - mean) / std.
        for (ValueRange r : ValueRange.values()) {
            double rStd = 255.0 / r.scale();
            double rMean = -r.offset() * rStd;
            if (Math.abs(std - rStd) < 1e-3 && Math.abs(mean - rMean) < 1e-3) {
                return r;
            }
        }
        throw new ContractException(who + ": normalisation mean " + mean + " std " + std + " (0..255 scale) is not "
                + "one of [-1,1], [0,1], [0,255]");
    }

    private static int extraInt(ModelSpec spec, String key, int fallback) {
        Map<String, Object> extras = spec.extras();
        Object v = extras == null ? null : extras.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            return num.intValue();
        }
        throw new ContractException("manifest entry '" + spec.id() + "': extras." + key + " must be a whole number, got "
                + v);
    }
}
