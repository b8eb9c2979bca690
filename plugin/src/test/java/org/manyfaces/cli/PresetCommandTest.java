package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void noSubcommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run());
    }
}
