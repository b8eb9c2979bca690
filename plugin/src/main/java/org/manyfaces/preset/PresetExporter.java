package org.manyfaces.preset;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PathRole;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.inference.ModelCatalogue;

/**
 * Captures the current look of an effect instance as a {@link Preset}: every parameter's value, and for
 * animated ones every keyframe (time, value, interpolation) read with the host's key calls. File paths
 * become references (see {@link FileReferences}); the preset controls and status lines are left out.
 */
public final class PresetExporter {
    /** Relative tolerance when deciding whether a host curve is linear between two keys. */
    private static final double CURVE_TOLERANCE = 1e-7;
    private static final double[] SAMPLES = {0.25, 0.5, 0.75};

    private final FileReferences references;

    public PresetExporter(ModelCatalogue models) {
        this.references = new FileReferences(models);
    }

    /**
     * The preset of {@code params} (effect {@code effectId}, table {@code table}) with constant values read at
     * {@code time}. File-path params whose files are missing are left out with a warning.
     */
    public Preset export(String effectId, ParamTable table, EditableParams params, double time, String name,
                         String description) {
        Map<String, JsonObject> entries = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (ParamSpec spec : table.rows()) {
            if (!spec.type().hasValue() || PresetControls.isPresetControl(spec.id())) {
                continue;
            }
            if (spec.type() == ParamType.STRING) {
                if (spec.stringKind() == StringKind.LABEL) {
                    continue;
                }
                if (spec.stringKind() == StringKind.FILE_PATH && spec.pathRole() == PathRole.MACHINE) {
                    continue;
                }
                JsonObject entry = spec.stringKind() == StringKind.FILE_PATH
                        ? pathEntry(effectId, spec, params.getString(spec.id(), time), warnings)
                        : valueEntry(new JsonPrimitive(params.getString(spec.id(), time)));
                if (entry != null) {
                    entries.put(spec.id(), entry);
                }
                continue;
            }
            JsonObject entry = valueEntry(read(spec, params, time));
            if (spec.type() == ParamType.CHOICE) {
                // A choice naming a manifest model carries the model's id and hash (checked on import).
                spec.optionModel(params.getChoice(spec.id(), time))
                        .flatMap(references.models()::byId).ifPresent(m -> {
                            JsonObject ref = new JsonObject();
                            ref.addProperty("id", m.id());
                            if (m.sha256() != null) {
                                ref.addProperty("sha256", m.sha256());
                            }
                            entry.add("model", ref);
                        });
            }
            int n = spec.animates() ? params.keyCount(spec.id()) : 0;
            if (n > 0) {
                double[] times = new double[n];
                for (int i = 0; i < n; i++) {
                    times[i] = params.keyTime(spec.id(), i);
                }
                JsonArray keys = new JsonArray();
                for (int i = 0; i < n; i++) {
                    JsonObject k = new JsonObject();
                    k.add("t", new JsonPrimitive(times[i]));
                    k.add("v", read(spec, params, times[i]));
                    k.addProperty("interpolation", interpolation(spec, params, times, i).jsonName());
                    keys.add(k);
                }
                entry.add("keys", keys);
            }
            entries.put(spec.id(), entry);
        }
        return new Preset(effectId, name, description, PresetFormat.manyFacesVersion(), entries, null, warnings);
    }

    private static JsonObject valueEntry(JsonElement value) {
        JsonObject o = new JsonObject();
        o.add("value", value);
        return o;
    }

    private JsonObject pathEntry(String effectId, ParamSpec spec, String value, List<String> warnings) {
        JsonObject o = new JsonObject();
        if (value.isBlank()) {
            o.addProperty("value", "");
            return o;
        }
        PathRole role = spec.pathRole();
        List<Path> files = new ArrayList<>();
        for (String part : role == PathRole.MODEL ? List.of(value) : List.of(value.split(";"))) {
            if (part.isBlank()) {
                continue;
            }
            Path p;
            try {
                p = Path.of(part.strip());
            } catch (InvalidPathException e) {
                warnings.add("'" + spec.id() + "' holds '" + part + "', which is not a valid path; left out");
                return null;
            }
            if (!Files.isRegularFile(p)) {
                warnings.add("'" + spec.id() + "' names " + p + ", which does not exist; left out of the preset");
                return null;
            }
            files.add(p);
        }
        if (role == PathRole.MODEL) {
            o.add("model", references.modelReference(files.get(0)));
        } else {
            JsonArray a = new JsonArray();
            files.forEach(f -> a.add(FileReferences.fileReference(f)));
            o.add("files", a);
        }
        return o;
    }

    private static JsonElement read(ParamSpec spec, EditableParams params, double time) {
        return switch (spec.type()) {
            case DOUBLE -> new JsonPrimitive(params.getDouble(spec.id(), time));
            case INT -> new JsonPrimitive(params.getInt(spec.id(), time));
            case BOOL -> new JsonPrimitive(params.getBool(spec.id(), time));
            case CHOICE -> {
                int i = params.getChoice(spec.id(), time);
                if (i < 0 || i >= spec.choices().size()) {
                    throw new PresetException("params." + spec.id(), "the host reports option " + i
                            + ", which this effect does not have");
                }
                yield new JsonPrimitive(spec.choices().get(i));
            }
            default -> throw new IllegalStateException(spec.type() + " has no numeric value");
        };
    }

    /**
     * The interpolation from key {@code i} to the next. In memory it is known; over OFX it is measured:
     * the host's curve is sampled inside the segment and compared with a straight line and with a hold.
     */
    private static Interpolation interpolation(ParamSpec spec, EditableParams params, double[] times, int i) {
        if (params instanceof InMemoryParams mem) {
            return mem.interpolation(spec.id(), times[i]);
        }
        if (spec.type() == ParamType.BOOL || spec.type() == ParamType.CHOICE) {
            return Interpolation.CONSTANT;
        }
        if (i + 1 >= times.length) {
            return i > 0 ? interpolation(spec, params, times, i - 1) : Interpolation.LINEAR;
        }
        double t0 = times[i];
        double t1 = times[i + 1];
        double v0 = number(spec, params, t0);
        double v1 = number(spec, params, t1);
        double tol = CURVE_TOLERANCE * Math.max(1, Math.max(Math.abs(v0), Math.abs(v1)));
        boolean linear = true;
        boolean hold = true;
        for (double f : SAMPLES) {
            double v = number(spec, params, t0 + f * (t1 - t0));
            double line = v0 + f * (v1 - v0);
            if (spec.type() == ParamType.INT) {
                line = Math.floor(line + 0.5);
            }
            linear &= Math.abs(v - line) <= tol;
            hold &= Math.abs(v - v0) <= tol;
        }
        return linear ? Interpolation.LINEAR : hold ? Interpolation.CONSTANT : Interpolation.SMOOTH;
    }

    private static double number(ParamSpec spec, EditableParams params, double t) {
        return spec.type() == ParamType.DOUBLE ? params.getDouble(spec.id(), t) : params.getInt(spec.id(), t);
    }
}
