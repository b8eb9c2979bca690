package org.manyfaces.preset;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.inference.ModelCatalogue;

/**
 * What an effect instance does when one of its preset controls changes (instanceChanged, the only time a
 * host lets a plug-in set parameters): apply the chosen preset, export, or import. A preset problem
 * becomes a host error message and the status line, and changes nothing else; the choice returns to
 * "(choose a preset to apply)" so the same preset can be applied again.
 */
public final class PresetActions {
    static final String MESSAGE_ID = "org.manyfaces.preset";

    private final String effectId;
    private final ParamTable table;
    private final List<PresetLibrary.Entry> offered;
    private final ModelCatalogue models;
    private final EffectMessages messages;

    /**
     * @param offered the presets listed in the choice, in option order after option 0 (as described to the
     *                host)
     */
    public PresetActions(String effectId, ParamTable table, List<PresetLibrary.Entry> offered, ModelCatalogue models,
                         EffectMessages messages) {
        this.effectId = effectId;
        this.table = table;
        this.offered = List.copyOf(offered);
        this.models = models;
        this.messages = messages;
    }

    /** Reacts to a change of preset control {@code id} at {@code time}; other ids are ignored. */
    public void changed(String id, EditableParams params, double time) {
        switch (id) {
            case PresetControls.PRESET -> choose(params, time);
            case PresetControls.EXPORT_PRESET -> export(params, time);
            case PresetControls.IMPORT_PRESET -> importFrom(params, time);
            default -> {
                // Paths and the status line: nothing to do until a button is pressed.
            }
        }
    }

    private void choose(EditableParams params, double time) {
        int index = params.getChoice(PresetControls.PRESET, time);
        if (index == 0) {
            return;
        }
        if (index < 1 || index > offered.size()) {
            status(params, "Preset option " + index + " is not known to this instance.");
            return;
        }
        PresetLibrary.Entry entry = offered.get(index - 1);
        apply(params, entry.file(), "Apply preset " + entry.label(), entry.label(), time);
        // Back to option 0, so choosing the same preset again re-applies it.
        params.setChoice(PresetControls.PRESET, 0);
    }

    private void importFrom(EditableParams params, double time) {
        String path = params.getString(PresetControls.IMPORT_PATH, time).strip();
        if (path.isEmpty()) {
            fail(params, "Import preset: choose a file in 'Import from' first.");
            return;
        }
        Path file = toPath(path, params, "Import preset");
        if (file != null) {
            apply(params, file, "Import preset " + file.getFileName(), file.toString(), time);
        }
    }

    private void apply(EditableParams params, Path file, String undoName, String what, double time) {
        PresetPlan plan;
        try {
            Preset preset = new PresetLoader().load(file);
            List<Path> faceFolders = currentFileFolders(params, time);
            plan = new PresetPlanner(models).plan(preset, effectId, table,
                    file.toAbsolutePath().getParent(), faceFolders);
        } catch (PresetException e) {
            fail(params, "Preset not applied, nothing changed: " + e.in(file.toString()).getMessage());
            return;
        }
        PresetApplier.apply(plan, params, undoName);
        for (String w : plan.warnings()) {
            messages.warning(MESSAGE_ID, "preset " + what + ": " + w);
        }
        status(params, "Applied " + what + ": " + plan.writes().size() + " parameters, " + plan.keyCount()
                + " keyframes" + (plan.warnings().isEmpty() ? "." : "; " + plan.warnings().size() + " warning(s)."));
    }

    private void export(EditableParams params, double time) {
        String path = params.getString(PresetControls.EXPORT_PATH, time).strip();
        if (path.isEmpty()) {
            fail(params, "Export preset: choose a file in 'Export to' first.");
            return;
        }
        Path file = toPath(path, params, "Export preset");
        if (file == null) {
            return;
        }
        try {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            Preset preset = new PresetExporter(models).export(effectId, table, params, time, name, "");
            PresetWriter.write(preset, file);
            for (String w : preset.warnings()) {
                messages.warning(MESSAGE_ID, "export " + file + ": " + w);
            }
            int keys = preset.params().values().stream().mapToInt(e -> e.has("keys") ? e.getAsJsonArray("keys").size() : 0)
                    .sum();
            status(params, "Exported " + preset.params().size() + " parameters and " + keys + " keyframes to " + file
                    + ".");
        } catch (PresetException e) {
            fail(params, "Export failed: " + e.getMessage());
        }
    }

    private Path toPath(String path, EditableParams params, String what) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            fail(params, what + ": '" + path + "' is not a valid path: " + e.getReason());
            return null;
        }
    }

    /** Folders of the files the instance uses now: a shared preset's faces are often already there. */
    private List<Path> currentFileFolders(EditableParams params, double time) {
        List<Path> out = new ArrayList<>();
        for (ParamSpec spec : table.rows()) {
            if (spec.type() != ParamType.STRING || spec.stringKind() != StringKind.FILE_PATH
                    || PresetControls.isPresetControl(spec.id())) {
                continue;
            }
            for (String part : params.getString(spec.id(), time).split(";")) {
                try {
                    Path parent = part.isBlank() ? null : Path.of(part.strip()).toAbsolutePath().getParent();
                    if (parent != null && !out.contains(parent)) {
                        out.add(parent);
                    }
                } catch (InvalidPathException ignored) {
                    // Not a path: nothing to search there.
                }
            }
        }
        return out;
    }

    private void fail(EditableParams params, String text) {
        messages.error(MESSAGE_ID, text);
        status(params, text);
    }

    private void status(EditableParams params, String text) {
        params.setString(PresetControls.PRESET_STATUS, text);
    }
}
