package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.testsupport.SharedFiles;

/** Export then import reproduces every value and keyframe; the built-in presets load in their effects. */
class PresetRoundTripTest {
    @TempDir
    Path dir;

    /** Random values for every look param and random keys (with every interpolation) on animated ones. */
    static void randomise(InMemoryParams p, Random rnd, boolean withKeys) {
        for (ParamSpec s : p.table().rows()) {
            if (!s.type().hasValue() || PresetControls.isPresetControl(s.id())) {
                continue;
            }
            switch (s.type()) {
                case DOUBLE -> {
                    double lo = s.displayMin();
                    double hi = s.displayMax();
                    if (withKeys && s.animates() && rnd.nextBoolean()) {
                        int n = 1 + rnd.nextInt(4);
                        double t = rnd.nextInt(5) - 2;
                        for (int i = 0; i < n; i++) {
                            p.setDoubleAtTime(s.id(), t, lo + rnd.nextDouble() * (hi - lo));
                            p.setInterpolation(s.id(), t, Interpolation.values()[rnd.nextInt(3)]);
                            t += 0.5 + rnd.nextInt(6);
                        }
                    } else {
                        p.setDouble(s.id(), lo + rnd.nextDouble() * (hi - lo));
                    }
                }
                case INT -> {
                    int lo = (int) s.displayMin();
                    int hi = (int) s.displayMax();
                    if (withKeys && s.animates() && rnd.nextBoolean()) {
                        for (int i = 0, t = rnd.nextInt(3); i < 3; i++, t += 1 + rnd.nextInt(5)) {
                            p.setIntAtTime(s.id(), t, lo + rnd.nextInt(hi - lo + 1));
                            p.setInterpolation(s.id(), t, Interpolation.values()[rnd.nextInt(3)]);
                        }
                    } else {
                        p.setInt(s.id(), lo + rnd.nextInt(hi - lo + 1));
                    }
                }
                case BOOL -> p.setBool(s.id(), rnd.nextBoolean());
                case CHOICE -> {
                    int option = rnd.nextInt(s.choices().size());
                    // Options naming manifest models need the model installed to import: stay on the others.
                    while (s.optionModel(option).isPresent()) {
                        option--;
                    }
                    p.setChoice(s.id(), option);
                }
                case STRING -> {
                    if (s.stringKind() == StringKind.SINGLE_LINE) {
                        p.setString(s.id(), "label " + rnd.nextInt(1000) + " \u00e9\u4e2d \"quoted\"");
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Values of every look param at every quarter frame of [-3, 20]. */
    static List<String> sampled(InMemoryParams p) {
        List<String> out = new ArrayList<>();
        for (ParamSpec s : p.table().rows()) {
            if (!s.type().hasValue() || PresetControls.isPresetControl(s.id())) {
                continue;
            }
            for (double t = -3; t <= 20; t += 0.25) {
                Object v = switch (s.type()) {
                    case DOUBLE -> p.getDouble(s.id(), t);
                    case INT -> p.getInt(s.id(), t);
                    case BOOL -> p.getBool(s.id(), t);
                    case CHOICE -> p.getChoice(s.id(), t);
                    default -> p.getString(s.id(), t);
                };
                out.add(s.id() + "@" + t + "=" + v);
            }
        }
        return out;
    }

    @Test
    void exportThenImportReproducesValuesAndKeysOfBothEffects() throws Exception {
        Random rnd = new Random(42);
        ModelCatalogue models = ModelCatalogue.packed(List.of(dir));
        for (int round = 0; round < 20; round++) {
            for (EffectDescriptor effect : EffectCatalogue.effects()) {
                InMemoryParams original = new InMemoryParams(effect.params());
                randomise(original, rnd, true);
                Path file = dir.resolve("p" + round + ".json");
                PresetWriter.write(new PresetExporter(models).export(effect.id(), effect.params(), original, 0, "n", "d"),
                        file);
                InMemoryParams imported = new InMemoryParams(effect.params());
                randomise(imported, rnd, true);
                PresetPlan plan = PresetApplier.applyFile(file, effect.id(), effect.params(), imported, models);
                assertEquals(List.of(), plan.warnings());
                assertEquals(original.snapshot(), imported.snapshot(), effect.id() + " round " + round);
                assertEquals(sampled(original), sampled(imported));
                assertEquals(0, imported.editDepth());
            }
        }
    }

    @Test
    void filesTravelAsNameAndHashNeverAsPaths() throws Exception {
        Path faces = Files.createDirectories(dir.resolve("faces"));
        Path a = Files.write(faces.resolve("alice.jpg"), new byte[] {1, 2, 3});
        Path b = Files.write(faces.resolve("alice2.jpg"), new byte[] {4, 5});
        Path models = Files.createDirectories(dir.resolve("models"));
        Path custom = Files.write(Files.createDirectories(models.resolve("anime")).resolve("paint.onnx"), new byte[] {9, 9});
        ModelCatalogue catalog = ModelCatalogue.packed(List.of(models));

        InMemoryParams face = new InMemoryParams(EffectCatalogue.get(0).params());
        face.setString(FaceSwapEffect.SOURCE_FACES, a + ";" + b);
        Preset exported = new PresetExporter(catalog).export(FaceSwapEffect.ID, face.table(), face, 0, "", "");
        String json = PresetWriter.toJson(exported);
        assertFalse(json.contains(faces.toString()), "no folder in the preset:\n" + json);
        JsonObject ref = exported.params().get(FaceSwapEffect.SOURCE_FACES).getAsJsonArray("files").get(0).getAsJsonObject();
        assertEquals("alice.jpg", ref.get("name").getAsString());
        // SHA-256 of the bytes 01 02 03 as computed by coreutils sha256sum (independent of our code).
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", ref.get("sha256").getAsString());

        // The preset is shared: it lands in another folder together with the faces.
        Path elsewhere = Files.createDirectories(dir.resolve("shared"));
        Files.copy(a, elsewhere.resolve("alice.jpg"));
        Files.copy(b, elsewhere.resolve("alice2.jpg"));
        Files.writeString(elsewhere.resolve("look.json"), json);
        InMemoryParams target = new InMemoryParams(EffectCatalogue.get(0).params());
        PresetApplier.applyFile(elsewhere.resolve("look.json"), FaceSwapEffect.ID, target.table(), target, catalog);
        assertEquals(elsewhere.resolve("alice.jpg") + ";" + elsewhere.resolve("alice2.jpg"),
                target.getString(FaceSwapEffect.SOURCE_FACES, 0));

        // Without the faces the rest still applies, the faces param is kept and a warning says why.
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.writeString(bare.resolve("look.json"), json.replace("\"value\": 1.0", "\"value\": 0.5"));
        InMemoryParams other = new InMemoryParams(EffectCatalogue.get(0).params());
        other.setString(FaceSwapEffect.SOURCE_FACES, "/keep/me.jpg");
        PresetPlan plan = PresetApplier.applyFile(bare.resolve("look.json"), FaceSwapEffect.ID, other.table(), other, catalog);
        assertEquals("/keep/me.jpg", other.getString(FaceSwapEffect.SOURCE_FACES, 0));
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("alice.jpg") && w.contains("choose the file by hand")),
                plan.warnings().toString());

        // A custom model in a sub-folder of the models folder: relative file name + hash, found again.
        InMemoryParams tr = new InMemoryParams(EffectCatalogue.get(1).params());
        tr.setString(ImageTranslateEffect.MODEL_FILE, custom.toString());
        Preset p = new PresetExporter(catalog).export(ImageTranslateEffect.ID, tr.table(), tr, 0, "", "");
        JsonObject model = p.params().get(ImageTranslateEffect.MODEL_FILE).getAsJsonObject("model");
        assertEquals("paint.onnx", model.get("file").getAsString());
        InMemoryParams back = new InMemoryParams(EffectCatalogue.get(1).params());
        Path f = dir.resolve("m.json");
        PresetWriter.write(p, f);
        // Moved into the models folder's root: found by name, checked by hash.
        Files.move(custom, models.resolve("paint.onnx"));
        PresetApplier.applyFile(f, ImageTranslateEffect.ID, back.table(), back, catalog);
        assertEquals(models.resolve("paint.onnx").toString(), back.getString(ImageTranslateEffect.MODEL_FILE, 0));
    }

    @Test
    void aManifestModelIsReferencedByIdAndResolvedInTheModelsFolder() {
        Path espcn = SharedFiles.model("superres_espcn_x3_y.onnx");
        ModelCatalogue catalog = ModelCatalogue.packed(List.of(espcn.getParent()));
        InMemoryParams tr = new InMemoryParams(EffectCatalogue.get(1).params());
        tr.setString(ImageTranslateEffect.MODEL_FILE, espcn.toString());
        Preset p = new PresetExporter(catalog).export(ImageTranslateEffect.ID, tr.table(), tr, 0, "", "");
        JsonObject model = p.params().get(ImageTranslateEffect.MODEL_FILE).getAsJsonObject("model");
        assertEquals("superres_espcn_x3_y", model.get("id").getAsString());
        assertFalse(model.has("file"));
    }

    @Test
    void aModelChoiceCarriesItsManifestIdAndNeedsTheModelInstalled() throws Exception {
        Path espcn = SharedFiles.model("superres_espcn_x3_y.onnx");
        EffectDescriptor tr = EffectCatalogue.get(1);
        int option = tr.params().get(ImageTranslateEffect.MODEL).choices()
                .indexOf("superres_espcn_x3_y (x3 super-resolution)");
        assertTrue(option >= ImageTranslateEffect.MODEL_FIRST_MANIFEST, "the manifest translator is offered");
        InMemoryParams p = new InMemoryParams(tr.params());
        p.setChoice(ImageTranslateEffect.MODEL, option);
        Path f = dir.resolve("up.json");
        PresetWriter.write(new PresetExporter(ModelCatalogue.packed(List.of()))
                .export(tr.id(), tr.params(), p, 0, "", ""), f);
        JsonObject ref = JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonObject("params")
                .getAsJsonObject(ImageTranslateEffect.MODEL).getAsJsonObject("model");
        assertEquals("superres_espcn_x3_y", ref.get("id").getAsString());
        assertEquals("b91637384a6de5aed124b7ff00f82f87dfc4ee61c40746fbf51e2ab977c6b8dc", ref.get("sha256").getAsString());

        InMemoryParams without = new InMemoryParams(tr.params());
        String before = without.snapshot();
        PresetException e = org.junit.jupiter.api.Assertions.assertThrows(PresetException.class, () -> PresetApplier
                .applyFile(f, tr.id(), tr.params(), without, ModelCatalogue.packed(List.of(dir))));
        assertTrue(e.getMessage().contains("manyfaces models fetch superres_espcn_x3_y"), e.getMessage());
        assertEquals(before, without.snapshot());

        InMemoryParams with = new InMemoryParams(tr.params());
        PresetApplier.applyFile(f, tr.id(), tr.params(), with, ModelCatalogue.packed(List.of(espcn.getParent())));
        assertEquals(option, with.getChoice(ImageTranslateEffect.MODEL, 0));
    }

    static List<Path> builtIns() throws Exception {
        Path folder = Path.of("..", "presets");
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyBuiltInPresetLoadsInItsEffectWithoutWarnings() throws Exception {
        List<Path> files = builtIns();
        assertEquals(6, files.size(), files.toString());
        ModelCatalogue catalog = ModelCatalogue.packed(List.of(SharedFiles.model("superres_espcn_x3_y.onnx").getParent()));
        int perEffect[] = new int[2];
        for (Path f : files) {
            // Expected values straight from the file with plain Gson, not through the preset code.
            JsonObject doc = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
            String effectId = doc.get("effect").getAsString();
            int index = effectId.equals(FaceSwapEffect.ID) ? 0 : 1;
            perEffect[index]++;
            EffectDescriptor effect = EffectCatalogue.get(index);
            assertFalse(doc.get("name").getAsString().isBlank(), f.toString());
            assertTrue(doc.get("description").getAsString().length() > 40, f + " explains itself");
            InMemoryParams params = new InMemoryParams(effect.params());
            PresetPlan plan = PresetApplier.applyFile(f, effectId, effect.params(), params, catalog);
            assertEquals(List.of(), plan.warnings(), f.toString());
            for (Map.Entry<String, JsonElement> e : doc.getAsJsonObject("params").entrySet()) {
                ParamSpec s = effect.params().get(e.getKey());
                JsonElement v = e.getValue().getAsJsonObject().get("value");
                if (v == null) {
                    continue;
                }
                switch (s.type()) {
                    case DOUBLE -> assertEquals(v.getAsDouble(), params.getDouble(s.id(), 0), f + " " + s.id());
                    case INT -> assertEquals(v.getAsInt(), params.getInt(s.id(), 0), f + " " + s.id());
                    case BOOL -> assertEquals(v.getAsBoolean(), params.getBool(s.id(), 0), f + " " + s.id());
                    case CHOICE -> assertEquals(v.getAsString(), s.choices().get(params.getChoice(s.id(), 0)),
                            f + " " + s.id());
                    default -> assertEquals(v.getAsString(), params.getString(s.id(), 0), f + " " + s.id());
                }
            }
            assertTrue(index == 1 || params.getBool(FaceSwapEffect.WATERMARK, 0), "presets never switch the "
                    + "disclosure watermark off: " + f);
        }
        assertEquals(4, perEffect[0]);
        assertEquals(2, perEffect[1]);
    }

    @Test
    void theLibraryListsBuiltInThenUserPresetsPerEffect() throws Exception {
        Path user = Files.createDirectories(dir.resolve("user"));
        Files.writeString(user.resolve("mine.json"), PresetLoaderTest.face("{\"blend\":{\"value\":0.3}}")
                .replace("\"params\"", "\"name\":\"My look\",\"params\""));
        Files.writeString(user.resolve("broken.json"), "{");
        PresetLibrary lib = new PresetLibrary(List.of(Path.of("..", "presets")), user);
        List<String> face = lib.entries(FaceSwapEffect.ID).stream().map(PresetLibrary.Entry::label).toList();
        assertEquals(List.of("Natural swap", "Set-up view (detections shown)", "Soft blend", "Strong identity",
                "User: My look"), face);
        List<String> tr = lib.entries(ImageTranslateEffect.ID).stream().map(PresetLibrary.Entry::label).toList();
        assertEquals(List.of("Anime face (faces only)", "Upscale x3 (ESPCN)"), tr);
    }

    @Test
    void userFolderFollowsThePlatform() {
        assertEquals(Path.of("/h/.config/manyfaces/presets"), PresetLibrary.userFolder(Map.of(), "Linux", "/h"));
        assertEquals(Path.of("/x/manyfaces/presets"), PresetLibrary.userFolder(Map.of("XDG_CONFIG_HOME", "/x"), "Linux", "/h"));
        assertEquals(Path.of("/h/Library/Application Support/ManyFaces/presets"),
                PresetLibrary.userFolder(Map.of(), "Mac OS X", "/h"));
        assertEquals(Path.of("/appdata/ManyFaces/presets"),
                PresetLibrary.userFolder(Map.of("APPDATA", "/appdata"), "Windows 11", "/h"));
    }

    @Test
    void exportMeasuresTheHostsInterpolation() {
        // A host double whose curves are linear for blend and smooth for maskBlur: only the key calls and
        // values at times are visible, as over OFX.
        InMemoryParams truth = new InMemoryParams(EffectCatalogue.get(0).params());
        truth.setDoubleAtTime("blend", 0, 0.1);
        truth.setDoubleAtTime("blend", 10, 0.9);
        truth.setDoubleAtTime("maskBlur", 0, 0.1);
        truth.setDoubleAtTime("maskBlur", 4, 0.8);
        truth.setDoubleAtTime("maskBlur", 10, 0.2);
        truth.setInterpolation("maskBlur", 0, Interpolation.SMOOTH);
        truth.setInterpolation("maskBlur", 4, Interpolation.CONSTANT);
        org.manyfaces.effect.EditableParams opaque = HostDouble.over(truth);
        Preset p = new PresetExporter(ModelCatalogue.packed(List.of())).export(FaceSwapEffect.ID, truth.table(), opaque,
                0, "", "");
        var blur = p.params().get("maskBlur").getAsJsonArray("keys");
        assertEquals("smooth", blur.get(0).getAsJsonObject().get("interpolation").getAsString());
        assertEquals("constant", blur.get(1).getAsJsonObject().get("interpolation").getAsString());
        assertEquals("linear", p.params().get("blend").getAsJsonArray("keys").get(0).getAsJsonObject()
                .get("interpolation").getAsString());
        assertEquals(ParamType.DOUBLE, truth.table().get("blend").type());
    }
}
