package org.manyfaces.effect.faceswap;

import org.manyfaces.effect.MapParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelFileException;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.chain.FaceSwapSettings;
import org.manyfaces.pipeline.chain.RecognizerKind;
import org.manyfaces.pipeline.chain.SwapperKind;
import org.manyfaces.pipeline.select.SelectionMode;
import org.manyfaces.testsupport.SharedFiles;

/** From the effect's parameters to the pipeline's settings and model files. */
class FaceSwapModelsTest {
    @TempDir
    Path dir;

    static ModelManifest manifest() {
        return ModelManifest.load(Path.of("..", "models", "manifest.json"));
    }

    static Path sharedModels() {
        return SharedFiles.model("yunet_s_dynamic.onnx").getParent();
    }

    MapParams params() throws Exception {
        Path face = Files.writeString(dir.resolve("face.jpg"), "not decoded here");
        return new MapParams(FaceSwapEffect.params()).set(FaceSwapEffect.SOURCE_FACES, face.toString());
    }

    FaceSwapParams read(MapParams p) {
        return FaceSwapParams.read(p, 0);
    }

    @Test
    void detectorChoicesFindTheirModelsYuNetPreferringTheDynamicOne() throws Exception {
        FaceSwapModels m = new FaceSwapModels(ModelCatalogue.packed(List.of(sharedModels())));
        MapParams p = params();
        assertEquals("yunet_s_dynamic.onnx", m.detectorModel(read(p)).getFileName().toString());
        assertEquals("scrfd_500m_bnkps.onnx", m.detectorModel(read(p.set(FaceSwapEffect.DETECTOR, 1))).getFileName().toString());
        assertEquals("retinaface_mbnet0.25.onnx", m.detectorModel(read(p.set(FaceSwapEffect.DETECTOR, 2))).getFileName().toString());
    }

    @Test
    void paramsMapOntoPipelineSettings() throws Exception {
        Path second = Files.writeString(dir.resolve("second face.png"), "x");
        MapParams p = params()
                .set(FaceSwapEffect.SOURCE_FACES, dir.resolve("face.jpg") + " ; " + second + ";")
                .set(FaceSwapEffect.DETECTION_THRESHOLD, 0.7).set(FaceSwapEffect.BLEND, 0.4)
                .set(FaceSwapEffect.MASK_BLUR, 0.2).set(FaceSwapEffect.MASK_PAD_TOP, 10.0)
                .set(FaceSwapEffect.MASK_PAD_RIGHT, 20.0).set(FaceSwapEffect.MASK_PAD_BOTTOM, 30.0)
                .set(FaceSwapEffect.MASK_PAD_LEFT, 40.0).set(FaceSwapEffect.COLOUR_MATCH, 0.0)
                .set(FaceSwapEffect.PIXEL_BOOST, 2).set(FaceSwapEffect.EXECUTION_PROVIDER, 2)
                .set(FaceSwapEffect.SELECTION_MODE, 2).set(FaceSwapEffect.FACE_INDEX, 3)
                .set(FaceSwapEffect.SHOW_DETECTIONS, 1);
        FaceSwapSettings s = new FaceSwapModels(ModelCatalogue.packed(List.of(sharedModels()))).settings(read(p));
        assertEquals(List.of(dir.resolve("face.jpg"), second), s.sourceImages());
        assertEquals(SwapperKind.CLASSIC, s.swapper());
        assertNull(s.swapperModel());
        assertEquals(0.7f, s.detectorThreshold());
        assertEquals(0.4f, s.blend());
        assertEquals(List.of(0.2f, 10f, 20f, 30f, 40f), List.of(s.maskBlur(), s.padTop(), s.padRight(), s.padBottom(), s.padLeft()));
        assertTrue(!s.colourMatch());
        assertEquals(512, s.pixelBoost());
        assertEquals(ProviderChoice.CPU, s.provider());
        assertEquals(SelectionMode.INDEX, s.selection());
        assertEquals(3, s.faceIndex());
        assertTrue(s.showDetections());
    }

    @Test
    void referenceSelectionWithClassicUsesTheRecogniserThatIsThere() throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.jpg"), "x");
        MapParams p = params().set(FaceSwapEffect.SELECTION_MODE, 3).set(FaceSwapEffect.REFERENCE_FACE, ref.toString())
                .set(FaceSwapEffect.REFERENCE_DISTANCE, 1.5);
        FaceSwapSettings s = new FaceSwapModels(ModelCatalogue.packed(List.of(sharedModels()))).settings(read(p));
        assertEquals(SelectionMode.REFERENCE, s.selection());
        assertEquals(1f, s.referenceDistance(), "the effect's wider range is clamped to the pipeline's");
        // Only the small MobileFaceNet is in the shared models: it is found and its contract is chosen.
        assertEquals(RecognizerKind.MOBILEFACENET, s.recognizer());
        assertEquals("mobilefacenet_foamliu.onnx", s.recognizerModel().getFileName().toString());
        ManyFacesException e = assertThrows(ManyFacesException.class,
                () -> new FaceSwapModels(ModelCatalogue.packed(List.of(sharedModels())))
                        .settings(read(p.set(FaceSwapEffect.REFERENCE_FACE, ""))));
        assertTrue(e.getMessage().contains("reference face image"), e.getMessage());
    }

    @Test
    void missingThingsAreNamedWithWhereTheyWereLookedFor() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        FaceSwapModels none = new FaceSwapModels(ModelCatalogue.packed(List.of(empty)));
        ModelFileException det = assertThrows(ModelFileException.class, () -> none.settings(read(params())));
        assertTrue(det.getMessage().contains("yunet_s_dynamic.onnx") && det.getMessage().contains(empty.toString())
                && det.getMessage().contains("MANYFACES_MODELS"), det.getMessage());

        FaceSwapModels shared = new FaceSwapModels(ModelCatalogue.packed(List.of(sharedModels())));
        ModelFileException swap = assertThrows(ModelFileException.class,
                () -> shared.settings(read(params().set(FaceSwapEffect.SWAP_MODEL, 1))));
        assertTrue(swap.getMessage().contains("inswapper_128.onnx"), swap.getMessage());

        Path missing = dir.resolve("nobody.jpg");
        ManyFacesException src = assertThrows(ManyFacesException.class,
                () -> shared.settings(read(params().set(FaceSwapEffect.SOURCE_FACES, missing.toString()))));
        assertTrue(src.getMessage().contains("source face image not found") && src.getMessage().contains("nobody.jpg"),
                src.getMessage());
    }

    @Test
    void aFaceFusionFolderParameterIsSearchedLast() throws Exception {
        Path assets = Files.createDirectories(dir.resolve("facefusion").resolve(".assets").resolve("models"));
        Files.copy(SharedFiles.model("scrfd_500m_bnkps.onnx"), assets.resolve("scrfd_500m_bnkps.onnx"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        FaceSwapModels m = new FaceSwapModels(ModelCatalogue.packed(List.of(empty)));
        MapParams p = params().set(FaceSwapEffect.DETECTOR, 1)
                .set(FaceSwapEffect.MODELS_FOLDER, dir.resolve("facefusion").toString());
        assertEquals(assets.resolve("scrfd_500m_bnkps.onnx"), m.detectorModel(read(p)));
        assertEquals(List.of(empty, assets), m.locator(read(p)).folders());
    }

    @Test
    void theDetectorChoiceListsTheFamiliesInTheCataloguesOrder() {
        assertEquals(org.manyfaces.inference.DetectorPreference.FAMILIES,
                java.util.Arrays.stream(FaceSwapEffect.Detector.values())
                        .map(d -> d.label().toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
