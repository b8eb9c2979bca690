package org.manyfaces.effect;

import java.util.List;
import java.util.Objects;

import org.manyfaces.effect.params.ParamTable;

/**
 * Everything the host is told about one effect, plus the factory of its render path.
 *
 * @param id                      reverse-domain identifier, never changed once released
 * @param label                   menu label
 * @param grouping                menu group ("ManyFaces")
 * @param description             one-paragraph description shown by hosts
 * @param versionMajor            bumped on incompatible parameter changes
 * @param versionMinor            bumped on compatible changes
 * @param clips                   inputs and output
 * @param params                  the parameter table
 * @param generalContext          whether the effect is also offered in the general context
 * @param threadSafety            what concurrent renders the renderer tolerates
 * @param supportsTiles           whether a render window smaller than the frame gives correct pixels
 * @param supportsMultiResolution whether render scales other than 1 are handled
 * @param rendererFactory         makes one renderer per instance
 * @param temporalClipAccess      whether the renderer fetches source frames at other times than the one
 *                                being rendered (declared to the host as temporal clip access)
 * @param keepsFrameSize          whether every renderer of this effect answers {@link EffectRenderer#outputScale}
 *                                with 1 whatever the parameters: its region of definition and regions of
 *                                interest are then always the host's default, and the shim answers those two
 *                                per-frame actions without calling into Java
 * @param profile                 what the CLI, presets, disclosure and verify need to know of the effect
 */
public record EffectDescriptor(String id, String label, String grouping, String description,
                               int versionMajor, int versionMinor, List<ClipSpec> clips, ParamTable params,
                               boolean generalContext, ThreadSafety threadSafety, boolean supportsTiles,
                               boolean supportsMultiResolution, EffectRendererFactory rendererFactory,
                               boolean temporalClipAccess, boolean keepsFrameSize, EffectProfile profile) {
    public EffectDescriptor {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(grouping, "grouping");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(threadSafety, "threadSafety");
        Objects.requireNonNull(rendererFactory, "rendererFactory");
        clips = List.copyOf(clips);
        if (clips.stream().noneMatch(c -> c.name().equals(ClipSpec.OUTPUT))
                || clips.stream().noneMatch(c -> c.name().equals(ClipSpec.SOURCE))) {
            throw new IllegalArgumentException("effect " + id + " needs a Source and an Output clip (filter context)");
        }
    }

    /** An effect that reads only the source frame it renders (no temporal clip access). */
    public EffectDescriptor(String id, String label, String grouping, String description, int versionMajor,
                            int versionMinor, List<ClipSpec> clips, ParamTable params, boolean generalContext,
                            ThreadSafety threadSafety, boolean supportsTiles, boolean supportsMultiResolution,
                            EffectRendererFactory rendererFactory, EffectProfile profile) {
        this(id, label, grouping, description, versionMajor, versionMinor, clips, params, generalContext,
                threadSafety, supportsTiles, supportsMultiResolution, rendererFactory, false, false, profile);
    }

    /** Whether {@code name} (any case) is this effect's id or one of its command-line aliases. */
    public boolean answersTo(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return id.toLowerCase(java.util.Locale.ROOT).equals(n) || profile.cliAliases().contains(n);
    }

    /** The same effect with another render path (how the pipelines are wired in). */
    public EffectDescriptor withRenderer(EffectRendererFactory factory) {
        // Another renderer may change the frame size: no promise is carried over.
        return new EffectDescriptor(id, label, grouping, description, versionMajor, versionMinor, clips, params,
                generalContext, threadSafety, supportsTiles, supportsMultiResolution, factory, temporalClipAccess, false,
                profile);
    }
}
