package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error boundary in the host: a bad preset imported through the host's "Import preset" is reported as
 * an error message naming the field, every frame still renders, and no parameter changes.
 */
class PresetBadFileIT {
    @TempDir
    Path dir;

    private static final String HEAD = "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,"
            + "\"effect\":\"org.manyfaces.ImageTranslate\",\"params\":";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed        | {\"format\": \"manyfaces-preset\", \"params\": {\"mix\": {\"value\": 0.1} | truncated",
        "out of range     | " + HEAD + "{\"mix\":{\"value\":0.3},\"tileSize\":{\"value\":9000}}} | params.tileSize.value",
        "duplicate key    | " + HEAD + "{\"mix\":{\"value\":0.3,\"value\":0.4}}} | params.mix.value",
        "non-finite       | " + HEAD + "{\"mix\":{\"value\":0.3},\"maskBlur\":{\"value\":1e999}}} | params.maskBlur.value",
        "escaping path    | " + HEAD + "{\"mix\":{\"value\":0.3},\"modelFile\":{\"model\":{\"file\":\"../../etc/x.onnx\","
                + "\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}}}} | leads out",
        "missing model    | " + HEAD + "{\"mix\":{\"value\":0.3},\"modelFile\":{\"model\":{\"id\":\"superres_espcn_x3_y\"}}}}"
                + " | manyfaces models fetch superres_espcn_x3_y",
        "wrong type key   | " + HEAD + "{\"mix\":{\"keys\":[{\"t\":0,\"v\":0.2},{\"t\":3,\"v\":\"x\"}]}}} | params.mix.keys[1].v",
    })
    void aBadPresetIsReportedAndChangesNothing(String what, String json, String expectedInMessage) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, json);
        String[] common = {"--set", "model=1", "--key", "mix@0=0.9", "--key", "mix@4=0.6", "--set", "tileSize=700"};
        TestHost.Result before = PresetRoundTripIT.run(dir, "org.manyfaces.ImageTranslate", common);
        String[] withImport = concat(common, "--set", "importPath=" + bad, "--press", "importPreset");
        TestHost.Result after = PresetRoundTripIT.run(dir, "org.manyfaces.ImageTranslate", withImport);
        List<TestHost.Line> errors = after.messages().stream()
                .filter(m -> m.get("id").equals("org.manyfaces.preset") && m.get("type").contains("Error")).toList();
        assertEquals(1, errors.size(), after.toString());
        String text = errors.get(0).get("text");
        assertTrue(text.contains("nothing changed") && text.contains(bad.toString()) && text.contains(expectedInMessage),
                what + ": " + text);
        assertEquals(PresetRoundTripIT.look(before), PresetRoundTripIT.look(after), what + "\n" + after);
        assertEquals(0, after.one("summary").getInt("failed"), after.toString());
        assertTrue(after.all("action").isEmpty(), "the action itself did not fail: " + after);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
