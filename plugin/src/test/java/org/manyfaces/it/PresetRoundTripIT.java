package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;

/**
 * Through the real host: values and keyframes set on one instance are exported with the "Export preset"
 * button, and a new instance in a new run imports them with "Import preset": every parameter and every
 * key equals the original, and so does every frame of a range.
 */
class PresetRoundTripIT {
    @TempDir
    Path dir;

    static Map<String, String> isolated(Path dir) {
        return Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(), "MANYFACES_MODELS", dir.toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString());
    }

    static TestHost.Result run(Path dir, String plugin, String... extra) throws Exception {
        Path in = dir.resolve("in.pam");
        if (!Files.exists(in)) {
            TestImage.pattern(16, 12).writePam(in);
        }
        List<String> args = new ArrayList<>(List.of("--plugin", plugin, "--input", in.toString(), "--output",
                dir.resolve("o_%04d.pam").toString(), "--frames", "0-0"));
        args.addAll(List.of(extra));
        args.add("--dump-params");
        TestHost.Result r = TestHost.run(isolated(dir), args.toArray(String[]::new));
        assertEquals(0, r.exitCode, r.toString());
        return r;
    }

    /** Status lines: output of the effects, not part of a look. */
    private static final java.util.Set<String> STATUS_LINES = EffectCatalogue.effects().stream()
            .flatMap(e -> e.params().rows().stream())
            .filter(p -> p.type() == ParamType.STRING && p.stringKind() == StringKind.LABEL)
            .map(ParamSpec::id).collect(java.util.stream.Collectors.toSet());

    /** "value"/"key" lines of the look (preset controls and status lines excluded), in a stable order. */
    static List<String> look(TestHost.Result r) {
        List<String> out = new ArrayList<>();
        for (TestHost.Line l : r.lines) {
            if ((l.kind().equals("value") || l.kind().equals("key"))
                    && !PresetControls.isPresetControl(l.get("name")) && !STATUS_LINES.contains(l.get("name"))) {
                out.add(l.kind() + " " + l.fields());
            }
        }
        return out;
    }

    /** Value of each keyed param at each frame, interpolated linearly from the dumped keys (the host's curve). */
    static Map<String, Double> curves(TestHost.Result r, int from, int to) {
        Map<String, List<double[]>> keys = new TreeMap<>();
        for (TestHost.Line l : r.all("key")) {
            keys.computeIfAbsent(l.get("name"), k -> new ArrayList<>())
                    .add(new double[] {l.getDouble("t"), l.getDouble("v")});
        }
        Map<String, Double> out = new TreeMap<>();
        keys.forEach((name, ks) -> {
            for (int f = from; f <= to; f++) {
                double v;
                if (f <= ks.get(0)[0]) {
                    v = ks.get(0)[1];
                } else if (f >= ks.get(ks.size() - 1)[0]) {
                    v = ks.get(ks.size() - 1)[1];
                } else {
                    int i = 0;
                    while (ks.get(i + 1)[0] < f) {
                        i++;
                    }
                    double u = (f - ks.get(i)[0]) / (ks.get(i + 1)[0] - ks.get(i)[0]);
                    v = ks.get(i)[1] + u * (ks.get(i + 1)[1] - ks.get(i)[1]);
                }
                out.put(name + "@" + f, v);
            }
        });
        return out;
    }

    static boolean presetError(TestHost.Line message) {
        return message.get("id").equals("org.manyfaces.preset") && message.get("type").contains("Error");
    }

    @Test
    void faceSwapValuesAndKeysSurviveExportAndImport() throws Exception {
        Path preset = dir.resolve("look.json");
        TestHost.Result original = run(dir, "org.manyfaces.FaceSwap",
                "--set", "detector=SCRFD", "--set", "selectionMode=By index", "--set", "showDetections=1",
                "--set", "swapModel=Classic", "--set", "pixelBoost=512 px", "--set", "colourMatch=0.125",
                "--set", "watermarkLabel=Altered by AI (test)", "--set", "referenceDistance=0.75",
                "--key", "blend@0=0.2", "--key", "blend@10=0.9", "--key", "blend@24=0.35",
                "--key", "maskBlur@3=0.1", "--key", "maskBlur@7=0.55",
                "--key", "faceIndex@2=3", "--key", "faceIndex@8=7",
                "--key", "maskPadTop@0=12.5", "--key", "maskPadTop@12=40",
                "--set", "exportPath=" + preset, "--press", "exportPreset");
        assertTrue(Files.isRegularFile(preset), original.toString());
        assertTrue(original.messages().stream().noneMatch(PresetRoundTripIT::presetError), original.toString());
        String json = Files.readString(preset);
        assertTrue(json.contains("\"interpolation\": \"linear\""), json);
        assertFalse(json.contains(dir.toString()), "no local paths in the preset:\n" + json);

        TestHost.Result imported = run(dir, "org.manyfaces.FaceSwap",
                "--set", "importPath=" + preset, "--press", "importPreset");
        assertTrue(imported.messages().stream().noneMatch(PresetRoundTripIT::presetError), imported.toString());
        // No action failed: paramEditBegin/End were balanced (the host refuses an unbalanced End).
        assertTrue(imported.all("action").isEmpty() && original.all("action").isEmpty(), imported.toString());
        assertEquals(look(original), look(imported), imported.toString());
        assertEquals(4, imported.all("key").stream().map(l -> l.get("name")).distinct().count());
        assertEquals(curves(original, -2, 30), curves(imported, -2, 30));
        String status = imported.all("value").stream().filter(l -> l.get("name").equals("presetStatus")).findFirst()
                .orElseThrow().get("v");
        assertTrue(status.startsWith("Applied") && status.contains("9 keyframes"), status);
    }

    @Test
    void imageTranslateValuesAndKeysSurviveExportAndImport() throws Exception {
        Path preset = dir.resolve("tr.json");
        TestHost.Result original = run(dir, "org.manyfaces.ImageTranslate",
                "--set", "model=1", "--set", "fitting=Tiles", "--set", "region=Faces only",
                "--key", "mix@0=0", "--key", "mix@5=1", "--key", "mix@9=0.25",
                "--key", "tileSize@0=256", "--key", "tileSize@6=1000", "--set", "maskPadding=33.5",
                "--set", "exportPath=" + preset, "--press", "exportPreset");
        TestHost.Result imported = run(dir, "org.manyfaces.ImageTranslate",
                "--set", "importPath=" + preset, "--press", "importPreset");
        assertEquals(look(original), look(imported), imported.toString());
        assertEquals(curves(original, 0, 12), curves(imported, 0, 12));
        // The import replaced a different starting state, keys included.
        TestHost.Result overwritten = run(dir, "org.manyfaces.ImageTranslate", "--key", "mix@2=0.7", "--key", "mix@3=0.1",
                "--key", "tileOverlap@1=5", "--key", "tileOverlap@4=100", "--set", "region=Mask clip",
                "--set", "importPath=" + preset, "--press", "importPreset");
        assertEquals(look(original), look(overwritten), overwritten.toString());
    }
}
