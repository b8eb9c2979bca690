package org.manyfaces.effect;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;

/**
 * What the layers around an effect need to know of it beyond what the host is told: the names the command line
 * accepts for it, the code its disclosure watermark carries and how it names the model it ran, the kinds of
 * model it runs, the model files a render used, and what to check before a command-line render starts.
 *
 * <p>It rides on the effect's {@link EffectDescriptor}, so the CLI, presets, disclosure and verify read it from
 * {@link EffectCatalogue} instead of branching on effect ids: adding an effect adds no branch anywhere else.
 *
 * @param cliAliases      names {@code manyfaces render -e} accepts besides the effect id (lower case)
 * @param payloadCode     the effect code of its disclosure watermark (1..255, unique in the catalogue; never
 *                        reused: marks in published media name the effect by it)
 * @param modelKinds      the kinds of manifest model the effect may run
 * @param disclosureModel the model identity its watermark carries
 * @param usedModels      the model files a render with given parameters ran (for the provenance record)
 * @param preflight       what must hold before a command-line render reads its first frame
 * @param facesVerb       past participle for the render summary "faces VERB in n of m frames" (e.g. "swapped"),
 *                        or null for effects that do not work face by face
 */
public record EffectProfile(List<String> cliAliases, int payloadCode, Set<ModelKind> modelKinds,
                            DisclosureModel disclosureModel, UsedModels usedModels, RenderPreflight preflight,
                            String facesVerb) {
    public EffectProfile {
        cliAliases = List.copyOf(cliAliases);
        modelKinds = modelKinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modelKinds));
        Objects.requireNonNull(disclosureModel, "disclosureModel");
        Objects.requireNonNull(usedModels, "usedModels");
        Objects.requireNonNull(preflight, "preflight");
        if (payloadCode < 1 || payloadCode > 255) {
            throw new IllegalArgumentException("payload code " + payloadCode + " is not 1..255");
        }
        for (String a : cliAliases) {
            if (!a.equals(a.toLowerCase(java.util.Locale.ROOT)) || a.isBlank()) {
                throw new IllegalArgumentException("CLI alias '" + a + "' must be lower case and not blank");
            }
        }
    }

    /** How an effect names, in its watermark, the model it ran with given parameters. */
    public interface DisclosureModel {
        /** The 16-bit model hash the payload carries for these parameters at {@code time}. */
        int modelHash(HostParams params, double time);

        /**
         * Every model hash the effect writes with a model it knows (each option of its model choice), so a
         * detector can confirm a weak mark by its expected codeword.
         */
        List<Integer> knownModelHashes();
    }

    /** A model file a render ran, and what it was to the render (shown in the provenance record). */
    public record ModelFile(String role, Path file) {
    }

    /** The model files a render ran; an effect resolves them exactly as its renderer does. */
    @FunctionalInterface
    public interface UsedModels {
        /** Throws (any runtime exception, with a message) when a model cannot be resolved. */
        List<ModelFile> of(ModelCatalogue catalogue, HostParams params, double time);
    }

    /** A check run before a command-line render opens its output: a render that could only copy its input. */
    @FunctionalInterface
    public interface RenderPreflight {
        RenderPreflight NONE = (catalogue, params, time) -> Optional.empty();

        /** What is wrong, in a sentence for the user, or empty. */
        Optional<String> problem(ModelCatalogue catalogue, HostParams params, double time);
    }
}
