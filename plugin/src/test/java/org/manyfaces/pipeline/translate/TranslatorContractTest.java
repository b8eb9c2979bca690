package org.manyfaces.pipeline.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TranslatorContractTest {

    private static ModelSignature sig(long[] in, long[] out) {
        return new ModelSignature("input", in, "output", out);
    }

    private static TranslatorContract make(int h, int w, int multiple, int min, int channels, int scale) {
        return new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.MINUS_ONE_ONE, h, w, multiple, min,
                channels, scale, "input", "output", TranslatorContract.Source.EXPLICIT, "");
    }

    @Test
    void infersNchwDynamicWithTheDocumentedAssumptions() {
        TranslatorContract c = TranslatorContract.infer(sig(new long[] {1, 3, -1, -1}, new long[] {1, 3, -1, -1}));
        assertEquals(TensorLayout.NCHW, c.layout());
        assertEquals(ValueRange.MINUS_ONE_ONE, c.range());
        assertEquals(ColorOrder.RGB, c.colorOrder());
        assertTrue(c.isDynamic());
        assertEquals(8, c.sizeMultiple());
        assertEquals(1, c.scale());
        assertEquals(TranslatorContract.Source.INFERRED, c.source());
        assertTrue(c.assumptions().contains("[-1,1]") && c.assumptions().contains("multiple of 8"), c.assumptions());
    }

    @Test
    void infersNhwcFixedAndScaleFromFixedShapes() {
        TranslatorContract c = TranslatorContract.infer(sig(new long[] {1, 256, 256, 3}, new long[] {1, 512, 512, 3}));
        assertEquals(TensorLayout.NHWC, c.layout());
        assertEquals(256, c.height());
        assertEquals(256, c.width());
        assertEquals(2, c.scale());
        assertEquals(3, c.channels());
    }

    @Test
    void infersLumaFromOneChannel() {
        TranslatorContract c = TranslatorContract.infer(sig(new long[] {1, 1, -1, -1}, new long[] {1, 1, -1, -1}));
        assertTrue(c.isLuma());
        assertTrue(c.assumptions().contains("luma"), c.assumptions());
    }

    @Test
    void refusesToInferFromRankThree() {
        ContractException e = assertThrows(ContractException.class,
                () -> TranslatorContract.infer(sig(new long[] {3, 256, 256}, new long[] {3, 256, 256})));
        assertTrue(e.getMessage().contains("rank 3"), e.getMessage());
    }

    @Test
    void refusesToInferWithoutAChannelAxis() {
        ContractException e = assertThrows(ContractException.class,
                () -> TranslatorContract.infer(sig(new long[] {1, 5, 64, 5}, new long[] {1, 5, 64, 5})));
        assertTrue(e.getMessage().contains("channel axis"), e.getMessage());
    }

    @Test
    void fiveChannelsIsRejected() {
        ContractException e = assertThrows(ContractException.class, () -> make(-1, -1, 8, 8, 5, 1));
        assertTrue(e.getMessage().contains("5 channels"), e.getMessage());
    }

    @Test
    void fixedSizeMustBeAMultipleOfTheDeclaredMultiple() {
        ContractException e = assertThrows(ContractException.class, () -> make(250, 256, 8, 8, 3, 1));
        assertTrue(e.getMessage().contains("250x256") && e.getMessage().contains("multiple 8"), e.getMessage());
    }

    @Test
    void oneFixedSideIsRejected() {
        assertThrows(ContractException.class, () -> make(256, -1, 8, 8, 3, 1));
    }

    @Test
    void outputShapeInconsistentWithScaleIsRejected() {
        TranslatorContract c = make(64, 64, 8, 8, 3, 2);
        ContractException e = assertThrows(ContractException.class,
                () -> c.checkModel(sig(new long[] {1, 3, 64, 64}, new long[] {1, 3, 64, 64})));
        assertTrue(e.getMessage().contains("inconsistent with scale 2") && e.getMessage().contains("128x128"),
                e.getMessage());
    }

    @Test
    void channelMismatchWithTheModelIsNamed() {
        TranslatorContract c = make(-1, -1, 8, 8, 3, 1);
        ContractException e = assertThrows(ContractException.class,
                () -> c.checkModel(sig(new long[] {1, 1, -1, -1}, new long[] {1, 1, -1, -1})));
        assertTrue(e.getMessage().contains("1 channels") && e.getMessage().contains("contract says 3"), e.getMessage());
    }

    @Test
    void wrongTensorNameIsNamed() {
        TranslatorContract c = new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE, -1, -1, 8,
                8, 3, 1, "image", "output", TranslatorContract.Source.MANIFEST, "");
        ContractException e = assertThrows(ContractException.class,
                () -> c.checkModel(sig(new long[] {1, 3, -1, -1}, new long[] {1, 3, -1, -1})));
        assertTrue(e.getMessage().contains("'image'") && e.getMessage().contains("'input'"), e.getMessage());
    }

    @Test
    void runtimeOutputCheckPointsAtAnUndeclaredScale() {
        TranslatorContract c = TranslatorContract.infer(sig(new long[] {1, 1, -1, -1}, new long[] {1, 1, -1, -1}));
        ContractException e = assertThrows(ContractException.class,
                () -> c.checkOutput(new long[] {1, 1, 672, 672}, 224, 224));
        assertTrue(e.getMessage().contains("upscales by 3") && e.getMessage().contains("scale"), e.getMessage());
    }

    @Test
    void legalSizeRoundsUpToTheMultipleAndMinimum() {
        TranslatorContract c = make(-1, -1, 32, 256, 3, 1);
        assertEquals(256, c.legalSize(10));
        assertEquals(288, c.legalSize(257));
        assertEquals(1088, c.legalSize(1080));
    }
}
