package org.manyfaces.preset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Brings an older preset document up to the current schema by chaining {@link PresetMigration} steps
 * (v1 to v2, v2 to v3, ...). Schema 1 is the first released version, so the standard chain is empty today;
 * the next format change adds its step to {@link #standard()} and keeps every older file loading.
 */
public final class PresetMigrations {
    private final Map<Integer, PresetMigration> steps = new HashMap<>();
    private final int current;

    /** A chain over {@code steps}, ending at schema {@code current}. */
    public PresetMigrations(int current, List<PresetMigration> steps) {
        this.current = current;
        for (PresetMigration m : steps) {
            if (m.fromVersion() >= current) {
                throw new IllegalArgumentException("migration from schema " + m.fromVersion()
                        + " is not older than the current schema " + current);
            }
            if (this.steps.put(m.fromVersion(), m) != null) {
                throw new IllegalArgumentException("two migrations from schema " + m.fromVersion());
            }
        }
    }

    /** The migrations of this build. */
    public static PresetMigrations standard() {
        return new PresetMigrations(PresetFormat.SCHEMA_VERSION, List.of());
    }

    /** The schema version documents end up in. */
    public int current() {
        return current;
    }

    /**
     * Migrates {@code document} (schema {@code version}) to {@link #current()}; returns one warning line per
     * step applied. Versions newer than current are left alone (the caller warns); a version with no path
     * up is refused.
     */
    List<String> upgrade(JsonObject document, int version) {
        List<String> notes = new ArrayList<>();
        for (int v = version; v < current; v++) {
            PresetMigration step = steps.get(v);
            if (step == null) {
                throw new PresetException("schemaVersion", "schema " + version + " cannot be read by this ManyFaces "
                        + "(no migration from schema " + v + "; the oldest readable is "
                        + oldestReadable() + ")");
            }
            JsonObject next = step.migrate(document);
            if (next != document) {
                for (String k : List.copyOf(document.keySet())) {
                    document.remove(k);
                }
                for (Map.Entry<String, JsonElement> e : next.entrySet()) {
                    document.add(e.getKey(), e.getValue());
                }
            }
            document.add("schemaVersion", new JsonPrimitive(v + 1));
            notes.add("migrated from schema " + v + " to " + (v + 1) + ": " + step.summary());
        }
        return notes;
    }

    private int oldestReadable() {
        int v = current;
        while (steps.containsKey(v - 1)) {
            v--;
        }
        return v;
    }
}
