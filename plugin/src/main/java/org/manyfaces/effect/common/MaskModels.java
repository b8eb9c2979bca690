package org.manyfaces.effect.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.manyfaces.inference.ModelLocator;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.pipeline.chain.MaskSettings;
import org.manyfaces.pipeline.mask.MouthKeep;

/**
 * Resolves the "Masks" page into the pipeline's {@link MaskSettings}. A mask whose model file is not installed
 * is left off rather than failing the frame (the face is then processed as without it), and
 * {@link #missing} says so in one sentence per model, naming the file and where it was looked for.
 */
public final class MaskModels {
    private final ModelManifest manifest;
    private final ModelLocator locator;
    private final String effectLabel;

    /** @param effectLabel names the effect in the sentences of {@link #missing} ("Face Swap") */
    public MaskModels(ModelManifest manifest, ModelLocator locator, String effectLabel) {
        this.manifest = manifest;
        this.locator = locator;
        this.effectLabel = effectLabel;
    }

    public MaskSettings settings(MaskParams m) {
        Path occluder = m.occluder().modelId().map(this::find).orElse(null);
        boolean wantsParser = m.regionMask() || m.mouth().keep() == MouthKeep.FROM_REGIONS;
        Path parser = wantsParser ? find(m.parser().manifestId()) : null;
        boolean wantsLandmarks = m.landmarker().modelId().isPresent() || m.mouth().keep() == MouthKeep.FROM_LANDMARKS;
        Path landmarker = wantsLandmarks ? find(MaskRows.Landmarker.FAN_2DFAN4.modelId().orElseThrow()) : null;
        MouthKeep mouth = m.mouth().keep();
        if ((mouth == MouthKeep.FROM_REGIONS && parser == null) || (mouth == MouthKeep.FROM_LANDMARKS && landmarker == null)) {
            mouth = MouthKeep.OFF;
        }
        return new MaskSettings(occluder, parser, m.regionMask() && parser != null, m.regions(), mouth, landmarker, 0.5f);
    }

    /** One sentence for each model the page asks for that is not installed. */
    public List<String> missing(MaskParams m) {
        List<String> out = new ArrayList<>();
        m.occluder().modelId().ifPresent(id -> note(id, m.occluder().label(), "the occlusion mask is off", out));
        if (m.regionMask() || m.mouth().keep() == MouthKeep.FROM_REGIONS) {
            note(m.parser().manifestId(), m.parser().label(),
                    m.regionMask() ? "the region mask is off" : "the mouth is not kept", out);
        }
        if (m.landmarker().modelId().isPresent() || m.mouth().keep() == MouthKeep.FROM_LANDMARKS) {
            note(MaskRows.Landmarker.FAN_2DFAN4.modelId().orElseThrow(), MaskRows.Landmarker.FAN_2DFAN4.label(),
                    m.landmarker().modelId().isPresent() ? "the detector's five points are used" : "the mouth is not kept", out);
        }
        return out;
    }

    private void note(String id, String label, String consequence, List<String> out) {
        ModelSpec spec = manifest.require(id);
        if (locator.find(spec.file()).isEmpty()) {
            out.add(effectLabel + ": " + spec.file() + " (" + label + ") is not installed in " + locator.folders()
                    + ", so " + consequence + "; get it with 'manyfaces models fetch " + spec.id() + "'");
        }
    }

    /** The installed file of manifest model {@code id}, or null. */
    private Path find(String id) {
        return locator.find(manifest.require(id).file()).orElse(null);
    }
}
