package org.manyfaces.effect.common;

import java.util.ArrayList;
import java.util.List;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;

/**
 * The restoration controls (model, blend, CodeFormer weight), the same ids wherever they appear: on the Face
 * Restore effect's page (GFPGAN 1.4 by default, FaceFusion's default enhancer) and on Face Swap's Restore page
 * (Off by default: the swap's optional last step), so presets and {@code --set} spell them alike.
 */
public final class RestoreRows {
    public static final String RESTORE_MODEL = "restoreModel";
    public static final String RESTORE_BLEND = "restoreBlend";
    public static final String RESTORE_WEIGHT = "restoreWeight";

    /** The restoration settings read at one time. */
    public record Settings(RestoreModel model, double blend, double weight) {
        public static Settings read(HostParams p, double time) {
            return new Settings(ChoiceOption.at(RestoreModel.class, p.getChoice(RESTORE_MODEL, time)),
                    Math.max(0, Math.min(1, p.getDouble(RESTORE_BLEND, time))),
                    Math.max(0, Math.min(1, p.getDouble(RESTORE_WEIGHT, time))));
        }
    }

    private RestoreRows() {
    }

    /**
     * The model, blend and weight rows on page {@code page}, with FaceFusion's defaults (blend 80 %, weight 0.5).
     *
     * @param defaultModel the model chosen on a fresh instance ({@link RestoreModel#OFF} in Face Swap)
     * @param offMeans     what Off does, for the menu's help ("the swapped faces are not restored")
     */
    public static List<ParamSpec> rows(String page, RestoreModel defaultModel, String offMeans) {
        List<ParamSpec> rows = new ArrayList<>();
        rows.add(ParamSpec.of(RESTORE_MODEL, ParamType.CHOICE, "Restore model",
                        "Network that restores each face: GFPGAN 1.4 and RestoreFormer++ sharpen strongly, "
                                + "CodeFormer balances detail and likeness by its weight, GPEN-BFR 256/512 are "
                                + "lighter. Each must be installed ('manyfaces models fetch <id>'); a missing one "
                                + "leaves the faces as they are and says so once. Off: " + offMeans + ".")
                .choices(RestoreModel.class).defaultValue(defaultModel.ordinal()).parent(page).build());
        rows.add(ParamSpec.of(RESTORE_BLEND, ParamType.DOUBLE, "Restore blend",
                        "How much of the restored face is shown: 1 shows it fully, 0 shows the face as it was. "
                                + "Can be animated.")
                .defaultValue(0.8).range(0, 1).parent(page).build());
        rows.add(ParamSpec.of(RESTORE_WEIGHT, ParamType.DOUBLE, "CodeFormer weight",
                        "With CodeFormer only: 0 restores most strongly, 1 keeps most of the face's own likeness. "
                                + "The other models have no such input and ignore it.")
                .defaultValue(0.5).range(0, 1).parent(page).build());
        return rows;
    }
}
