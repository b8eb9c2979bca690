package org.manyfaces.effect;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;

/**
 * The effects the plug-in binary exposes, in plug-in index order (the shim's OfxGetPlugin index). This list is
 * the one place that names every effect: the shim's plug-in table (generated from it), the CLI's
 * {@code render -e}, presets, disclosure and verify all read it. An effect is its folder under
 * {@code org.manyfaces.effect} plus its line here; append new effects (the index is part of the shim's table).
 */
public final class EffectCatalogue {
    /** Menu group of every ManyFaces effect. */
    public static final String GROUPING = "ManyFaces";

    /** Fixed for the life of the process: the shim's plug-in table and the host's cached descriptions rely on it. */
    private static final List<EffectDescriptor> EFFECTS = checked(List.of(
            FaceSwapEffect.descriptor(),
            ImageTranslateEffect.descriptor()));

    private EffectCatalogue() {
    }

    public static List<EffectDescriptor> effects() {
        return EFFECTS;
    }

    /** The effect named {@code name} by id or command-line alias (any case). */
    public static Optional<EffectDescriptor> byName(String name) {
        return EFFECTS.stream().filter(d -> d.answersTo(name)).findFirst();
    }

    /** The effect with id {@code id}. */
    public static Optional<EffectDescriptor> byId(String id) {
        return EFFECTS.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** Ids, command-line names and watermark codes must each name one effect. */
    private static List<EffectDescriptor> checked(List<EffectDescriptor> effects) {
        Set<String> names = new HashSet<>();
        Set<Integer> codes = new HashSet<>();
        for (EffectDescriptor d : effects) {
            if (!codes.add(d.profile().payloadCode())) {
                throw new IllegalStateException("watermark code " + d.profile().payloadCode() + " of " + d.id()
                        + " is used by another effect");
            }
            List<String> all = new java.util.ArrayList<>(d.profile().cliAliases());
            all.add(d.id().toLowerCase(java.util.Locale.ROOT));
            for (String n : all) {
                if (!names.add(n)) {
                    throw new IllegalStateException("name '" + n + "' of " + d.id() + " names another effect too");
                }
            }
        }
        return effects;
    }

    /** The effect at plug-in index {@code index}; throws naming the index when out of range. */
    public static EffectDescriptor get(int index) {
        List<EffectDescriptor> e = EFFECTS;
        if (index < 0 || index >= e.size()) {
            throw new IllegalArgumentException("no effect at plug-in index " + index + " (have " + e.size() + ")");
        }
        return e.get(index);
    }
}
