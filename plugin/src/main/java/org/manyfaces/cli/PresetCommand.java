package org.manyfaces.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.preset.Preset;
import org.manyfaces.preset.PresetException;
import org.manyfaces.preset.PresetLoader;
import org.manyfaces.preset.PresetPlan;
import org.manyfaces.preset.PresetPlanner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code manyfaces preset validate FILE|NAME} and {@code manyfaces preset show FILE|NAME}: check a preset
 * exactly as the plug-in would before applying it (JSON, types, ranges, model references), and print what it
 * sets. NAME is a built-in preset ({@link BuiltInPresets}). Exit codes: 0 valid, 3
 * ({@link ExitCodes#INPUT_UNREADABLE}) for a bad or unreadable preset, 5 ({@link ExitCodes#MODEL_FAILURE})
 * when only a model it references is missing or different; {@code show} needs no model, so a model that is
 * not installed is a warning there (with the command that installs it).
 */
@Command(name = "preset", mixinStandardHelpOptions = true,
        description = "Check and inspect ManyFaces preset files.",
        subcommands = {PresetCommand.Validate.class, PresetCommand.Show.class})
public final class PresetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** Result of checking one file. */
    private record Checked(Preset preset, PresetPlan plan) {
    }

    /**
     * Loads and plans the preset {@code given} names (a file, else a built-in preset) against its own effect;
     * prints the error and returns the exit code on failure.
     */
    private static Object check(String given, boolean forShowing, ModelCatalogue models, PrintWriter err) {
        Optional<Path> found = Files.exists(Path.of(given)) ? Optional.of(Path.of(given)) : BuiltInPresets.find(given);
        if (found.isEmpty()) {
            err.println("error: preset " + given + ": no such file, and no built-in preset has that name (built-in: "
                    + String.join(", ", BuiltInPresets.names()) + ")");
            return ExitCodes.INPUT_UNREADABLE;
        }
        Path file = found.get();
        try {
            Preset preset = new PresetLoader().load(file);
            EffectDescriptor effect = EffectCatalogue.effects().stream().filter(e -> e.id().equals(preset.effectId()))
                    .findFirst().orElseThrow(() -> new PresetException(file.toString(), "effect", "'"
                            + preset.effectId() + "' is not a ManyFaces effect (known: " + String.join(", ",
                            EffectCatalogue.effects().stream().map(EffectDescriptor::id).toList()) + ")", null));
            Path folder = file.toAbsolutePath().getParent();
            PresetPlan plan = (forShowing ? PresetPlanner.forShowing(models) : new PresetPlanner(models))
                    .plan(preset, effect.id(), effect.params(), folder, List.of());
            return new Checked(preset, plan);
        } catch (PresetException e) {
            String message = e.getMessage().startsWith("preset ") ? e.getMessage() : "preset " + file + ": " + e.getMessage();
            err.println("error: " + message);
            boolean model = e.field().contains(".model");
            return model ? ExitCodes.MODEL_FAILURE : ExitCodes.INPUT_UNREADABLE;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check FILE completely (as the plug-in does before applying it); print its warnings.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|NAME", description = "the preset JSON file, or the name of a built-in preset "
                + "(e.g. face-natural-swap)")
        String file;

        @Mixin
        ModelOptions modelOptions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Object r = check(file, false, modelOptions.catalogue(), spec.commandLine().getErr());
            if (r instanceof Integer code) {
                return code;
            }
            Checked c = (Checked) r;
            c.plan().warnings().forEach(w -> out.println("warning: " + w));
            out.println("ok: " + file + " (" + c.preset().effectId() + ", " + c.plan().writes().size() + " parameters, "
                    + c.plan().keyCount() + " keyframes)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the name, description and every parameter FILE sets (with keyframes). Needs no "
                    + "model: one that is not installed is a warning naming the command that installs it.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE|NAME", description = "the preset JSON file, or the name of a built-in preset "
                + "(e.g. face-natural-swap)")
        String file;

        @Mixin
        ModelOptions modelOptions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Object r = check(file, true, modelOptions.catalogue(), spec.commandLine().getErr());
            if (r instanceof Integer code) {
                return code;
            }
            Checked c = (Checked) r;
            Preset p = c.preset();
            out.println("name:        " + p.name());
            out.println("effect:      " + p.effectId());
            out.println("written by:  ManyFaces " + (p.manyFacesVersion().isEmpty() ? "(unknown)" : p.manyFacesVersion()));
            out.println("description: " + p.description());
            for (PresetPlan.ParamWrite w : c.plan().writes()) {
                JsonObject entry = p.params().get(w.spec().id());
                out.println("  " + w.spec().id() + " = " + shown(w, w.value()) + describeRef(entry));
                for (PresetPlan.Key k : w.keys()) {
                    out.println("    key t=" + k.time() + " v=" + shown(w, k.value()) + " " + k.interpolation().jsonName());
                }
            }
            c.plan().warnings().forEach(w -> out.println("warning: " + w));
            return ExitCodes.OK;
        }

        private static String shown(PresetPlan.ParamWrite w, Object v) {
            if (w.spec().choices().isEmpty() || !(v instanceof Integer i)) {
                return String.valueOf(v);
            }
            return w.spec().choices().get(i);
        }

        private static String describeRef(JsonObject entry) {
            if (entry == null) {
                return "";
            }
            for (Map.Entry<String, JsonElement> e : entry.entrySet()) {
                if (e.getKey().equals("model") || e.getKey().equals("files")) {
                    return "   (" + e.getKey() + " " + e.getValue() + ")";
                }
            }
            return "";
        }
    }
}
