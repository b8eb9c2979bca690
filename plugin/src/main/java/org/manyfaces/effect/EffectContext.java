package org.manyfaces.effect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new effect instance's renderer gets from its surroundings, without any OFX: a channel to the
 * user, the plug-in bundle's {@code Contents/Resources} folder (where an installer puts {@code models/}
 * and {@code jre/}), absent when the effect runs outside a bundle (CLI, tests), and the Source clip at
 * any time (for effects that declare temporal clip access).
 */
public record EffectContext(EffectMessages messages, Optional<Path> resourcesDir, SourceClip sourceClip) {
    public EffectContext {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(resourcesDir, "resourcesDir");
        Objects.requireNonNull(sourceClip, "sourceClip");
    }

    /** A context without access to other frames of the source. */
    public EffectContext(EffectMessages messages, Optional<Path> resourcesDir) {
        this(messages, resourcesDir, SourceClip.NONE);
    }
}
