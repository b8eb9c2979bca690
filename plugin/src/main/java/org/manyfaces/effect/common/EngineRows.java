package org.manyfaces.effect.common;

import java.util.ArrayList;
import java.util.List;

import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PathRole;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;

/**
 * The rows every effect ends its table with, written once: the Engine page (execution provider, status line,
 * the disclosure rows) and the Presets page. Same ids in every effect, so presets, the CLI's {@code --set}
 * and the host's saved projects spell them alike.
 */
public final class EngineRows {
    public static final String PAGE_ENGINE = "pageEngine";
    public static final String EXECUTION_PROVIDER = "executionProvider";
    public static final String PROVIDER_STATUS = "providerStatus";
    public static final String MODELS_FOLDER = "modelsFolder";
    /** What the status line says before the first render. */
    public static final String NO_MODEL_YET = "No model loaded yet.";

    private EngineRows() {
    }

    /**
     * The optional "FaceFusion models folder" row, for {@link #rows}'s extra Engine rows: a setting of this
     * machine, so presets never save it ({@link PathRole#MACHINE}).
     */
    public static ParamSpec modelsFolder() {
        return ParamSpec.of(MODELS_FOLDER, ParamType.STRING, "FaceFusion models folder",
                        "Optional: a FaceFusion checkout or its .assets/models folder; its model files are used "
                                + "when they are not found in MANYFACES_MODELS or the installed models folder.")
                .stringKind(StringKind.FILE_PATH).pathRole(PathRole.MACHINE).parent(PAGE_ENGINE).build();
    }

    /**
     * The Engine page with {@code extraEngineRows} after the status line, the disclosure rows (their hint says
     * the watermark covers {@code whatChanges}) and the Presets page.
     */
    public static List<ParamSpec> rows(String whatChanges, ParamSpec... extraEngineRows) {
        return rows(whatChanges, List.of(), extraEngineRows);
    }

    /**
     * As {@link #rows(String, ParamSpec...)}, with {@code markRows} (the effect's own choices about its mark)
     * right after the disclosure watermark switch.
     */
    public static List<ParamSpec> rows(String whatChanges, List<ParamSpec> markRows, ParamSpec... extraEngineRows) {
        List<ParamSpec> rows = new ArrayList<>(List.of(
                ParamSpec.page(PAGE_ENGINE, "Engine"),
                ParamSpec.of(EXECUTION_PROVIDER, ParamType.CHOICE, "Execution provider",
                        "Where the networks run. Auto uses CUDA when a suitable NVIDIA GPU and libraries are "
                                + "present and falls back to the CPU otherwise.")
                        .choices(ExecutionProvider.class).parent(PAGE_ENGINE).build(),
                ParamSpec.of(PROVIDER_STATUS, ParamType.STRING, "Status",
                        "Shows which execution provider is in use and whether the models are loaded.")
                        .stringKind(StringKind.LABEL).defaultText(NO_MODEL_YET).enabled(false)
                        .parent(PAGE_ENGINE).build()));
        rows.addAll(List.of(extraEngineRows));
        rows.addAll(DisclosureParams.rows(PAGE_ENGINE, whatChanges, markRows));
        // The Presets page: save, share and re-apply a look (org.manyfaces.preset).
        rows.addAll(PresetControls.rows());
        return rows;
    }
}
