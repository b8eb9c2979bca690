package org.manyfaces.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.ElementType;
import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;

/** The builder's models load in ONNX Runtime and compute what their operators define. */
class OnnxModelBuilderTest {
    private static InferenceEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void mulAddComputesTwoXPlusOne() {
        Path file = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, "n")
                .output("y", ElementType.FLOAT, 1, "n")
                .initializer("two", new long[0], 2f)
                .initializerFloatData("one", new long[] {1}, 1f)
                .node(OnnxModelBuilder.op("Mul").in("x", "two").out("t"))
                .node(OnnxModelBuilder.op("Add").in("t", "one").out("y"))
                .write(dir.resolve("affine.onnx"));
        ModelSession s = engine.open(file, ProviderChoice.CPU);
        assertEquals(-1, s.input("x").dim(1), "symbolic dim is dynamic");
        FloatTensor x = FloatTensor.allocate(1, 4);
        x.put(new float[] {0f, 1f, -2.5f, 10f});
        FloatTensor y = FloatTensor.allocate(1, 4);
        s.run(Map.of("x", x), Map.of("y", y));
        assertArrayEquals(new float[] {1f, 3f, -4f, 21f}, y.toArray(), 0f);
    }

    @Test
    void convMatchesDirectSum() {
        float[] w = {1, 2, 3, 4, -1, 0, 0.5f, 2};   // 2 output channels, 1 input channel, 2x2 kernel
        float[] b = {0.5f, -1f};
        Path file = new OnnxModelBuilder().opset(17)
                .input("x", ElementType.FLOAT, 1, 1, 3, 3)
                .output("y", ElementType.FLOAT, 1, 2, 2, 2)
                .initializer("w", new long[] {2, 1, 2, 2}, w)
                .initializer("b", new long[] {2}, b)
                .node(OnnxModelBuilder.op("Conv").in("x", "w", "b").out("y")
                        .attrInts("kernel_shape", 2, 2).attrInts("strides", 1, 1).attrInts("pads", 0, 0, 0, 0)
                        .attr("group", 1L))
                .write(dir.resolve("conv.onnx"));
        float[] xv = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] expected = new float[8];
        for (int oc = 0; oc < 2; oc++) {
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    float sum = b[oc];
                    for (int ky = 0; ky < 2; ky++) {
                        for (int kx = 0; kx < 2; kx++) {
                            sum += w[oc * 4 + ky * 2 + kx] * xv[(oy + ky) * 3 + ox + kx];
                        }
                    }
                    expected[oc * 4 + oy * 2 + ox] = sum;
                }
            }
        }
        ModelSession s = engine.open(file, ProviderChoice.CPU);
        FloatTensor x = FloatTensor.allocate(1, 1, 3, 3);
        x.put(xv);
        FloatTensor y = FloatTensor.allocate(1, 2, 2, 2);
        s.run(Map.of("x", x), Map.of("y", y));
        assertArrayEquals(expected, y.toArray(), 1e-5f);
        // by hand: channel 0 top-left = 0.5 + 1*1 + 2*2 + 3*4 + 4*5
        assertEquals(37.5f, y.get(0), 1e-5f);
    }

    @Test
    void transposeSwapsAxes() {
        Path file = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, 2, 3)
                .output("y", ElementType.FLOAT, 1, 3, 2)
                .node(OnnxModelBuilder.op("Transpose").in("x").out("y").attrInts("perm", 0, 2, 1))
                .write(dir.resolve("transpose.onnx"));
        ModelSession s = engine.open(file, ProviderChoice.CPU);
        FloatTensor x = FloatTensor.allocate(1, 2, 3);
        x.put(new float[] {1, 2, 3, 4, 5, 6});
        Map<String, ModelSession.OutputArray> out = s.runToArrays(Map.of("x", x));
        assertArrayEquals(new long[] {1, 3, 2}, out.get("y").shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out.get("y").values(), 0f);
    }

    @Test
    void constantTensorAttributeAndFloatAttributes() {
        Path file = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 3)
                .output("y", ElementType.FLOAT, 3)
                .node(OnnxModelBuilder.op("Constant").out("c").attrTensor("value", new long[] {3}, 1f, -1f, 0.25f))
                .node(OnnxModelBuilder.op("Add").in("x", "c").out("s"))
                .node(OnnxModelBuilder.op("LeakyRelu").in("s").out("y").attr("alpha", 0.5f))
                .write(dir.resolve("const.onnx"));
        ModelSession s = engine.open(file, ProviderChoice.CPU);
        FloatTensor x = FloatTensor.allocate(3);
        x.put(new float[] {1f, -1f, 0f});
        FloatTensor y = FloatTensor.allocate(3);
        s.run(Map.of("x", x), Map.of("y", y));
        // x + c = (2, -2, 0.25); LeakyRelu(alpha 0.5) halves the negative one
        assertArrayEquals(new float[] {2f, -1f, 0.25f}, y.toArray(), 1e-6f);
    }
}
