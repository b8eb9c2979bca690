package org.manyfaces.preset;

/**
 * Constants of the preset file format (see README, "Presets"): the format tag, the schema version this
 * build writes, and the limits every file is checked against before anything else is done with it.
 */
public final class PresetFormat {
    /** Value of the top-level {@code "format"} field. */
    public static final String FORMAT = "manyfaces-preset";
    /** The schema version this build writes; older versions are migrated on load. */
    public static final int SCHEMA_VERSION = 1;
    /** Largest preset file accepted: 1 MiB (a preset with a few thousand keyframes is ~100 kB). */
    public static final int MAX_BYTES = 1 << 20;
    /** Deepest nesting accepted (a valid preset needs 5 levels). */
    public static final int MAX_DEPTH = 16;
    /** Longest string (or number literal) accepted. */
    public static final int MAX_STRING_CHARS = 8192;
    /** Most keyframes per parameter. */
    public static final int MAX_KEYS = 10_000;
    /** Most file references per parameter. */
    public static final int MAX_FILES = 64;
    /** File extension of presets. */
    public static final String EXTENSION = ".json";

    private PresetFormat() {
    }

    /** The ManyFaces version written into exported presets. */
    public static String manyFacesVersion() {
        String v = PresetFormat.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
