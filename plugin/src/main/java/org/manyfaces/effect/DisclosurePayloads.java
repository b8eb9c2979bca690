package org.manyfaces.effect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.WatermarkEmbedder;
import org.manyfaces.effect.common.DisclosureParams;

/**
 * What the disclosure watermark of an effect carries, from the effect's parameters alone: the ManyFaces
 * product mark, the effect's code ({@link EffectProfile#payloadCode()}) and a short hash of the model it ran
 * ({@link EffectProfile#disclosureModel()}). Renderers embed it; the command line writes the same value into
 * the provenance record, so both agree without the CLI resolving model files; verify names the effect of a
 * mark it reads from the same catalogue.
 */
public final class DisclosurePayloads {
    /** The embedding strength every effect uses. */
    public static final float STRENGTH = WatermarkEmbedder.DEFAULT_STRENGTH;

    private DisclosurePayloads() {
    }

    /** The payload of effect code {@code effectCode} with model hash {@code modelHash}. */
    public static Payload payload(int effectCode, int modelHash) {
        return new Payload(Payload.MANYFACES_MARK, effectCode, modelHash);
    }

    /**
     * The payload effect {@code d} embeds with these parameters at {@code time}, or empty when its watermark
     * parameter is off (or the effect has no disclosure rows).
     */
    public static Optional<Payload> of(EffectDescriptor d, HostParams params, double time) {
        boolean hasWatermark = d.params().rows().stream().anyMatch(p -> p.id().equals(DisclosureParams.WATERMARK));
        if (!hasWatermark || !params.getBool(DisclosureParams.WATERMARK, time)) {
            return Optional.empty();
        }
        EffectProfile profile = d.profile();
        return Optional.of(payload(profile.payloadCode(), profile.disclosureModel().modelHash(params, time)));
    }

    /**
     * Every payload this build's effects write with a model they know (each effect's known model hashes). A
     * detector given this list ({@code new WatermarkDetector(DisclosurePayloads.known())}) can confirm a weak
     * mark by its expected codeword; models chosen as a file are only found by blind decoding.
     */
    public static List<Payload> known() {
        List<Payload> known = new ArrayList<>();
        for (EffectDescriptor d : EffectCatalogue.effects()) {
            for (int hash : d.profile().disclosureModel().knownModelHashes()) {
                known.add(payload(d.profile().payloadCode(), hash));
            }
        }
        return known.stream().distinct().toList();
    }

    /** The effect whose watermark code {@code payload} carries, if this build knows it. */
    public static Optional<EffectDescriptor> effectOf(Payload payload) {
        return EffectCatalogue.effects().stream()
                .filter(d -> d.profile().payloadCode() == payload.effectId()).findFirst();
    }
}
