package org.manyfaces.pipeline.translate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * Reads the translator contract a user puts next to their own model, so that a model the manifest does
 * not know can still be run correctly.
 *
 * <p>The sidecar is {@code <model file name>.json} (e.g. {@code face_paint.onnx.json}) or, failing that, the
 * model name with {@code .json} instead of {@code .onnx} ({@code face_paint.json}). Every key is optional;
 * a missing key is taken from what the model declares (as {@link TranslatorContract#infer} would).
 * Unknown keys are an error, so a typo does not silently fall back to a guess. Example for an AnimeGANv2
 * TensorFlow export:
 *
 * <pre>{@code
 * {
 *   "layout": "NHWC",            // NCHW | NHWC
 *   "colorOrder": "RGB",         // RGB | BGR
 *   "range": "MINUS_ONE_ONE",    // MINUS_ONE_ONE (tanh) | ZERO_ONE | ZERO_255
 *   "height": -1, "width": -1,   // fixed input size, or -1 for dynamic
 *   "sizeMultiple": 32,          // dynamic sizes are padded up to a multiple of this
 *   "minSize": 256,              // smallest side the model accepts
 *   "channels": 3,               // 3 = colour; 1 = luma (Y in, Y out; chroma from a bicubic upscale)
 *   "scale": 1,                  // output size / input size (2, 3, 4 for super-resolution)
 *   "input": "generator_input:0",
 *   "output": "generator/G_MODEL/out_layer/Tanh:0"
 * }
 * }</pre>
 *
 * (JSON has no comments; they are here only to explain.) See {@code docs/translate-sidecar.md}.
 */
public final class ContractSidecar {
    private static final Set<String> KEYS = Set.of("layout", "colorOrder", "range", "height", "width",
            "sizeMultiple", "minSize", "channels", "scale", "input", "output", "note");

    private ContractSidecar() {
    }

    /** The sidecar file for a model, if one exists: {@code model.onnx.json} first, then {@code model.json}. */
    public static Optional<Path> find(Path model) {
        Path dir = model.toAbsolutePath().getParent();
        String name = model.getFileName().toString();
        Path full = dir.resolve(name + ".json");
        if (Files.isRegularFile(full)) {
            return Optional.of(full);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Path stem = dir.resolve(name.substring(0, dot) + ".json");
            if (Files.isRegularFile(stem)) {
                return Optional.of(stem);
            }
        }
        return Optional.empty();
    }

    /**
     * The {@code input} and {@code output} tensor names a sidecar gives (either may be null), so that the
     * right tensors of a model with several inputs or outputs are described before the contract is read.
     */
    public static String[] tensorNames(Path sidecar) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(sidecar, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new ContractException("translator sidecar " + sidecar + " must hold a JSON object");
            }
            JsonObject o = e.getAsJsonObject();
            return new String[] {stringValue(o, "input", null, sidecar.toString()),
                stringValue(o, "output", null, sidecar.toString())};
        } catch (IOException | JsonParseException e) {
            throw new ContractException("cannot read translator sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }

    /** Reads a sidecar file and completes it from the model's declared shapes. */
    public static TranslatorContract read(Path sidecar, ModelSignature model) {
        String text;
        try {
            text = Files.readString(sidecar, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContractException("cannot read translator sidecar " + sidecar + ": " + e.getMessage(), e);
        }
        return parse(text, model, sidecar.toString());
    }

    /** Parses sidecar JSON text; {@code origin} names it in error messages. */
    public static TranslatorContract parse(String json, ModelSignature model, String origin) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new ContractException("translator sidecar " + origin + " must hold a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ContractException("translator sidecar " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new ContractException("unknown key '" + e.getKey() + "' in translator sidecar " + origin
                        + "; known keys: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        TranslatorContract base = null;
        ContractException inferFailure = null;
        try {
            base = TranslatorContract.infer(model);
        } catch (ContractException e) {
            inferFailure = e;
        }
        long[] in = model.inputShape();
        if (in.length != 4) {
            throw new ContractException("model input has rank " + in.length + "; image translators need rank 4 (sidecar "
                    + origin + ", model " + model.describe() + ")");
        }
        TensorLayout layout = enumValue(o, "layout", TensorLayout.class, base == null ? null : base.layout(), origin);
        if (layout == null) {
            throw new ContractException("translator sidecar " + origin + " has no \"layout\" and the model does not show "
                    + "one: " + inferFailure.getMessage());
        }
        long declaredC = in[layout.channelAxis()];
        int channels = intValue(o, "channels", base != null && base.layout() == layout ? base.channels()
                : (int) declaredC, origin);
        long dh = in[layout.heightAxis()];
        long dw = in[layout.widthAxis()];
        boolean declaredFixed = dh > 0 && dw > 0;
        int height = intValue(o, "height", declaredFixed ? (int) dh : TranslatorContract.DYNAMIC, origin);
        int width = intValue(o, "width", declaredFixed ? (int) dw : TranslatorContract.DYNAMIC, origin);
        boolean fixed = height > 0 && width > 0;
        int multiple = intValue(o, "sizeMultiple", fixed ? 1 : TranslatorContract.DEFAULT_MULTIPLE, origin);
        int minSize = intValue(o, "minSize", fixed ? Math.min(height, width) : multiple, origin);
        int scale = intValue(o, "scale", base != null && base.layout() == layout ? base.scale() : 1, origin);
        ColorOrder order = enumValue(o, "colorOrder", ColorOrder.class, ColorOrder.RGB, origin);
        ValueRange range = enumValue(o, "range", ValueRange.class, ValueRange.MINUS_ONE_ONE, origin);
        String input = stringValue(o, "input", model.inputName(), origin);
        String output = stringValue(o, "output", model.outputName(), origin);
        StringBuilder assumed = new StringBuilder();
        if (!o.has("range")) {
            assumed.append("values in [-1,1]");
        }
        if (!o.has("colorOrder")) {
            assumed.append(assumed.length() > 0 ? ", " : "").append("RGB colour order");
        }
        TranslatorContract c;
        try {
            c = new TranslatorContract(layout, order, range, height, width, multiple, minSize, channels, scale, input,
                    output, TranslatorContract.Source.SIDECAR,
                    assumed.length() == 0 ? "" : "sidecar " + origin + " leaves out: " + assumed);
        } catch (ContractException e) {
            throw new ContractException("translator sidecar " + origin + ": " + e.getMessage(), e);
        }
        c.checkModel(model);
        return c;
    }

    private static JsonPrimitive primitive(JsonObject o, String key, String origin) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw new ContractException("\"" + key + "\" in translator sidecar " + origin + " must be a plain value, got "
                    + e);
        }
        return e.getAsJsonPrimitive();
    }

    private static int intValue(JsonObject o, String key, int fallback, String origin) {
        JsonPrimitive p = primitive(o, key, origin);
        if (p == null) {
            return fallback;
        }
        if (!p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())) {
            throw new ContractException("\"" + key + "\" in translator sidecar " + origin + " must be a whole number, got "
                    + p);
        }
        return p.getAsInt();
    }

    private static String stringValue(JsonObject o, String key, String fallback, String origin) {
        JsonPrimitive p = primitive(o, key, origin);
        if (p == null) {
            return fallback;
        }
        if (!p.isString()) {
            throw new ContractException("\"" + key + "\" in translator sidecar " + origin + " must be a string, got " + p);
        }
        return p.getAsString();
    }

    private static <E extends Enum<E>> E enumValue(JsonObject o, String key, Class<E> type, E fallback, String origin) {
        String s = stringValue(o, key, null, origin);
        if (s == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : " | ").append(v.name());
            }
            throw new ContractException("\"" + key + "\" in translator sidecar " + origin + " is '" + s + "'; use "
                    + allowed, e);
        }
    }
}
