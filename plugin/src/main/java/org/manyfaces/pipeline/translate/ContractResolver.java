package org.manyfaces.pipeline.translate;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides which {@link TranslatorContract} a model runs under, in this order: the manifest entry (curated,
 * verified), a sidecar JSON next to the model file ({@link ContractSidecar}), otherwise one inferred from
 * the declared input ({@link TranslatorContract#infer}) whose {@link TranslatorContract#assumptions()} say
 * what was guessed. Whichever wins is checked against the model.
 */
public final class ContractResolver {
    private ContractResolver() {
    }

    /**
     * @param model    the model file (sidecars are looked up beside it)
     * @param declared what the loaded model declares
     * @param manifest the manifest's contract for this file, if the manifest knows it
     */
    public static TranslatorContract resolve(Path model, ModelSignature declared, Optional<TranslatorContract> manifest) {
        if (manifest.isPresent()) {
            TranslatorContract c = manifest.get();
            c = c.source() == TranslatorContract.Source.MANIFEST ? c
                    : c.withSource(TranslatorContract.Source.MANIFEST, c.assumptions());
            c.checkModel(declared);
            return c;
        }
        Optional<Path> sidecar = ContractSidecar.find(model);
        if (sidecar.isPresent()) {
            return ContractSidecar.read(sidecar.get(), declared);
        }
        try {
            return TranslatorContract.infer(declared);
        } catch (ContractException e) {
            throw new ContractException(e.getMessage() + "; no manifest entry and no sidecar (" + model.getFileName()
                    + ".json) describes " + model.getFileName(), e);
        }
    }
}
