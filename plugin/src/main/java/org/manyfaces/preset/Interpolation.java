package org.manyfaces.preset;

import java.util.Locale;

/**
 * How a keyframed value moves from one key to the next, as written in a preset's {@code keys}. OFX has no
 * call to read or set a host's key interpolation, so on export it is measured by sampling the host's curve
 * between keys, and on import into a host the host's own interpolation applies; {@link InMemoryParams}
 * (the CLI) follows it exactly.
 */
public enum Interpolation {
    /** Straight line to the next key. */
    LINEAR,
    /** Holds this key's value until the next key. */
    CONSTANT,
    /** A smooth curve through the keys (Catmull-Rom), or any other non-linear host curve. */
    SMOOTH;

    /** The name used in files. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #jsonName()}; null when unknown. */
    static Interpolation fromJson(String s) {
        for (Interpolation i : values()) {
            if (i.jsonName().equals(s)) {
                return i;
            }
        }
        return null;
    }
}
