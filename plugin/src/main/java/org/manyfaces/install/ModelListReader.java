package org.manyfaces.install;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads the download facts of every model from {@code models/manifest.json} into {@link ModelDownload}s.
 *
 * <p>Only the fields the installer needs are read (id, file, size, sha256, verified, releases, urls, licence);
 * the I/O
 * contract and everything else belong to the inference side. The reader accepts the licence either as
 * an object {@code {"name": "...", "commercial": true|false|"y"|"n"}} or as a string with a separate
 * {@code commercial} field, so the installer does not break when the manifest's shape is refined.
 */
public final class ModelListReader {
    private ModelListReader() {
    }

    /** Reads a manifest file: an object with a {@code models} array, or a bare array of models. */
    public static List<ModelDownload> read(Path manifest) throws IOException {
        try (Reader r = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            return parse(JsonParser.parseReader(r), manifest.toString());
        } catch (JsonParseException e) {
            throw new IOException("manifest " + manifest + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses manifest JSON text; {@code where} names the source in error messages. */
    public static List<ModelDownload> parse(String json, String where) throws IOException {
        try {
            return parse(JsonParser.parseString(json), where);
        } catch (JsonParseException e) {
            throw new IOException("manifest " + where + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<ModelDownload> parse(JsonElement root, String where) throws IOException {
        JsonArray models;
        if (root.isJsonArray()) {
            models = root.getAsJsonArray();
        } else if (root.isJsonObject() && root.getAsJsonObject().has("models")
                && root.getAsJsonObject().get("models").isJsonArray()) {
            models = root.getAsJsonObject().getAsJsonArray("models");
        } else {
            throw new IOException("manifest " + where + " has no 'models' array");
        }
        List<ModelDownload> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            if (!models.get(i).isJsonObject()) {
                throw new IOException("manifest " + where + ": models[" + i + "] is not an object");
            }
            try {
                out.add(toDownload(models.get(i).getAsJsonObject()));
            } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
                throw new IOException("manifest " + where + ": models[" + i + "]: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ModelDownload toDownload(JsonObject m) {
        String id = string(m, "id");
        String file = string(m, "file");
        if (file == null) {
            file = string(m, "fileName");
        }
        List<ModelDownload.Release> releases = new ArrayList<>();
        JsonElement rs = m.get("releases");
        if (rs != null && !rs.isJsonNull()) {
            if (!rs.isJsonArray()) {
                throw new IllegalArgumentException("'releases' must be a list");
            }
            for (JsonElement e : rs.getAsJsonArray()) {
                if (!e.isJsonObject()) {
                    throw new IllegalArgumentException("each of 'releases' must be an object");
                }
                JsonObject r = e.getAsJsonObject();
                releases.add(new ModelDownload.Release(string(r, "origin"), size(r), string(r, "sha256"),
                        Boolean.TRUE.equals(flag(r, "verified"))));
            }
        }
        if (releases.isEmpty() && (size(m).isPresent() || string(m, "sha256") != null)) {
            // The single-release form; manifests older than the "verified" field only pinned checked hashes.
            Boolean verified = flag(m, "verified");
            String sha = string(m, "sha256");
            releases.add(new ModelDownload.Release("manifest", size(m), sha,
                    sha != null && (verified == null || verified)));
        }
        List<URI> urls = new ArrayList<>();
        if (m.has("urls") && m.get("urls").isJsonArray()) {
            for (JsonElement u : m.getAsJsonArray("urls")) {
                urls.add(URI.create(u.getAsString()));
            }
        } else if (string(m, "url") != null) {
            urls.add(URI.create(string(m, "url")));
        }
        String licenceName;
        Boolean commercial = commercialFlag(m.get("commercial"));
        JsonElement licence = m.has("licence") ? m.get("licence") : m.get("license");
        if (licence != null && licence.isJsonObject()) {
            licenceName = string(licence.getAsJsonObject(), "name");
            JsonObject lo = licence.getAsJsonObject();
            // models/manifest.json names the flag "commercialUse"; "commercial" is the older spelling.
            Boolean inner = commercialFlag(lo.has("commercialUse") ? lo.get("commercialUse") : lo.get("commercial"));
            if (inner != null) {
                commercial = inner;
            }
        } else {
            licenceName = licence != null && licence.isJsonPrimitive() ? licence.getAsString() : null;
        }
        if (commercial == null) {
            // Unknown terms are treated as restricted: asking once too often beats a licence breach.
            commercial = false;
        }
        return new ModelDownload(id, file, releases, urls, licenceName, !commercial);
    }

    private static OptionalLong size(JsonObject o) {
        return o.has("size") && !o.get("size").isJsonNull() ? OptionalLong.of(o.get("size").getAsLong())
                : OptionalLong.empty();
    }

    private static Boolean flag(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return e.getAsBoolean();
    }

    private static Boolean commercialFlag(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        String s = e.getAsString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "y", "yes", "true" -> true;
            case "n", "no", "false" -> false;
            default -> throw new IllegalArgumentException("'commercial' must be y/n or true/false, got '" + s + "'");
        };
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
