package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

class ModelManifestTest {
    private static InferenceEngine cpu;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cpu = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    static Path manifestFile() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path m = p.resolve("models").resolve("manifest.json");
            if (Files.isRegularFile(m)) {
                return m;
            }
        }
        throw new AssertionError("models/manifest.json not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyEntryIsWellFormedAndTheCommunityModelsArePresent() {
        ModelManifest m = ModelManifest.load(manifestFile());
        for (String id : List.of("inswapper_128", "inswapper_128_fp16", "arcface_w600k_r50", "scrfd_2.5g",
                "retinaface_10g", "yunet_2023mar", "hyperswap_1a_256", "yunet_s_dynamic", "scrfd_500m_bnkps",
                "retinaface_mbnet0.25", "mobilefacenet_foamliu", "superres_espcn_x3_y")) {
            assertNotNull(m.require(id), id);
        }
        ModelSpec inswapper = m.require("inswapper_128");
        assertTrue(inswapper.extraFlag("emapFromLastInitializer"));
        assertFalse(inswapper.licence().commercialUse());
        assertEquals("arcface_128", inswapper.template());
        assertEquals(128, inswapper.cropSize());
        assertTrue(m.require("yunet_2023mar").licence().commercialUse());
        for (ModelSpec s : m.models()) {
            if (!s.isVerified()) {
                assertNull(s.sha256(), s.id() + ": unverified entries must not carry a hash");
            }
            if (s.family().equals("scrfd") || s.family().equals("arcface") && s.id().startsWith("arcface")
                    || s.family().equals("inswapper")) {
                assertFalse(s.licence().commercialUse(), s.id() + " weights are InsightFace's: non-commercial");
            }
        }
    }

    @Test
    void verifiedEntriesMatchTheRealFilesAndTheirContracts() {
        ModelManifest m = ModelManifest.load(manifestFile());
        ModelLocator locator = new ModelLocator(List.of(SharedFiles.root().resolve("models")));
        int checked = 0;
        for (ModelSpec s : m.models()) {
            if (!s.isVerified()) {
                continue;
            }
            Path file = SharedFiles.model(s.file());
            ModelLocator.Verification v = ModelLocator.verify(file, s);
            assertTrue(v.ok() && v.checkedHash(), v.message());
            assertEquals(file, locator.locate(s, true));
            ModelSession session = cpu.open(file, ProviderChoice.CPU);
            assertEquals(List.of(), ContractCheck.differences(session, s.contract()), s.id());
            checked++;
        }
        assertEquals(7, checked);
    }

    @Test
    void engineOpensManifestModelsAndRejectsAWrongFileUnderTheirName() throws Exception {
        ModelManifest m = ModelManifest.load(manifestFile());
        ModelLocator shared = new ModelLocator(List.of(SharedFiles.root().resolve("models")));
        ModelSession s = cpu.open(m.require("mobilefacenet_foamliu"), shared, ProviderChoice.CPU, true);
        assertEquals("input0", s.inputs().get(0).name());
        // A real model saved under another model's file name: the contract check names the difference.
        Files.copy(SharedFiles.model("retinaface_mbnet0.25.onnx"), dir.resolve("face_detection_yunet_2023mar.onnx"));
        ModelLocator wrong = new ModelLocator(List.of(dir));
        ModelContractException e = assertThrows(ModelContractException.class,
                () -> cpu.open(m.require("yunet_2023mar"), wrong, ProviderChoice.CPU, false));
        assertTrue(e.getMessage().contains("detector 'yunet_2023mar'")
                && e.getMessage().contains("model has no output 'cls_8' (it declares 'loc', 'conf', 'iou')"),
                e.getMessage());
    }

    @Test
    void verificationCatchesWrongSizeAndWrongContent() throws Exception {
        ModelSpec yunet = ModelManifest.load(manifestFile()).require("yunet_2023mar");
        Path shortFile = Files.write(dir.resolve(yunet.file()), new byte[100]);
        ModelLocator.Verification v = ModelLocator.verify(shortFile, yunet);
        assertFalse(v.ok());
        assertTrue(v.message().contains("100 bytes") && v.message().contains("232589"), v.message());
        byte[] same = new byte[232589];
        Files.write(shortFile, same);
        v = ModelLocator.verify(shortFile, yunet);
        assertFalse(v.ok());
        assertTrue(v.message().contains("SHA-256"), v.message());
        String m = assertThrows(ModelFileException.class, () -> new ModelLocator(List.of(dir)).locate(yunet, true))
                .getMessage();
        assertTrue(m.contains("SHA-256"), m);
    }

    @Test
    void locatorSearchesInOrderAndNamesTheFoldersWhenMissing() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path ff = Files.createDirectories(dir.resolve("facefusion").resolve(".assets").resolve("models"));
        Files.write(ff.resolve("inswapper_128.onnx"), new byte[] {1});
        ModelLocator loc = ModelCatalogue.packed(ModelSearchPath.of(List.of(), java.util.Optional.empty(),
                Map.of("MANYFACES_MODELS", a.toString()), "Linux", dir.resolve("home").toString()))
                .locator(dir.resolve("facefusion").toString());
        assertEquals(List.of(a, dir.resolve("home/.local/share/ManyFaces/models"), ModelSearchPath.SYSTEM_FOLDER_LINUX, ff),
                loc.folders());
        ModelManifest m = ModelManifest.load(manifestFile());
        assertEquals(ff.resolve("inswapper_128.onnx"), loc.locate(m.require("inswapper_128")));
        String msg = assertThrows(ModelFileException.class, () -> loc.locate(m.require("hyperswap_1a_256")))
                .getMessage();
        assertTrue(msg.contains("hyperswap_1a_256.onnx") && msg.contains(a.toString())
                && msg.contains("https://github.com/facefusion/facefusion-assets"), msg);
        assertEquals(Path.of("/x/ManyFaces/models"), ModelSearchPath.installedFolder(
                Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/u"));
    }

    @Test
    void brokenManifestsListEveryProblem() {
        String json = """
                {"schemaVersion": 1, "models": [
                 {"id": "a", "kind": "detector", "family": "yunet", "file": "dir/a.onnx", "size": 10,
                  "sha256": "ABC", "verified": true, "urls": ["http://x"],
                  "licence": {"id": "MIT", "name": "MIT", "url": "https://l"},
                  "inputs": [{"name": "input", "type": "float", "shape": [1, 0, 3]}],
                  "outputs": [{"name": "o", "type": "floot", "shape": [1]}],
                  "colourOrder": "BRG", "normalisation": {"mean": [0], "std": [0]}},
                 {"id": "a", "kind": "swapper", "family": "x", "file": "a.onnx", "verified": false,
                  "urls": ["https://x"], "licence": {"id": "MIT", "name": "MIT", "commercialUse": true, "url": "https://l"},
                  "inputs": [{"name": "i", "type": "float"}], "outputs": [{"name": "o", "type": "float"}],
                  "colourOrder": "RGB", "normalisation": {"range": [0, 1]}}
                ]}""";
        String m = assertThrows(InferenceException.class, () -> ModelManifest.parse(json)).getMessage();
        for (String expected : List.of("bare *.onnx file name", "64 lower-case hex", "must be https",
                "commercial use", "bad dimension 0", "unknown type 'floot'", "colourOrder", "std must be > 0",
                "need cropSize and template", "appears twice")) {
            assertTrue(m.contains(expected), "missing '" + expected + "' in: " + m);
        }
        assertTrue(assertThrows(InferenceException.class, () -> ModelManifest.parse("{\"schemaVersion\": 2, "
                + "\"models\": []}")).getMessage().contains("schemaVersion 2"));
        assertTrue(assertThrows(InferenceException.class, () -> ModelManifest.parse("{not json"))
                .getMessage().contains("not valid JSON"));
    }
}
