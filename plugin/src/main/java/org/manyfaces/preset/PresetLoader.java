package org.manyfaces.preset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads preset files: size limit, strict JSON (see {@link PresetJsonReader}), schema migration, and the
 * document-level fields. Parameter entries are checked against an effect later, by {@link PresetPlanner}.
 * Every failure is a {@link PresetException} naming the file, the field and the reason.
 */
public final class PresetLoader {
    private static final Set<String> KNOWN = Set.of("format", "schemaVersion", "effect", "manyfacesVersion", "name",
            "description", "params");

    private final PresetMigrations migrations;

    public PresetLoader() {
        this(PresetMigrations.standard());
    }

    public PresetLoader(PresetMigrations migrations) {
        this.migrations = migrations;
    }

    /** Reads and checks {@code file}. */
    public Preset load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new PresetException(source, "", Files.exists(file) ? "is not a regular file" : "no such file", null);
            }
            long size = Files.size(file);
            if (size > PresetFormat.MAX_BYTES) {
                throw new PresetException(source, "", "file is " + size + " bytes; presets are limited to "
                        + PresetFormat.MAX_BYTES + " bytes (1 MiB)", null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // Read one byte past the limit: the file may have grown since size() was asked.
                bytes = in.readNBytes(PresetFormat.MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new PresetException(source, "", "no such file", e);
        } catch (IOException e) {
            throw new PresetException(source, "", "cannot be read: " + e.getMessage(), e);
        }
        return parse(bytes, source);
    }

    /** Reads and checks preset bytes; {@code source} names them in messages. */
    public Preset parse(byte[] bytes, String source) {
        try {
            return parse(PresetJsonReader.read(bytes));
        } catch (PresetException e) {
            throw e.in(source);
        }
    }

    private Preset parse(JsonObject doc) {
        List<String> warnings = new ArrayList<>();
        String format = Json.requireString(doc, "format", "");
        if (!PresetFormat.FORMAT.equals(format)) {
            throw new PresetException("format", "is '" + format + "'; a ManyFaces preset says '" + PresetFormat.FORMAT
                    + "'");
        }
        int version = Json.requireInt(doc, "schemaVersion", "");
        if (version < 0) {
            throw new PresetException("schemaVersion", "must be a positive whole number, found " + version);
        }
        if (version > migrations.current()) {
            warnings.add("written with preset schema " + version + " by a newer ManyFaces; this one reads schema "
                    + migrations.current() + " and ignores what it does not know");
        } else {
            warnings.addAll(migrations.upgrade(doc, version));
        }
        String effect = Json.requireString(doc, "effect", "");
        if (!effect.matches("[A-Za-z0-9_.\\-]+")) {
            throw new PresetException("effect", "'" + effect + "' is not an effect id such as org.manyfaces.FaceSwap");
        }
        String name = Json.optionalString(doc, "name", "");
        String description = Json.optionalString(doc, "description", "");
        String version2 = Json.optionalString(doc, "manyfacesVersion", "");
        JsonElement paramsEl = doc.get("params");
        if (paramsEl == null || !paramsEl.isJsonObject()) {
            throw new PresetException("params", paramsEl == null ? "is missing" : "must be an object of parameter "
                    + "entries, found " + Json.describe(paramsEl));
        }
        Map<String, JsonObject> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : paramsEl.getAsJsonObject().entrySet()) {
            if (!e.getValue().isJsonObject()) {
                throw new PresetException("params." + e.getKey(), "must be an object such as {\"value\": ...}, found "
                        + Json.describe(e.getValue()));
            }
            params.put(e.getKey(), e.getValue().getAsJsonObject());
        }
        JsonObject unknown = new JsonObject();
        for (Map.Entry<String, JsonElement> e : doc.entrySet()) {
            if (!KNOWN.contains(e.getKey())) {
                unknown.add(e.getKey(), e.getValue());
                warnings.add("unknown field '" + e.getKey() + "' kept and ignored (written by a newer ManyFaces?)");
            }
        }
        return new Preset(effect, name, description, version2, params, unknown, warnings);
    }
}
