package org.manyfaces.effect.common;

import java.util.Optional;

import org.manyfaces.effect.params.ChoiceOption;

/**
 * The face restoration menu: Off, then FaceFusion's face enhancers. Each model option names its manifest entry
 * (so a preset that picks it carries the model's identity) and whether the network takes CodeFormer's fidelity
 * weight (only CodeFormer does). Off first, as in the occlusion menu: an instance or preset with restoring off
 * names no model and needs none installed.
 */
public enum RestoreModel implements ChoiceOption {
    OFF("Off", null, false),
    GFPGAN_1_4("GFPGAN 1.4", "gfpgan_1.4", false),
    CODEFORMER("CodeFormer", "codeformer", true),
    GPEN_BFR_256("GPEN-BFR 256", "gpen_bfr_256", false),
    GPEN_BFR_512("GPEN-BFR 512", "gpen_bfr_512", false),
    RESTOREFORMER_PLUS_PLUS("RestoreFormer++", "restoreformer_plus_plus", false);

    private final String label;
    private final String manifestId;
    private final boolean hasWeight;

    RestoreModel(String label, String manifestId, boolean hasWeight) {
        this.label = label;
        this.manifestId = manifestId;
        this.hasWeight = hasWeight;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Optional<String> modelId() {
        return Optional.ofNullable(manifestId);
    }

    /** Whether the network has a fidelity weight input (the Weight control applies). */
    public boolean hasWeight() {
        return hasWeight;
    }
}
