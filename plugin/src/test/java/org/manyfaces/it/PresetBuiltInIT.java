package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The bundle carries the built-in presets; each effect's "Preset" choice lists them (and the user's own),
 * and choosing one in the host applies exactly the values of its file.
 */
class PresetBuiltInIT {
    @TempDir
    Path dir;

    private Map<String, String> env(Path models) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("MANYFACES_MODELS", models.toString());
        return env;
    }

    @Test
    void everyBuiltInPresetAppliesThroughTheHost() throws Exception {
        Path bundled = TestHost.bundle().resolve("Contents/Resources/presets");
        List<Path> files;
        try (Stream<Path> s = Files.list(bundled)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(9, files.size(), "bundle presets: " + files);
        Path models = SharedFiles.model("superres_espcn_x3_y.onnx").getParent();
        Path in = dir.resolve("in.pam");
        TestImage.pattern(16, 12).writePam(in);
        for (Path f : files) {
            JsonObject doc = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            String effectId = doc.get("effect").getAsString();
            EffectDescriptor effect = EffectCatalogue.effects().stream().filter(e -> e.id().equals(effectId)).findFirst()
                    .orElseThrow();
            String label = doc.get("name").getAsString();
            TestHost.Result r = TestHost.run(env(models), "--plugin", effectId, "--input", in.toString(), "--output",
                    dir.resolve("o_%04d.pam").toString(), "--set", "preset=" + label, "--press", "preset",
                    "--dump-params");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.messages().stream().noneMatch(m -> m.get("id").equals("org.manyfaces.preset")), r.toString());
            Map<String, String> values = new HashMap<>();
            r.all("value").forEach(l -> values.put(l.get("name"), l.fields().getOrDefault("v", "")));
            assertEquals("0", values.get("preset"), "the choice returns to 'choose' after applying");
            assertTrue(values.get("presetStatus").startsWith("Applied " + label), values.get("presetStatus"));
            for (Map.Entry<String, JsonElement> e : doc.getAsJsonObject("params").entrySet()) {
                ParamSpec spec = effect.params().get(e.getKey());
                JsonObject entry = e.getValue().getAsJsonObject();
                String got = values.get(spec.id());
                String where = f.getFileName() + " " + spec.id();
                if (entry.has("model") && !entry.has("value")) {
                    assertEquals(models.resolve("superres_espcn_x3_y.onnx").toAbsolutePath().normalize().toString(), got,
                            where);
                    continue;
                }
                JsonElement v = entry.get("value");
                switch (spec.type()) {
                    case DOUBLE -> assertEquals(v.getAsDouble(), Double.parseDouble(got), 1e-9, where);
                    case INT -> assertEquals(v.getAsInt(), Integer.parseInt(got), where);
                    case BOOL -> assertEquals(v.getAsBoolean() ? "1" : "0", got, where);
                    case CHOICE -> assertEquals(spec.choices().indexOf(v.getAsString()), Integer.parseInt(got), where);
                    default -> assertEquals(v.getAsString(), got, where);
                }
            }
        }
    }

    @Test
    void theChoiceListsBuiltInAndUserPresets() throws Exception {
        Path user = Files.createDirectories(dir.resolve("config/manyfaces/presets"));
        Files.writeString(user.resolve("mine.json"), "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,"
                + "\"effect\":\"org.manyfaces.FaceSwap\",\"name\":\"Half blend\",\"params\":{\"blend\":{\"value\":0.5}}}");
        TestHost.Result d = TestHost.run(env(dir), "--describe", "org.manyfaces.FaceSwap");
        assertEquals(0, d.exitCode, d.toString());
        assertEquals("(choose a preset to apply)|Keep mouth|Natural swap|Natural swap + restore|Set-up view (detections shown)|Soft blend|"
                + "Strong identity|User: Half blend", d.param("preset").get("options"), d.toString());

        Path in = dir.resolve("in.pam");
        TestImage.pattern(8, 8).writePam(in);
        TestHost.Result r = TestHost.run(env(dir), "--plugin", "org.manyfaces.FaceSwap", "--input", in.toString(),
                "--output", dir.resolve("o_%04d.pam").toString(), "--set", "preset=User: Half blend", "--press",
                "preset", "--dump-params");
        assertEquals(0, r.exitCode, r.toString());
        assertEquals("0.5", r.all("value").stream().filter(l -> l.get("name").equals("blend")).findFirst().orElseThrow()
                .get("v"), r.toString());
    }
}
