package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.testsupport.SharedFiles;

import picocli.CommandLine;

/** {@code preset validate} and {@code preset show}: output and exit codes. */
class PresetCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new PresetCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path write(String params) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,\"effect\":\"org.manyfaces.FaceSwap\","
                + "\"name\":\"Fade\",\"description\":\"fades in\",\"params\":" + params + "}");
        return f;
    }

    @Test
    void validateAcceptsAGoodPreset() throws Exception {
        Path f = write("{\"blend\":{\"keys\":[{\"t\":0,\"v\":0},{\"t\":24,\"v\":1}]},\"detector\":{\"value\":\"SCRFD\"}}");
        assertEquals(ExitCodes.OK, run("validate", f.toString()), err.toString());
        assertTrue(out.toString().contains("ok: " + f) && out.toString().contains("2 parameters, 2 keyframes"), out.toString());
    }

    @Test
    void validateRefusesABadPresetNamingTheField() throws Exception {
        Path f = write("{\"blend\":{\"value\":2}}");
        assertEquals(ExitCodes.INPUT_UNREADABLE, run("validate", f.toString()));
        assertTrue(err.toString().contains(f.toString()) && err.toString().contains("params.blend.value"), err.toString());
    }

    @Test
    void aMissingModelIsAModelFailure() throws Exception {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,\"effect\":\"org.manyfaces.ImageTranslate\","
                + "\"params\":{\"modelFile\":{\"model\":{\"id\":\"inswapper_128\"}}}}");
        assertEquals(ExitCodes.MODEL_FAILURE, run("validate", f.toString()));
        assertTrue(err.toString().contains("inswapper_128"), err.toString());
    }

    @Test
    void showPrintsEveryParameterAndKey() throws Exception {
        Path f = write("{\"blend\":{\"keys\":[{\"t\":0,\"v\":0},{\"t\":24,\"v\":1,\"interpolation\":\"smooth\"}]},"
                + "\"detector\":{\"value\":\"SCRFD\"}}");
        assertEquals(ExitCodes.OK, run("show", f.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("name:        Fade"), text);
        assertTrue(text.contains("detector = SCRFD"), text);
        assertTrue(text.contains("key t=24.0 v=1.0 smooth"), text);
    }

    @Test
    void builtInPresetsCanBeNamedByFileNameOrByTheirName() {
        assertEquals(ExitCodes.OK, run("show", "face-natural-swap"), err.toString());
        assertTrue(out.toString().contains("name:        Natural swap"), out.toString());
        assertEquals(ExitCodes.OK, run("validate", "Natural swap"), err.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, run("show", "no-such-preset"));
        assertTrue(err.toString().contains("no built-in preset") && err.toString().contains("face-natural-swap"),
                err.toString());
    }

    @Test
    void showNeedsNoModelAndItsHintIsACommandThatInstallsIt() throws Exception {
        // A manifest whose ESPCN entry has a file name no machine has installed, so the model is missing here.
        String sha = "b91637384a6de5aed124b7ff00f82f87dfc4ee61c40746fbf51e2ab977c6b8dc";
        String packed = new String(PresetCommandTest.class.getResourceAsStream(ModelCatalogue.MANIFEST_RESOURCE)
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(packed.contains("\"file\": \"superres_espcn_x3_y.onnx\""), "manifest layout changed");
        Path manifest = Files.writeString(dir.resolve("manifest.json"),
                packed.replace("\"file\": \"superres_espcn_x3_y.onnx\"", "\"file\": \"espcn-not-installed-anywhere.onnx\""));
        Path preset = Files.writeString(dir.resolve("up.json"), "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,"
                + "\"effect\":\"org.manyfaces.ImageTranslate\",\"params\":{\"modelFile\":{\"model\":"
                + "{\"id\":\"superres_espcn_x3_y\",\"sha256\":\"" + sha + "\"}}}}");
        Path target = dir.resolve("models");

        CliRun shown = CliRun.inProcess("preset", "show", preset.toString(), "--manifest", manifest.toString(),
                "--models", target.toString());
        assertEquals(ExitCodes.OK, shown.code(), shown.toString());
        assertTrue(shown.out().contains("warning:") && shown.out().contains("not installed"), shown.toString());
        // Applying still refuses: only showing needs no model.
        assertEquals(ExitCodes.MODEL_FAILURE, CliRun.inProcess("preset", "validate", preset.toString(), "--manifest",
                manifest.toString(), "--models", target.toString()).code());

        // Messages are wrapped at the terminal width: read the hint as one line.
        String hint = shown.out().replaceAll("\\s+", " ");
        java.util.regex.Matcher install = java.util.regex.Pattern
                .compile("manyfaces (models install --from DIR superres_espcn_x3_y)").matcher(hint);
        assertTrue(install.find(), shown.out());
        java.util.regex.Matcher fetch = java.util.regex.Pattern
                .compile("manyfaces (models fetch superres_espcn_x3_y)").matcher(hint);
        assertTrue(fetch.find(), shown.out());
        assertEquals(ExitCodes.OK, CliRun.inProcess((fetch.group(1) + " --help").split(" ")).code(),
                "the fetch line names a command that exists");

        // Run the install line as printed, DIR being a folder that holds the model under its own name.
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(install.group(1)
                .replace("DIR", SharedFiles.model("superres_espcn_x3_y.onnx").getParent().toString()).split(" ")));
        args.addAll(java.util.List.of("--manifest", manifest.toString(), "--models", target.toString()));
        CliRun installed = CliRun.inProcess(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, installed.code(), installed.toString());

        CliRun again = CliRun.inProcess("preset", "show", preset.toString(), "--manifest", manifest.toString(),
                "--models", target.toString());
        assertEquals(ExitCodes.OK, again.code(), again.toString());
        assertTrue(again.out().replaceAll("\\s+", " ")
                        .contains("modelFile = " + target.resolve("espcn-not-installed-anywhere.onnx")),
                again.toString());
        assertTrue(!again.out().contains("warning:"), again.toString());
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run());
    }
}
