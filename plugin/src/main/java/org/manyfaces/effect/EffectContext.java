package org.manyfaces.effect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new effect instance's renderer gets from its surroundings, without any OFX: a channel to the
 * user, the plug-in bundle's {@code Contents/Resources} folder (where an installer puts {@code models/}
 * and {@code jre/}), absent when the effect runs outside a bundle (CLI, tests), the Source clip at
 * any time (for effects that declare temporal clip access; {@link SourceClip#NONE} where the host gives no
 * other frames), and what the host says it can do.
 */
public record EffectContext(EffectMessages messages, Optional<Path> resourcesDir, SourceClip sourceClip,
                            HostCapabilities host) {
    public EffectContext {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(resourcesDir, "resourcesDir");
        Objects.requireNonNull(sourceClip, "sourceClip");
        Objects.requireNonNull(host, "host");
    }

    /** Outside a host (CLI, tests): the clip given, no host capabilities. */
    public EffectContext(EffectMessages messages, Optional<Path> resourcesDir, SourceClip sourceClip) {
        this(messages, resourcesDir, sourceClip, HostCapabilities.NONE);
    }

    /** A context without access to other frames of the source. */
    public EffectContext(EffectMessages messages, Optional<Path> resourcesDir) {
        this(messages, resourcesDir, SourceClip.NONE);
    }
}
