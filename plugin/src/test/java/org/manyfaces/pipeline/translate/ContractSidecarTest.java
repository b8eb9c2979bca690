package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractSidecarTest {
    private static final ModelSignature ANIME = new ModelSignature("generator_input:0", new long[] {1, -1, -1, 3},
            "generator/out:0", new long[] {1, -1, -1, 3});
    private static final ModelSignature ESPCN = new ModelSignature("input", new long[] {1, 1, -1, -1}, "output",
            new long[] {1, 1, -1, -1});

    @Test
    void fullSidecarIsTakenAsWritten() {
        String json = """
                {"layout": "NHWC", "colorOrder": "BGR", "range": "ZERO_255", "height": -1, "width": -1,
                 "sizeMultiple": 32, "minSize": 256, "channels": 3, "scale": 1,
                 "input": "generator_input:0", "output": "generator/out:0"}
                """;
        TranslatorContract c = ContractSidecar.parse(json, ANIME, "test.json");
        assertEquals(TensorLayout.NHWC, c.layout());
        assertEquals(ColorOrder.BGR, c.colorOrder());
        assertEquals(ValueRange.ZERO_255, c.range());
        assertEquals(32, c.sizeMultiple());
        assertEquals(256, c.minSize());
        assertEquals(TranslatorContract.Source.SIDECAR, c.source());
        assertEquals("", c.assumptions());
    }

    @Test
    void missingKeysComeFromTheModel() {
        TranslatorContract c = ContractSidecar.parse("{\"range\": \"ZERO_ONE\", \"scale\": 3}", ESPCN, "espcn.json");
        assertEquals(TensorLayout.NCHW, c.layout());
        assertEquals(1, c.channels());
        assertEquals(3, c.scale());
        assertEquals(ValueRange.ZERO_ONE, c.range());
        assertTrue(c.isDynamic());
        assertEquals("input", c.inputName());
        assertTrue(c.assumptions().contains("RGB colour order"), c.assumptions());
    }

    @Test
    void unknownKeyIsAnErrorNamingIt() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractSidecar.parse("{\"colour\": \"RGB\"}", ANIME, "x.json"));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("colorOrder"), e.getMessage());
    }

    @Test
    void badEnumValueListsTheChoices() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractSidecar.parse("{\"range\": \"0..1\"}", ANIME, "x.json"));
        assertTrue(e.getMessage().contains("MINUS_ONE_ONE | ZERO_ONE | ZERO_255"), e.getMessage());
    }

    @Test
    void invalidJsonIsNamed() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractSidecar.parse("{\"range\": ", ANIME, "broken.json"));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void sidecarContradictingTheModelIsRejected() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractSidecar.parse("{\"scale\": 2, \"height\": 64, \"width\": 64, \"sizeMultiple\": 8}",
                        new ModelSignature("in", new long[] {1, 3, 64, 64}, "out", new long[] {1, 3, 64, 64}), "x"));
        assertTrue(e.getMessage().contains("inconsistent with scale 2"), e.getMessage());
    }

    @Test
    void fixedSizeNotAMultipleIsRejectedWithTheFileName() {
        ContractException e = assertThrows(ContractException.class,
                () -> ContractSidecar.parse("{\"height\": 250, \"width\": 250, \"sizeMultiple\": 4}", ANIME, "y.json"));
        assertTrue(e.getMessage().contains("y.json") && e.getMessage().contains("multiple 4"), e.getMessage());
    }

    @Test
    void findsModelDotOnnxDotJsonBeforeModelDotJson(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("style.onnx");
        Files.writeString(model, "x");
        assertTrue(ContractSidecar.find(model).isEmpty());
        Files.writeString(dir.resolve("style.json"), "{}");
        assertEquals(dir.resolve("style.json"), ContractSidecar.find(model).orElseThrow());
        Files.writeString(dir.resolve("style.onnx.json"), "{}");
        assertEquals(dir.resolve("style.onnx.json"), ContractSidecar.find(model).orElseThrow());
        TranslatorContract c = ContractSidecar.read(ContractSidecar.find(model).orElseThrow(), ANIME);
        assertEquals(TensorLayout.NHWC, c.layout());
    }
}
