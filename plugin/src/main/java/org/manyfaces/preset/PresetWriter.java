package org.manyfaces.preset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.manyfaces.error.Failures;

/** Writes a {@link Preset} as pretty-printed JSON in the documented field order. */
public final class PresetWriter {
    private PresetWriter() {
    }

    /** The preset's JSON text (ends with a newline). */
    public static String toJson(Preset preset) {
        JsonObject doc = new JsonObject();
        doc.addProperty("format", PresetFormat.FORMAT);
        doc.addProperty("schemaVersion", PresetFormat.SCHEMA_VERSION);
        doc.addProperty("effect", preset.effectId());
        doc.addProperty("manyfacesVersion", preset.manyFacesVersion());
        doc.addProperty("name", preset.name());
        doc.addProperty("description", preset.description());
        JsonObject params = new JsonObject();
        for (Map.Entry<String, JsonObject> e : preset.params().entrySet()) {
            params.add(e.getKey(), e.getValue().deepCopy());
        }
        doc.add("params", params);
        // Fields of a newer format read earlier are written back unchanged.
        for (Map.Entry<String, JsonElement> e : preset.unknownFields().entrySet()) {
            if (!doc.has(e.getKey())) {
                doc.add(e.getKey(), e.getValue().deepCopy());
            }
        }
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(doc) + "\n";
    }

    /** Writes {@code preset} to {@code file} through a temporary file, so a failed write leaves no half file. */
    public static void write(Preset preset, Path file) {
        String text = toJson(preset);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > PresetFormat.MAX_BYTES) {
            throw new PresetException(file.toString(), "", "the preset would be " + bytes.length
                    + " bytes, over the 1 MiB limit presets are read with (too many keyframes?)", null);
        }
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, ".preset-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new PresetException(file.toString(), "", "cannot be written: " + Failures.ioReason(e), e);
        }
    }
}
