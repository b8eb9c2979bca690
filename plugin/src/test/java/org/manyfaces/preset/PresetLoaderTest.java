package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.inference.ModelCatalogue;

/** Every kind of bad preset is refused with the field and the reason; good ones load with their warnings. */
class PresetLoaderTest {
    @TempDir
    Path dir;

    static final ParamTable FACE = EffectCatalogue.get(0).params();
    static final ParamTable TRANSLATE = EffectCatalogue.get(1).params();

    static String doc(String effect, String params) {
        return "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,\"effect\":\"" + effect + "\",\"params\":" + params + "}";
    }

    static String face(String params) {
        return doc(FaceSwapEffect.ID, params);
    }

    private static Preset load(String json) {
        return new PresetLoader().parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    private PresetPlan plan(String json, ParamTable table, String effect) {
        return new PresetPlanner(ModelCatalogue.packed(List.of(dir)))
                .plan(load(json), effect, table, dir, List.of());
    }

    private PresetException refused(String json) {
        return assertThrows(PresetException.class, () -> plan(json, FACE, FaceSwapEffect.ID));
    }

    private PresetException refusedTranslate(String json) {
        return assertThrows(PresetException.class, () -> plan(json, TRANSLATE, ImageTranslateEffect.ID));
    }

    @Test
    void aGoodPresetBecomesTypedWrites() {
        PresetPlan p = plan(face("{\"blend\":{\"value\":0.25},\"detector\":{\"value\":\"SCRFD\"},"
                + "\"faceIndex\":{\"value\":3},\"showDetections\":{\"value\":true},"
                + "\"maskBlur\":{\"value\":0.3,\"keys\":[{\"t\":0,\"v\":0.1},{\"t\":10,\"v\":0.9,\"interpolation\":\"smooth\"}]}}"),
                FACE, FaceSwapEffect.ID);
        assertEquals(5, p.writes().size());
        assertEquals(List.of(), p.warnings());
        PresetPlan.ParamWrite detector = p.writes().stream().filter(w -> w.spec().id().equals("detector")).findFirst()
                .orElseThrow();
        assertEquals(1, detector.value(), "SCRFD is option 1");
        PresetPlan.ParamWrite blur = p.writes().stream().filter(w -> w.spec().id().equals("maskBlur")).findFirst()
                .orElseThrow();
        assertEquals(2, blur.keys().size());
        assertEquals(Interpolation.SMOOTH, blur.keys().get(1).interpolation());
        assertEquals(Interpolation.LINEAR, blur.keys().get(0).interpolation(), "linear when not said");
    }

    @Test
    void malformedAndTruncatedJsonNameTheProblem() {
        PresetException e = refused("{\"format\": \"manyfaces-preset\", ");
        assertTrue(e.getMessage().contains("test.json"), e.getMessage());
        assertTrue(e.reason().contains("truncated") || e.reason().contains("malformed"), e.getMessage());
        e = refused("{\"format\" \"x\"}");
        assertTrue(e.reason().contains("malformed"), e.getMessage());
        e = refused("[1,2]");
        assertTrue(e.reason().contains("JSON object"), e.getMessage());
        e = refused(face("{}") + " trailing");
        assertTrue(e.reason().contains("after") || e.reason().contains("malformed"), e.getMessage());
    }

    @Test
    void wrongTypesNameTheField() {
        PresetException e = refused(face("{\"blend\":{\"value\":\"high\"}}"));
        assertEquals("params.blend.value", e.field());
        assertTrue(e.reason().contains("must be a number"), e.reason());
        e = refused(face("{\"showDetections\":{\"value\":1}}"));
        assertEquals("params.showDetections.value", e.field());
        e = refused(face("{\"detector\":{\"value\":1}}"));
        assertEquals("params.detector.value", e.field());
        e = refused(face("{\"faceIndex\":{\"value\":2.5}}"));
        assertTrue(e.reason().contains("whole number"), e.reason());
        e = refused(face("{\"blend\":3}"));
        assertEquals("params.blend", e.field());
        e = refused(doc(FaceSwapEffect.ID, "[]"));
        assertEquals("params", e.field());
        e = refused(face("{\"blend\":{}}"));
        assertTrue(e.reason().contains("neither"), e.reason());
    }

    @Test
    void outOfRangeValuesAreRefusedNotClamped() {
        PresetException e = refused(face("{\"blend\":{\"value\":1.5}}"));
        assertEquals("params.blend.value", e.field());
        assertTrue(e.reason().contains("[0, 1]") && e.reason().contains("not clamped"), e.reason());
        e = refused(face("{\"faceIndex\":{\"value\":-1}}"));
        assertTrue(e.reason().contains("[0, 255]"), e.reason());
        e = refused(face("{\"blend\":{\"keys\":[{\"t\":0,\"v\":0.5},{\"t\":4,\"v\":-0.1}]}}"));
        assertEquals("params.blend.keys[1].v", e.field());
    }

    @Test
    void unknownChoiceLabelListsTheOptions() {
        PresetException e = refused(face("{\"detector\":{\"value\":\"MTCNN\"}}"));
        assertTrue(e.reason().contains("YuNet | SCRFD | RetinaFace"), e.reason());
    }

    @Test
    void badKeyframesAreRefused() {
        assertEquals("params.blend.keys[1].t",
                refused(face("{\"blend\":{\"keys\":[{\"t\":5,\"v\":0.5},{\"t\":5,\"v\":0.6}]}}")).field());
        assertEquals("params.blend.keys[0].v", refused(face("{\"blend\":{\"keys\":[{\"t\":5}]}}")).field());
        assertEquals("params.blend.keys[0].interpolation",
                refused(face("{\"blend\":{\"keys\":[{\"t\":5,\"v\":1,\"interpolation\":\"bezier\"}]}}")).field());
        assertEquals("params.blend.keys", refused(face("{\"blend\":{\"keys\":{}}}")).field());
        assertEquals("params.blend.keys[0].t", refused(face("{\"blend\":{\"keys\":[{\"t\":1e12,\"v\":1}]}}")).field());
    }

    @Test
    void duplicateKeysAreDetectedAtAnyDepth() {
        PresetException e = refused(face("{\"blend\":{\"value\":1,\"value\":0.5}}"));
        assertEquals("params.blend.value", e.field());
        assertTrue(e.reason().contains("duplicate key"), e.reason());
        e = refused("{\"format\":\"manyfaces-preset\",\"format\":\"manyfaces-preset\",\"schemaVersion\":1}");
        assertEquals("format", e.field());
        e = refused(face("{\"blend\":{\"value\":1},\"blend\":{\"value\":0}}"));
        assertEquals("params.blend", e.field());
    }

    @Test
    void nanAndInfinityAreRefused() {
        assertTrue(refused(face("{\"blend\":{\"value\":NaN}}")).reason().contains("malformed"));
        assertTrue(refused(face("{\"blend\":{\"value\":-Infinity}}")).reason().contains("malformed"));
        PresetException e = refused(face("{\"blend\":{\"value\":1e999}}"));
        assertEquals("params.blend.value", e.field());
        assertTrue(e.reason().contains("infinite"), e.reason());
        assertTrue(refused(face("{\"blend\":{\"value\":\"NaN\"}}")).reason().contains("must be a number"));
    }

    @Test
    void deepNestingHugeStringsAndHugeFilesAreRefused() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        PresetException e = refused(face("{\"blend\":{\"value\":" + deep + "}}"));
        assertTrue(e.reason().contains("nested deeper") || e.reason().contains("malformed"), e.reason());
        e = refused(face("{\"watermarkLabel\":{\"value\":\"" + "x".repeat(100_000) + "\"}}"));
        assertEquals("params.watermarkLabel.value", e.field());
        assertTrue(e.reason().contains("characters"), e.reason());
        Path big = dir.resolve("big.json");
        Files.writeString(big, face("{}") + " ".repeat(PresetFormat.MAX_BYTES));
        e = assertThrows(PresetException.class, () -> new PresetLoader().load(big));
        assertTrue(e.reason().contains("1 MiB"), e.reason());
        e = assertThrows(PresetException.class, () -> new PresetLoader().load(dir.resolve("absent.json")));
        assertTrue(e.reason().contains("no such file"), e.reason());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] bytes = face("{\"watermarkLabel\":{\"value\":\"ab\"}}").getBytes(StandardCharsets.UTF_8);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("ab");
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;
        byte[] b = bytes;
        PresetException e = assertThrows(PresetException.class, () -> new PresetLoader().parse(b, "x"));
        assertTrue(e.reason().contains("UTF-8"), e.reason());
    }

    @Test
    void wrongEffectOrFormatIsRefused() {
        PresetException e = assertThrows(PresetException.class, () -> plan(face("{}"), TRANSLATE, ImageTranslateEffect.ID));
        assertEquals("effect", e.field());
        e = refused("{\"format\":\"something-else\",\"schemaVersion\":1,\"effect\":\"x\",\"params\":{}}");
        assertEquals("format", e.field());
        e = refused("{\"format\":\"manyfaces-preset\",\"effect\":\"x\",\"params\":{}}");
        assertEquals("schemaVersion", e.field());
    }

    @Test
    void modelPathsMayNotEscapeTheModelsFolder() {
        String sha = "0".repeat(64);
        for (String bad : List.of("../x.onnx", "/etc/passwd", "sub/../../x.onnx", "C:\\\\models\\\\x.onnx", "~/x.onnx",
                "a//b.onnx")) {
            PresetException e = refusedTranslate(doc(ImageTranslateEffect.ID, "{\"modelFile\":{\"model\":{\"file\":\""
                    + bad + "\",\"sha256\":\"" + sha + "\"}}}"));
            assertEquals("params.modelFile.model.file", e.field(), bad);
            assertTrue(e.reason().contains("absolute") || e.reason().contains("leads out"), e.reason());
        }
        PresetException e = refusedTranslate(doc(ImageTranslateEffect.ID, "{\"modelFile\":{\"value\":\"/home/me/m.onnx\"}}"));
        assertEquals("params.modelFile.value", e.field());
        assertTrue(e.reason().contains("never holds a file path"), e.reason());
        e = refused(face("{\"sourceFaces\":{\"files\":[{\"name\":\"../a.jpg\",\"sha256\":\"" + sha + "\"}]}}"));
        assertEquals("params.sourceFaces.files[0].name", e.field());
    }

    @Test
    void aMissingModelNamesItsManifestIdAndHowToInstallIt() {
        String sha = "b91637384a6de5aed124b7ff00f82f87dfc4ee61c40746fbf51e2ab977c6b8dc";
        PresetException e = refusedTranslate(doc(ImageTranslateEffect.ID,
                "{\"modelFile\":{\"model\":{\"id\":\"superres_espcn_x3_y\",\"sha256\":\"" + sha + "\"}}}"));
        assertEquals("params.modelFile.model.id", e.field());
        assertTrue(e.reason().contains("not installed") && e.reason().contains("manyfaces models fetch superres_espcn_x3_y"), e.reason());
        e = refusedTranslate(doc(ImageTranslateEffect.ID,
                "{\"modelFile\":{\"model\":{\"file\":\"renamed.onnx\",\"sha256\":\"" + sha + "\"}}}"));
        assertTrue(e.reason().contains("manifest model 'superres_espcn_x3_y'"), e.reason());
        e = refusedTranslate(doc(ImageTranslateEffect.ID, "{\"modelFile\":{\"model\":{\"id\":\"no_such_model\"}}}"));
        assertTrue(e.reason().contains("unknown model id") && e.reason().contains("inswapper_128"), e.reason());
    }

    @Test
    void aModelWithDifferentContentIsRefused() throws Exception {
        Files.write(dir.resolve("superres_espcn_x3_y.onnx"), new byte[] {1, 2, 3});
        PresetException e = refusedTranslate(doc(ImageTranslateEffect.ID,
                "{\"modelFile\":{\"model\":{\"id\":\"superres_espcn_x3_y\"}}}"));
        assertTrue(e.reason().contains("SHA-256"), e.reason());
    }

    @Test
    void unknownFieldsAndParamsAreKeptAndIgnoredWithWarnings() {
        String json = "{\"format\":\"manyfaces-preset\",\"schemaVersion\":1,\"effect\":\"" + FaceSwapEffect.ID + "\","
                + "\"lookTags\":[\"warm\"],\"params\":{\"blend\":{\"value\":0.5,\"curve\":\"x\"},"
                + "\"futureParam\":{\"value\":1},\"providerStatus\":{\"value\":\"x\"}}}";
        PresetPlan p = plan(json, FACE, FaceSwapEffect.ID);
        assertEquals(1, p.writes().size());
        assertEquals(4, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("lookTags")));
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("futureParam")));
        JsonObject rewritten = JsonParser.parseString(PresetWriter.toJson(p.preset())).getAsJsonObject();
        assertEquals("warm", rewritten.getAsJsonArray("lookTags").get(0).getAsString(), "kept when written again");
    }

    @Test
    void aNewerSchemaLoadsWithAWarning() {
        Preset p = load(face("{}").replace("\"schemaVersion\":1", "\"schemaVersion\":7"));
        assertTrue(p.warnings().get(0).contains("schema 7"), p.warnings().toString());
    }

    /** A synthetic schema 0 named the effect "effectId" and stored plain values: the mechanism migrates it. */
    @Test
    void olderSchemasAreMigratedStepByStep() {
        PresetMigration zeroToOne = new PresetMigration() {
            @Override
            public int fromVersion() {
                return 0;
            }

            @Override
            public JsonObject migrate(JsonObject d) {
                d.add("effect", d.remove("effectId"));
                JsonObject params = new JsonObject();
                for (var e : d.getAsJsonObject("values").entrySet()) {
                    JsonObject entry = new JsonObject();
                    entry.add("value", e.getValue());
                    params.add(e.getKey(), entry);
                }
                d.remove("values");
                d.add("params", params);
                return d;
            }

            @Override
            public String summary() {
                return "effectId renamed to effect; values became params entries";
            }
        };
        String v0 = "{\"format\":\"manyfaces-preset\",\"schemaVersion\":0,\"effectId\":\"" + FaceSwapEffect.ID
                + "\",\"values\":{\"blend\":0.4}}";
        Preset p = new PresetLoader(new PresetMigrations(1, List.of(zeroToOne)))
                .parse(v0.getBytes(StandardCharsets.UTF_8), "old.json");
        assertEquals(FaceSwapEffect.ID, p.effectId());
        assertEquals(0.4, p.params().get("blend").get("value").getAsDouble());
        assertTrue(p.warnings().get(0).contains("migrated from schema 0 to 1"), p.warnings().toString());

        PresetException e = assertThrows(PresetException.class, () -> load(v0));
        assertEquals("schemaVersion", e.field());
        assertTrue(e.reason().contains("no migration from schema 0"), e.reason());
    }
}
