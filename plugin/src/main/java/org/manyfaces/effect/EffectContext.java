package org.manyfaces.effect;

import java.util.Objects;

import org.manyfaces.inference.ModelCatalogue;

/**
 * What a new effect instance's renderer gets from its surroundings, without any OFX: a channel to the
 * user, the process's one {@link ModelCatalogue} (manifest, model search path, detector preference; built
 * by the OFX bridge or by the command line, never by an effect), the Source clip at any time (for effects
 * that declare temporal clip access; {@link SourceClip#NONE} where the host gives no other frames), and what
 * the host says it can do.
 */
public record EffectContext(EffectMessages messages, ModelCatalogue models, SourceClip sourceClip,
                            HostCapabilities host) {
    public EffectContext {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(sourceClip, "sourceClip");
        Objects.requireNonNull(host, "host");
    }

    /** Outside a host (CLI, tests): the clip given, no host capabilities. */
    public EffectContext(EffectMessages messages, ModelCatalogue models, SourceClip sourceClip) {
        this(messages, models, sourceClip, HostCapabilities.NONE);
    }

    /** A context without access to other frames of the source. */
    public EffectContext(EffectMessages messages, ModelCatalogue models) {
        this(messages, models, SourceClip.NONE);
    }
}
