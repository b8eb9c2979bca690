package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelManifest;

/** Preset model references to a model that accepts two builds (FaceFusion's re-export and the original). */
class FileReferencesReleasesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void eitherBuildSatisfiesAnIdButAPinnedBuildAndAThirdFileDoNot() throws Exception {
        byte[] reexport = bytes(600, 1);
        byte[] original = bytes(500, 2);
        String json = """
                {"schemaVersion": 1, "models": [
                 {"id": "det", "kind": "detector", "family": "yunet", "file": "det.onnx",
                  "releases": [
                    {"origin": "FaceFusion re-export", "size": 600, "sha256": "%s", "verified": true, "sources": ["a", "b"]},
                    {"origin": "upstream original", "size": 500, "sha256": "%s", "verified": true, "sources": ["c", "d"]}],
                  "urls": ["https://example.org/det.onnx"],
                  "licence": {"id": "MIT", "name": "MIT", "commercialUse": true, "url": "https://example.org/l"},
                  "inputs": [{"name": "input", "type": "float", "shape": [1, 3, 8, 8]}],
                  "outputs": [{"name": "o", "type": "float", "shape": [1, 4]}],
                  "colourOrder": "BGR", "normalisation": {"mean": [0], "std": [1]}}
                ]}""".formatted(sha(reexport), sha(original));
        FileReferences refs = new FileReferences(new ModelCatalogue(ModelManifest.parse(json), "test", List.of(dir)));
        Path file = Files.write(dir.resolve("det.onnx"), original);

        assertEquals(file, refs.resolveModel(JsonParser.parseString("{\"id\": \"det\"}"), "m", null));
        assertEquals("det", refs.modelReference(file).get("id").getAsString(), "the original is known by its hash");
        // A preset made with the re-export wants that build, not the original the user has.
        PresetException pinned = assertThrows(PresetException.class, () -> refs.resolveModel(JsonParser.parseString(
                "{\"id\": \"det\", \"sha256\": \"" + sha(reexport) + "\"}"), "m", null));
        assertTrue(pinned.getMessage().contains(sha(original)), pinned.getMessage());
        // A hash no release has is refused before looking at the file.
        String third = sha(bytes(500, 3));
        PresetException unknown = assertThrows(PresetException.class, () -> refs.resolveModel(JsonParser.parseString(
                "{\"id\": \"det\", \"sha256\": \"" + third + "\"}"), "m", null));
        assertTrue(unknown.getMessage().contains(sha(reexport) + " or " + sha(original)), unknown.getMessage());
        // A different file under the model's name fails an id reference too.
        Files.write(file, bytes(500, 4));
        PresetException wrong = assertThrows(PresetException.class, () -> refs.resolveModel(JsonParser.parseString(
                "{\"id\": \"det\"}"), "m", null));
        assertTrue(wrong.getMessage().contains("not the manifest's"), wrong.getMessage());
    }
}
