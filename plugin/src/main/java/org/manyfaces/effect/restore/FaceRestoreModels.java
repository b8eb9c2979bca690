package org.manyfaces.effect.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.effect.common.MaskModels;
import org.manyfaces.effect.common.RestoreModels;
import org.manyfaces.inference.DetectorPreference;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelLocator;
import org.manyfaces.pipeline.chain.MaskSettings;
import org.manyfaces.pipeline.chain.RestoreSettings;

/**
 * The model files of Face Restore's parameters, found through the process's {@link ModelCatalogue} (its search
 * path, then the optional FaceFusion folder parameter). A missing detector fails the frame with the catalogue's
 * sentence (as in Face Swap); a missing restore or mask model leaves that step off and is said by
 * {@link #missing}.
 */
public final class FaceRestoreModels {
    static final String LABEL = "Face Restore";

    private final ModelCatalogue catalogue;

    public FaceRestoreModels(ModelCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    ModelLocator locator(FaceRestoreParams p) {
        return catalogue.locator(p.modelsFolder());
    }

    /** The detector family's best installed model. */
    Path detectorModel(FaceRestoreParams p) {
        return catalogue.requireDetector(DetectorPreference.FAMILIES.get(p.finding().detector().ordinal()),
                locator(p), LABEL + " (" + p.finding().detector().label() + " face detector)").file();
    }

    /** The restore step of these params, or empty when the chosen restore model is not installed. */
    Optional<RestoreSettings> settings(FaceRestoreParams p) {
        ModelLocator locator = locator(p);
        MaskSettings masks = new MaskModels(catalogue.manifest(), locator, LABEL).settings(p.masks());
        return new RestoreModels(catalogue.manifest(), locator, LABEL).settings(p.restore(), masks);
    }

    /** Which restore model file is not installed and how to get it (the command line's preflight); empty if it is. */
    Optional<String> restoreModelNotInstalled(FaceRestoreParams p) {
        return new RestoreModels(catalogue.manifest(), locator(p), LABEL).notInstalled(p.restore());
    }

    /** One sentence per restore, mask or landmark model the params ask for that is not installed. */
    List<String> missing(FaceRestoreParams p) {
        ModelLocator locator = locator(p);
        List<String> out = new ArrayList<>();
        new RestoreModels(catalogue.manifest(), locator, LABEL).missing(p.restore()).ifPresent(out::add);
        out.addAll(new MaskModels(catalogue.manifest(), locator, LABEL).missing(p.masks()));
        return out;
    }
}
