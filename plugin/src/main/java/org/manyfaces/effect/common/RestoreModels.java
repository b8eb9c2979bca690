package org.manyfaces.effect.common;

import java.nio.file.Path;
import java.util.Optional;

import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.chain.MaskSettings;
import org.manyfaces.pipeline.chain.RestoreSettings;

/**
 * Resolves the restoration controls into the pipeline's {@link RestoreSettings}: the chosen model's installed
 * file, its template and crop size from its manifest entry. A model that is not installed leaves the step off
 * (no frame fails for it); {@link #missing} says so in one sentence naming the file, where it was looked for and
 * how to get it.
 */
public final class RestoreModels {
    /** FaceFusion's box-mask blur for enhancers. */
    private static final float BOX_BLUR = 0.3f;

    private final ModelManifest manifest;
    private final ModelLocator locator;
    private final String effectLabel;

    /** @param effectLabel names the effect in {@link #missing} ("Face Restore") */
    public RestoreModels(ModelManifest manifest, ModelLocator locator, String effectLabel) {
        this.manifest = manifest;
        this.locator = locator;
        this.effectLabel = effectLabel;
    }

    /** The restore step for {@code r} with {@code masks}, or empty when it is Off or its model is not installed. */
    public Optional<RestoreSettings> settings(RestoreRows.Settings r, MaskSettings masks) {
        if (r.model().modelId().isEmpty()) {
            return Optional.empty();
        }
        ModelSpec spec = manifest.require(r.model().modelId().get());
        Optional<Path> file = locator.find(spec.file());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        AlignTemplate template = AlignTemplate.parse(spec.template());
        return Optional.of(new RestoreSettings(file.get(), template, spec.cropSize(), (float) r.blend(),
                (float) r.weight(), BOX_BLUR, masks));
    }

    /** The sentence saying that {@code r}'s model is not installed and what that means, or empty when it is. */
    public Optional<String> missing(RestoreRows.Settings r) {
        return notInstalled(r).map(what -> effectLabel + ": faces are not restored: " + what);
    }

    /** Which file of {@code r} is not installed, where it was looked for and how to get it; empty when it is. */
    public Optional<String> notInstalled(RestoreRows.Settings r) {
        if (r.model().modelId().isEmpty()) {
            return Optional.empty();
        }
        ModelSpec spec = manifest.require(r.model().modelId().get());
        if (locator.find(spec.file()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(spec.file() + " (" + r.model().label() + ") is not installed in " + locator.folders()
                + "; get it with 'manyfaces models fetch " + spec.id() + "'");
    }
}
