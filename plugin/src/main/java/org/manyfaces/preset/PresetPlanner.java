package org.manyfaces.preset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PathRole;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.inference.ModelCatalogue;

/**
 * Checks a {@link Preset} against an effect's parameter table and resolves its file references, producing
 * a {@link PresetPlan}. All checking happens here, before anything is applied.
 *
 * <p>Rules (README, "Presets"): values outside a parameter's range are <b>refused</b>, never clamped, so a
 * preset never silently means something else; wrong types, unknown choice labels, bad keyframes, bare or
 * escaping paths and missing models are refused too. Parameters this effect does not have, and status
 * lines, are skipped with a warning (presets from newer versions still load). Source faces that cannot be
 * found with the same content are skipped with a warning: faces are personal and often not shared.
 */
public final class PresetPlanner {
    private static final Set<String> ENTRY_FIELDS = Set.of("value", "keys", "files", "model");

    private final FileReferences references;
    private final boolean missingModelsAreWarnings;

    /** A planner for applying: every referenced model must be installed, with the same content. */
    public PresetPlanner(ModelCatalogue models) {
        this(models, false);
    }

    private PresetPlanner(ModelCatalogue models, boolean missingModelsAreWarnings) {
        this.references = new FileReferences(models);
        this.missingModelsAreWarnings = missingModelsAreWarnings;
    }

    /**
     * A planner for showing a preset ({@code manyfaces preset show}): showing needs no model, so a model that
     * is not installed here is a warning (with the command that installs it) instead of a refusal. Every other
     * check, a different build of an installed model included, still refuses.
     */
    public static PresetPlanner forShowing(ModelCatalogue models) {
        return new PresetPlanner(models, true);
    }

