package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class ModelListReaderTest {
    private static final String SHA = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";

    @Test
    void readsLicenceObjectsAndStrings() throws Exception {
        String json = """
                {"version": 1, "models": [
                  {"id": "yunet", "kind": "detector", "file": "yunet.onnx", "size": 232589, "sha256": "%s",
                   "urls": ["https://a.example/yunet.onnx", "https://b.example/yunet.onnx"],
                   "licence": {"name": "MIT", "commercial": "y"}},
                  {"id": "inswapper_128", "file": "inswapper_128.onnx", "sha256": "%s",
                   "url": "https://c.example/inswapper_128.onnx", "licence": "Non-Commercial", "commercial": false},
                  {"id": "mystery", "file": "m.onnx"}
                ]}""".formatted(SHA, SHA.toUpperCase());

        List<ModelDownload> models = ModelListReader.parse(json, "test");

        ModelDownload yunet = models.get(0);
        assertEquals(232589, yunet.expectedSize().getAsLong());
        assertEquals(List.of(URI.create("https://a.example/yunet.onnx"), URI.create("https://b.example/yunet.onnx")),
                yunet.urls());
        assertEquals("MIT", yunet.licenceName());
        assertFalse(yunet.nonCommercial());
        ModelDownload swapper = models.get(1);
        assertTrue(swapper.nonCommercial());
        assertEquals(SHA, swapper.sha256(), "hashes are normalised to lower case");
        assertTrue(swapper.expectedSize().isEmpty());
        ModelDownload mystery = models.get(2);
        assertTrue(mystery.nonCommercial(), "unknown terms are treated as restricted");
        assertNull(mystery.sha256());
    }

    @Test
    void theProjectManifestFlagsNonCommercialWeightsFromItsCommercialUseField() throws Exception {
        // The real models/manifest.json (beside the plugin module) spells the flag "commercialUse".
        List<ModelDownload> all = ModelListReader.read(java.nio.file.Path.of("..", "models", "manifest.json"));
        ModelDownload yunet = all.stream().filter(m -> m.id().equals("yunet_2023mar")).findFirst().orElseThrow();
        ModelDownload inswapper = all.stream().filter(m -> m.id().equals("inswapper_128")).findFirst().orElseThrow();
        assertFalse(yunet.nonCommercial(), "YuNet is MIT: commercial use allowed");
        assertTrue(inswapper.nonCommercial(), "inswapper weights are non-commercial");
    }

    @Test
    void readsReleasesAndWhetherEachHashIsConfirmed() throws Exception {
        String other = "4c06341c33c2ca1f86781dab0e829f88ad5b64be9fba56e56bc9ebdefc619e43";
        String json = """
                {"models": [
                  {"id": "two", "file": "two.onnx", "urls": ["https://a.example/two.onnx"], "licence": "MIT",
                   "commercial": true, "releases": [
                     {"origin": "FaceFusion re-export", "size": 100, "sha256": "%s", "verified": false,
                      "sources": ["a"]},
                     {"origin": "upstream original", "size": 90, "sha256": "%s", "verified": true,
                      "sources": ["b", "c"]}]},
                  {"id": "pinned", "file": "p.onnx", "size": 5, "sha256": "%s"},
                  {"id": "one_source", "file": "o.onnx", "size": 5, "sha256": "%s", "verified": false},
                  {"id": "size_only", "file": "s.onnx", "size": 7, "verified": false}
                ]}""".formatted(SHA, other, SHA, SHA);

        List<ModelDownload> models = ModelListReader.parse(json, "test");

        ModelDownload two = models.get(0);
        assertEquals(List.of("FaceFusion re-export", "upstream original"),
                two.releases().stream().map(ModelDownload.Release::origin).toList());
        assertTrue(two.hasVerifiedHash(), "the original's hash has two sources");
        assertTrue(two.expectedSize().isEmpty(), "the releases differ in size");
        assertTrue(two.acceptsLength(90) && two.acceptsLength(100) && !two.acceptsLength(95));
        assertEquals("upstream original", two.match(90, other).orElseThrow().origin());
        assertTrue(two.match(100, other).isEmpty(), "a hash only counts with its own release's size");
        assertTrue(models.get(1).hasVerifiedHash(), "manifests before the verified field pinned checked hashes");
        assertFalse(models.get(2).hasVerifiedHash());
        assertEquals(SHA, models.get(2).sha256());
        ModelDownload sizeOnly = models.get(3);
        assertFalse(sizeOnly.hasVerifiedHash());
        assertEquals(7, sizeOnly.expectedSize().getAsLong());
        assertNull(sizeOnly.sha256());

        IOException bad = assertThrows(IOException.class, () -> ModelListReader.parse(
                "[{\"id\": \"x\", \"file\": \"x.onnx\", \"releases\": [{\"verified\": true}]}]", "m.json"));
        assertTrue(bad.getMessage().contains("models[0]") && bad.getMessage().contains("verified release needs a sha256"),
                bad.getMessage());
    }

    @Test
    void theProjectManifestsCommunityModelsHaveConfirmedHashesExceptWhereOneSourceStatesThem() throws Exception {
        List<ModelDownload> all = ModelListReader.read(java.nio.file.Path.of("..", "models", "manifest.json"));
        ModelDownload inswapper = all.stream().filter(m -> m.id().equals("inswapper_128")).findFirst().orElseThrow();
        assertEquals(2, inswapper.hashedReleases().size());
        assertTrue(inswapper.hasVerifiedHash());
        ModelDownload yunetFf = all.stream().filter(m -> m.id().equals("yunet_2023_mar_facefusion")).findFirst()
                .orElseThrow();
        assertFalse(yunetFf.hasVerifiedHash(), "no public SHA-256 of FaceFusion's YuNet was found");
    }

    @Test
    void badEntriesNameTheirIndex() {
        IOException e = assertThrows(IOException.class, () -> ModelListReader.parse(
                "{\"models\": [{\"id\": \"x\", \"file\": \"../../etc/passwd\"}]}", "m.json"));
        assertTrue(e.getMessage().contains("models[0]") && e.getMessage().contains("plain file name"), e.getMessage());
        IOException sha = assertThrows(IOException.class, () -> ModelListReader.parse(
                "[{\"id\": \"x\", \"file\": \"x.onnx\", \"sha256\": \"abc\"}]", "m.json"));
        assertTrue(sha.getMessage().contains("64 hex digits"), sha.getMessage());
        assertThrows(IOException.class, () -> ModelListReader.parse("{\"model\": []}", "m.json"));
        assertThrows(IOException.class, () -> ModelListReader.parse("{not json", "m.json"));
    }
}
