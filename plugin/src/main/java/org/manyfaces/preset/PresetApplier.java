package org.manyfaces.preset;

import java.nio.file.Path;
import java.util.List;

import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.inference.ModelCatalogue;

/**
 * Writes a checked {@link PresetPlan} into parameters: per parameter, every key is deleted, then either
 * the keys or the constant value are set, all inside one {@code beginEdit/endEdit} (one undo step in a
 * host). Since the plan was validated completely, nothing the file says can stop this half-way.
 */
public final class PresetApplier {
    private PresetApplier() {
    }

    /**
     * Loads, checks and applies preset {@code file} to {@code params} of effect {@code effectId} (how the CLI
     * seeds a render with {@code --preset FILE}). Throws {@link PresetException} and changes nothing when the
     * file is bad; returns the applied plan, whose warnings the caller should show.
     */
    public static PresetPlan applyFile(Path file, String effectId, ParamTable table, EditableParams params,
                                       ModelCatalogue models) {
        Preset preset = new PresetLoader().load(file);
        PresetPlan plan;
        try {
            plan = new PresetPlanner(models).plan(preset, effectId, table, file.toAbsolutePath().getParent(), List.of());
        } catch (PresetException e) {
            throw e.in(file.toString());
        }
        apply(plan, params, "Apply preset " + file.getFileName());
        return plan;
    }

    /** Applies {@code plan}; {@code undoName} names the undo step ("Apply preset Natural swap"). */
    public static void apply(PresetPlan plan, EditableParams params, String undoName) {
        params.beginEdit(undoName);
        try {
            for (PresetPlan.ParamWrite w : plan.writes()) {
                write(w, params);
            }
        } finally {
            params.endEdit();
        }
    }

    private static void write(PresetPlan.ParamWrite w, EditableParams params) {
        String id = w.spec().id();
        ParamType type = w.spec().type();
        params.deleteAllKeys(id);
        if (w.keys().isEmpty()) {
            switch (type) {
                case DOUBLE -> params.setDouble(id, (Double) w.value());
                case INT -> params.setInt(id, (Integer) w.value());
                case BOOL -> params.setBool(id, (Boolean) w.value());
                case CHOICE -> params.setChoice(id, (Integer) w.value());
                case STRING -> params.setString(id, (String) w.value());
                default -> throw new IllegalStateException("no value to write for " + type + " '" + id + "'");
            }
            return;
        }
        for (PresetPlan.Key k : w.keys()) {
            switch (type) {
                case DOUBLE -> params.setDoubleAtTime(id, k.time(), (Double) k.value());
                case INT -> params.setIntAtTime(id, k.time(), (Integer) k.value());
                case BOOL -> params.setBoolAtTime(id, k.time(), (Boolean) k.value());
                case CHOICE -> params.setChoiceAtTime(id, k.time(), (Integer) k.value());
                default -> throw new IllegalStateException(type + " '" + id + "' cannot take keys");
            }
            if (params instanceof InMemoryParams mem) {
                // OFX cannot set a host's interpolation; in memory the preset's own is honoured.
                mem.setInterpolation(id, k.time(), k.interpolation());
            }
        }
    }
}
