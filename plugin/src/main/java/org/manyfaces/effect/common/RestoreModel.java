package org.manyfaces.effect.common;

import java.util.Optional;

import org.manyfaces.effect.params.ChoiceOption;

/**
 * The face restoration menu: Off, then FaceFusion's face enhancers. Each model option names its manifest entry
 * (so a preset that picks it carries the model's identity); whether a network takes CodeFormer's fidelity weight
 * is read from the model file itself ({@link org.manyfaces.pipeline.restore.FaceRestorer#hasWeight()}). Off first,
 * as in the occlusion menu: an instance or preset with restoring off names no model and needs none installed.
 */
public enum RestoreModel implements ChoiceOption {
    OFF("Off", null),
    GFPGAN_1_4("GFPGAN 1.4", "gfpgan_1.4"),
    CODEFORMER("CodeFormer", "codeformer"),
    GPEN_BFR_256("GPEN-BFR 256", "gpen_bfr_256"),
    GPEN_BFR_512("GPEN-BFR 512", "gpen_bfr_512"),
    RESTOREFORMER_PLUS_PLUS("RestoreFormer++", "restoreformer_plus_plus");

    private final String label;
    private final String manifestId;

    RestoreModel(String label, String manifestId) {
        this.label = label;
        this.manifestId = manifestId;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Optional<String> modelId() {
        return Optional.ofNullable(manifestId);
    }
}
