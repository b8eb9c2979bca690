package org.manyfaces.preset;

import com.google.gson.JsonObject;

/**
 * One step of the schema's history: turns a document of {@link #fromVersion()} into one of
 * {@code fromVersion() + 1}. Steps work on the raw JSON tree, before any validation, so each one only has
 * to know the two versions it connects.
 */
public interface PresetMigration {
    /** The schema version this step reads. */
    int fromVersion();

    /** The migrated document (may be {@code document} changed in place); its schemaVersion is set by the caller. */
    JsonObject migrate(JsonObject document);

    /** One line for the warnings: what the step changed. */
    String summary();
}