    /** Resolves a model reference; in a planner for showing, a model that is not installed becomes a warning. */
    private Optional<Path> resolveModel(JsonElement ref, String path, Path presetFolder, List<String> warnings) {
        try {
            return Optional.of(references.resolveModel(ref, path, presetFolder));
        } catch (PresetException e) {
            if (!missingModelsAreWarnings || !e.isModelNotInstalled()) {
                throw e;
            }
            warnings.add(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The plan for {@code preset} on effect {@code effectId} with table {@code table}.
     *
     * @param presetFolder folder of the preset file (searched for faces and custom models), or null
     * @param faceFolders  further folders searched for referenced faces (e.g. the current faces' folder)
     */
    public PresetPlan plan(Preset preset, String effectId, ParamTable table, Path presetFolder, List<Path> faceFolders) {
        if (!preset.effectId().equals(effectId)) {
            throw new PresetException("effect", "the preset is for " + preset.effectId() + ", not for " + effectId);
        }
        List<String> warnings = new ArrayList<>(preset.warnings());
        List<PresetPlan.ParamWrite> writes = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : preset.params().entrySet()) {
            String id = e.getKey();
            String path = "params." + id;
            if (PresetControls.isPresetControl(id)) {
                warnings.add(path + ": preset controls are not part of a look; skipped");
                continue;
            }
            ParamSpec spec;
            try {
                spec = table.get(id);
            } catch (IllegalArgumentException unknown) {
                warnings.add(path + ": this version of " + effectId + " has no parameter '" + id + "'; skipped");
                continue;
            }
            if (!spec.type().hasValue()) {
                throw new PresetException(path, "'" + id + "' is a " + spec.type() + " and holds no value");
            }
            if (spec.type() == ParamType.STRING && spec.stringKind() == StringKind.LABEL) {
                warnings.add(path + ": '" + id + "' is a status line, not part of a look; skipped");
                continue;
            }
            JsonObject entry = e.getValue();
            for (String field : entry.keySet()) {
                if (!ENTRY_FIELDS.contains(field)) {
                    warnings.add(path + "." + field + ": unknown field kept and ignored");
                }
            }
            planEntry(effectId, spec, entry, path, presetFolder, faceFolders, warnings).ifPresent(writes::add);
        }
        // Table order: the order a host shows them, and independent of the file's order.
        writes.sort((a, b) -> Integer.compare(table.indexOf(a.spec().id()), table.indexOf(b.spec().id())));
        return new PresetPlan(preset, writes, warnings);
    }

    private Optional<PresetPlan.ParamWrite> planEntry(String effectId, ParamSpec spec, JsonObject entry, String path,
                                                      Path presetFolder, List<Path> faceFolders,
                                                      List<String> warnings) {
        if (spec.type() == ParamType.STRING && spec.stringKind() == StringKind.FILE_PATH) {
            return planPath(effectId, spec, entry, path, presetFolder, faceFolders, warnings);
        }
        if (entry.has("files")) {
            throw new PresetException(path + ".files", "only file-path parameters take \"files\"; '" + spec.id()
                    + "' is a " + spec.type());
        }
        Object value = entry.has("value") ? value(spec, entry.get("value"), path + ".value") : null;
        if (entry.has("model")) {
            checkChosenModel(effectId, spec, value, entry.get("model"), path, presetFolder, warnings);
        }
        List<PresetPlan.Key> keys = entry.has("keys") ? keys(spec, entry.get("keys"), path + ".keys") : List.of();
        if (value == null && keys.isEmpty()) {
            throw new PresetException(path, entry.has("keys") ? "has an empty \"keys\" list and no \"value\""
                    : "has neither \"value\" nor \"keys\"");
        }
        if (!keys.isEmpty() && !spec.animates()) {
            warnings.add(path + ".keys: '" + spec.id() + "' does not animate in this effect; "
                    + (value != null ? "its \"value\" is used" : "the first key's value is used"));
            return Optional.of(new PresetPlan.ParamWrite(spec, value != null ? value : keys.get(0).value(), List.of()));
        }
        return Optional.of(new PresetPlan.ParamWrite(spec, value != null ? value : keys.get(0).value(), keys));
    }

    /**
     * A choice that names a manifest model carries the model's reference: it must be the chosen option's
     * model, installed, with the same content.
     */
    private void checkChosenModel(String effectId, ParamSpec spec, Object value, JsonElement ref, String path,
                                  Path presetFolder, List<String> warnings) {
        if (spec.type() != ParamType.CHOICE || !(value instanceof Integer option)) {
            throw new PresetException(path + ".model", "only file-path parameters and model choices with a \"value\" "
                    + "take \"model\"; '" + spec.id() + "' is a " + spec.type());
        }
        Optional<String> id = spec.optionModel(option);
        if (id.isEmpty()) {
            throw new PresetException(path + ".model", "option '" + spec.choices().get(option) + "' of '" + spec.id()
                    + "' is not a manifest model");
        }
        if (ref != null && ref.isJsonObject() && ref.getAsJsonObject().has("id")) {
            String named = Json.asString(ref.getAsJsonObject().get("id"), path + ".model.id");
            if (!named.equals(id.get())) {
                throw new PresetException(path + ".model.id", "names model '" + named + "', but option '"
                        + spec.choices().get(option) + "' is model '" + id.get() + "'");
            }
        } else {
            throw new PresetException(path + ".model", "a model choice names its manifest model: {\"id\": \""
                    + id.get() + "\", \"sha256\": ...}");
        }
        resolveModel(ref, path + ".model", presetFolder, warnings);
    }

    private Optional<PresetPlan.ParamWrite> planPath(String effectId, ParamSpec spec, JsonObject entry, String path,
                                                     Path presetFolder, List<Path> faceFolders, List<String> warnings) {
        if (entry.has("keys")) {
            throw new PresetException(path + ".keys", "file paths do not animate");
        }
        PathRole role = spec.pathRole();
        if (role == PathRole.MACHINE) {
            warnings.add(path + ": '" + spec.id() + "' is a setting of this machine, not part of a look; skipped");
            return Optional.empty();
        }
        String other = role == PathRole.MODEL ? "files" : "model";
        if (entry.has(other)) {
            throw new PresetException(path + "." + other, "'" + spec.id() + "' takes "
                    + (role == PathRole.MODEL ? "\"model\"" : "\"files\"") + ", not \"" + other + "\"");
        }
        String field = role == PathRole.MODEL ? "model" : "files";
        if (entry.has("value")) {
            String v = Json.asString(entry.get("value"), path + ".value");
            if (!v.isEmpty()) {
                throw new PresetException(path + ".value", "a preset never holds a file path ('" + abbreviate(v)
                        + "'); use \"" + field + "\" with name and SHA-256 so the preset works on other machines");
            }
            if (entry.has(field)) {
                throw new PresetException(path, "has both an empty \"value\" and \"" + field + "\"");
            }
            return Optional.of(new PresetPlan.ParamWrite(spec, "", List.of()));
        }
        if (!entry.has(field)) {
            throw new PresetException(path, "has neither \"" + field + "\" nor \"value\": \"\"");
        }
        if (role == PathRole.MODEL) {
            return resolveModel(entry.get("model"), path + ".model", presetFolder, warnings)
                    .map(model -> new PresetPlan.ParamWrite(spec, model.toString(), List.of()));
        }
        List<FileReferences.FileRef> refs = FileReferences.parseFiles(entry.get("files"), path + ".files");
        List<Path> folders = new ArrayList<>();
        if (presetFolder != null) {
            folders.add(presetFolder);
        }
        folders.addAll(faceFolders);
        List<String> found = new ArrayList<>();
        for (FileReferences.FileRef ref : refs) {
            Optional<Path> p = FileReferences.locateFile(ref, folders);
            if (p.isEmpty()) {
                warnings.add(path + ".files: '" + ref.name() + "' (SHA-256 " + ref.sha256().substring(0, 12)
                        + "...) was not found with that content next to the preset or in " + faceFolders
                        + "; '" + spec.id() + "' is left as it is - choose the file by hand");
                return Optional.empty();
            }
            found.add(p.get().toString());
        }
        return Optional.of(new PresetPlan.ParamWrite(spec, String.join(";", found), List.of()));
    }

    /** One value of {@code spec}'s type, in range. */
    static Object value(ParamSpec spec, JsonElement e, String path) {
        switch (spec.type()) {
            case DOUBLE -> {
                double d = Json.asNumber(e, path);
                checkRange(spec, d, path);
                return d;
            }
            case INT -> {
                double d = Json.asNumber(e, path);
                if (d != Math.rint(d)) {
                    throw new PresetException(path, "'" + spec.id() + "' is a whole number, found " + e);
                }
                checkRange(spec, d, path);
                return (int) d;
            }
            case BOOL -> {
                return Json.asBoolean(e, path);
            }
            case CHOICE -> {
                String label = Json.asString(e, path);
                int index = spec.choices().indexOf(label);
                if (index < 0) {
                    throw new PresetException(path, "'" + abbreviate(label) + "' is not an option of '" + spec.id()
                            + "'; options: " + String.join(" | ", spec.choices()));
                }
                return index;
            }
            case STRING -> {
                return Json.asString(e, path);
            }
            default -> throw new PresetException(path, "'" + spec.id() + "' holds no value");
        }
    }

    private static void checkRange(ParamSpec spec, double d, String path) {
        if (d < spec.min() || d > spec.max()) {
            throw new PresetException(path, d + " is outside the range of '" + spec.id() + "' [" + fmt(spec.min())
                    + ", " + fmt(spec.max()) + "] (presets are not clamped)");
        }
    }

    private static List<PresetPlan.Key> keys(ParamSpec spec, JsonElement e, String path) {
        if (!e.isJsonArray()) {
            throw new PresetException(path, "must be an array of {\"t\": ..., \"v\": ...}, found " + Json.describe(e));
        }
        if (spec.type() == ParamType.STRING) {
            throw new PresetException(path, "text parameters do not animate");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() > PresetFormat.MAX_KEYS) {
            throw new PresetException(path, a.size() + " keys; at most " + PresetFormat.MAX_KEYS + " per parameter");
        }
        List<PresetPlan.Key> keys = new ArrayList<>(a.size());
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            String p = path + "[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                throw new PresetException(p, "must be {\"t\": ..., \"v\": ...}, found " + Json.describe(a.get(i)));
            }
            JsonObject k = a.get(i).getAsJsonObject();
            if (!k.has("t")) {
                throw new PresetException(p + ".t", "is missing");
            }
            if (!k.has("v")) {
                throw new PresetException(p + ".v", "is missing");
            }
            double t = Json.asNumber(k.get("t"), p + ".t");
            if (Math.abs(t) > 1e9) {
                throw new PresetException(p + ".t", "time " + t + " is beyond +-1e9 frames");
            }
            if (!(t > previous)) {
                throw new PresetException(p + ".t", "key times must increase strictly; " + t + " follows " + previous);
            }
            previous = t;
            Object v = value(spec, k.get("v"), p + ".v");
            Interpolation interp = Interpolation.LINEAR;
            if (k.has("interpolation")) {
                String s = Json.asString(k.get("interpolation"), p + ".interpolation");
                interp = Interpolation.fromJson(s);
                if (interp == null) {
                    throw new PresetException(p + ".interpolation", "'" + abbreviate(s)
                            + "' is not one of linear | constant | smooth");
                }
            }
            keys.add(new PresetPlan.Key(t, v, interp));
        }
        return keys;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
