package org.manyfaces.effect;

import java.util.Objects;

/**
 * An image input or output of an effect. {@code generalOnly} clips (for example an optional mask) are
 * declared only in the general context, because the filter context allows just Source and Output.
 */
public record ClipSpec(String name, boolean optional, boolean mask, boolean generalOnly) {
    public static final String SOURCE = "Source";
    public static final String OUTPUT = "Output";

    public ClipSpec {
        Objects.requireNonNull(name, "name");
    }

    public static ClipSpec source() {
        return new ClipSpec(SOURCE, false, false, false);
    }

    public static ClipSpec output() {
        return new ClipSpec(OUTPUT, false, false, false);
    }
}
