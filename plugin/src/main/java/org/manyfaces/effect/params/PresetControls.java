package org.manyfaces.effect.params;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The "Presets" page both effects carry: a choice that applies a built-in or user preset, a status line,
 * and export/import of the current look (values and keyframes) to a JSON file. The rows are data only;
 * {@code org.manyfaces.preset.PresetActions} reacts to them (reached by hosts through
 * {@link org.manyfaces.effect.InstanceControls}).
 *
 * <p>The preset choice lists files found on disk, so its options are only known at describe time:
 * {@link #withPresetOptions} puts them into a copy of an effect's table. Option 0 applies nothing.
 */
public final class PresetControls {
    public static final String PAGE_PRESETS = "pagePresets";
    public static final String PRESET = "preset";
    public static final String PRESET_STATUS = "presetStatus";
    public static final String EXPORT_PATH = "exportPath";
    public static final String EXPORT_PRESET = "exportPreset";
    public static final String IMPORT_PATH = "importPath";
    public static final String IMPORT_PRESET = "importPreset";

    /** Option 0 of the preset choice: nothing to apply (the choice returns here after each apply). */
    public static final String NO_PRESET = "(choose a preset to apply)";

    /** Ids of the preset machinery itself: never saved into a preset, never compared as part of a look. */
    public static final Set<String> IDS = Set.of(PAGE_PRESETS, PRESET, PRESET_STATUS, EXPORT_PATH, EXPORT_PRESET,
            IMPORT_PATH, IMPORT_PRESET);

    private PresetControls() {
    }

    /** The rows of the Presets page, with only {@link #NO_PRESET} in the choice. */
    public static List<ParamSpec> rows() {
        return rows(List.of());
    }

    private static List<ParamSpec> rows(List<String> presetNames) {
        List<String> options = new ArrayList<>();
        options.add(NO_PRESET);
        options.addAll(presetNames);
        return List.of(
                ParamSpec.page(PAGE_PRESETS, "Presets"),
                ParamSpec.of(PRESET, ParamType.CHOICE, "Preset",
                                "Applies a saved look: the built-in presets and the ones in your preset folder "
                                        + "(~/.config/manyfaces/presets on Linux). Values and keyframes are replaced "
                                        + "in one undo step; parameters the preset does not mention are kept.")
                        .choices(options.toArray(String[]::new)).parent(PAGE_PRESETS).build(),
                ParamSpec.of(PRESET_STATUS, ParamType.STRING, "Preset status",
                                "What the last preset apply, export or import did, or why it was refused.")
                        .stringKind(StringKind.LABEL).defaultText("No preset applied.").enabled(false)
                        .parent(PAGE_PRESETS).build(),
                ParamSpec.of(EXPORT_PATH, ParamType.STRING, "Export to",
                                "The JSON file 'Export preset' writes: every parameter value and keyframe, model "
                                        + "and face references by name and SHA-256 (never your folders).")
                        .stringKind(StringKind.SAVE_FILE_PATH).parent(PAGE_PRESETS).build(),
                ParamSpec.of(EXPORT_PRESET, ParamType.PUSH_BUTTON, "Export preset",
                                "Saves the current look, animation included, to the 'Export to' file.")
                        .parent(PAGE_PRESETS).build(),
                ParamSpec.of(IMPORT_PATH, ParamType.STRING, "Import from",
                                "A preset JSON file to apply with 'Import preset'.")
                        .stringKind(StringKind.FILE_PATH).parent(PAGE_PRESETS).build(),
                ParamSpec.of(IMPORT_PRESET, ParamType.PUSH_BUTTON, "Import preset",
                                "Checks the 'Import from' file completely, then replaces values and keyframes in one "
                                        + "undo step. A bad file changes nothing and says which field is wrong.")
                        .parent(PAGE_PRESETS).build());
    }

    /** A copy of {@code table} whose preset choice offers {@code presetNames} after {@link #NO_PRESET}. */
    public static ParamTable withPresetOptions(ParamTable table, List<String> presetNames) {
        List<ParamSpec> replacement = rows(presetNames);
        List<ParamSpec> out = new ArrayList<>(table.rows().size());
        for (ParamSpec p : table.rows()) {
            out.add(p.id().equals(PRESET) ? replacement.get(1) : p);
        }
        return new ParamTable(out);
    }

    /** True for the preset machinery's own ids. */
    public static boolean isPresetControl(String id) {
        return IDS.contains(id);
    }
}
