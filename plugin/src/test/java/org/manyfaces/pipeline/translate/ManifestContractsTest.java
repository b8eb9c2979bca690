package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.inference.ModelSpec;

class ManifestContractsTest {

    private static ModelSpec spec(ModelKind kind, List<Long> shape, String colour, ModelSpec.Normalisation n,
                                  Map<String, Object> extras) {
        return new ModelSpec("test_gen", kind, "animegan", "test_gen.onnx", null, null, false, null,
                List.of("https://example.org/test_gen.onnx"),
                new ModelSpec.Licence("MIT", "MIT", true, "https://example.org/LICENSE"),
                List.of(new ModelSpec.TensorEntry("generator_input:0", "float", shape)),
                List.of(new ModelSpec.TensorEntry("generator_output:0", "float", shape)), colour, n, null, null, extras,
                "");
    }

    @Test
    void nhwcTanhGeneratorWithExtras() {
        TranslatorContract c = ManifestContracts.fromSpec(spec(ModelKind.TRANSLATOR, List.of(1L, -1L, -1L, 3L), "RGB",
                new ModelSpec.Normalisation(new double[] {127.5}, new double[] {127.5}, null),
                Map.of("sizeMultiple", 32.0, "minSize", 256.0)));
        assertEquals(TensorLayout.NHWC, c.layout());
        assertEquals(ValueRange.MINUS_ONE_ONE, c.range());
        assertEquals(32, c.sizeMultiple());
        assertEquals(256, c.minSize());
        assertEquals("generator_input:0", c.inputName());
        assertEquals(TranslatorContract.Source.MANIFEST, c.source());
    }

    @Test
    void bgrZeroTo255FixedSize() {
        TranslatorContract c = ManifestContracts.fromSpec(spec(ModelKind.TRANSLATOR, List.of(1L, 3L, 256L, 256L), "BGR",
                new ModelSpec.Normalisation(null, null, new double[] {0, 255}), null));
        assertEquals(ColorOrder.BGR, c.colorOrder());
        assertEquals(ValueRange.ZERO_255, c.range());
        assertEquals(256, c.height());
    }

    @Test
    void unsupportedNormalisationAndKindAreNamed() {
        ContractException e = assertThrows(ContractException.class, () -> ManifestContracts.fromSpec(
                spec(ModelKind.TRANSLATOR, List.of(1L, 3L, -1L, -1L), "RGB",
                        new ModelSpec.Normalisation(new double[] {123.7, 116.3, 103.5}, new double[] {58.4, 57.1, 57.4},
                                null), null)));
        assertTrue(e.getMessage().contains("per-channel"), e.getMessage());
        e = assertThrows(ContractException.class, () -> ManifestContracts.fromSpec(
                spec(ModelKind.TRANSLATOR, List.of(1L, 3L, -1L, -1L), "RGB",
                        new ModelSpec.Normalisation(new double[] {127}, new double[] {128}, null), null)));
        assertTrue(e.getMessage().contains("not one of [-1,1], [0,1], [0,255]"), e.getMessage());
        ModelSpec yunet = ModelManifest.load(EspcnTranslateTest.manifestFile()).require("yunet_2023mar");
        e = assertThrows(ContractException.class, () -> ManifestContracts.fromSpec(yunet));
        assertTrue(e.getMessage().contains("not a translator"), e.getMessage());
    }
}
