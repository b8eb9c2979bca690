package org.manyfaces.pipeline.translate;

import java.nio.file.Path;

import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Test generators with known behaviour, written as real ONNX files: identity, negation (colour inversion
 * in [-1,1] space) and a fixed per-channel 3×3 convolution (linear, zero padded), in NCHW or NHWC and with a
 * dynamic or fixed size.
 */
final class TranslateTestModels {
    private TranslateTestModels() {
    }

    /** Spatial dims: symbolic "h","w" when size is -1, else fixed. */
    private static Object[] dims(TensorLayout layout, int channels, int size) {
        Object h = size < 0 ? "h" : (Object) size;
        Object w = size < 0 ? "w" : (Object) size;
        return layout == TensorLayout.NCHW ? new Object[] {1, channels, h, w} : new Object[] {1, h, w, channels};
    }

    static Path identity(Path dir, TensorLayout layout, int size) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, dims(layout, 3, size))
                .output("styled", ElementType.FLOAT, dims(layout, 3, size))
                .node(OnnxModelBuilder.op("Identity").in("image").out("styled"))
                .write(dir.resolve("identity_" + layout + "_" + size + ".onnx"));
    }

    static Path negate(Path dir, TensorLayout layout, int size) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, dims(layout, 3, size))
                .output("styled", ElementType.FLOAT, dims(layout, 3, size))
                .node(OnnxModelBuilder.op("Neg").in("image").out("styled"))
                .write(dir.resolve("negate_" + layout + "_" + size + ".onnx"));
    }

    /** Depthwise 3×3 convolution with {@link JavaTestSession#KERNEL} on every channel, zero padding 1. */
    static Path conv3(Path dir, TensorLayout layout, int size) {
        float[] w = new float[27];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(JavaTestSession.KERNEL, 0, w, 9 * c, 9);
        }
        OnnxModelBuilder b = new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, dims(layout, 3, size))
                .output("styled", ElementType.FLOAT, dims(layout, 3, size))
                .initializer("k", new long[] {3, 1, 3, 3}, w);
        OnnxModelBuilder.Node conv = OnnxModelBuilder.op("Conv").attrInts("kernel_shape", 3, 3)
                .attrInts("pads", 1, 1, 1, 1).attr("group", 3L);
        if (layout == TensorLayout.NCHW) {
            b.node(conv.in("image", "k").out("styled"));
        } else {
            b.node(OnnxModelBuilder.op("Transpose").in("image").out("nchw").attrInts("perm", 0, 3, 1, 2));
            b.node(conv.in("nchw", "k").out("conv"));
            b.node(OnnxModelBuilder.op("Transpose").in("conv").out("styled").attrInts("perm", 0, 2, 3, 1));
        }
        return b.write(dir.resolve("conv3_" + layout + "_" + size + ".onnx"));
    }

    /** Two outputs: "aux" (the image unchanged) first, then "styled" (negated). */
    static Path twoOutputs(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 1, 3, "h", "w")
                .output("aux", ElementType.FLOAT, 1, 3, "h", "w")
                .output("styled", ElementType.FLOAT, 1, 3, "h", "w")
                .node(OnnxModelBuilder.op("Identity").in("image").out("aux"))
                .node(OnnxModelBuilder.op("Neg").in("image").out("styled"))
                .write(dir.resolve("two_outputs.onnx"));
    }

    /** Two inputs (image and a strength): not something a translator can feed. */
    static Path twoInputs(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 1, 3, "h", "w")
                .input("strength", ElementType.FLOAT, 1)
                .output("styled", ElementType.FLOAT, 1, 3, "h", "w")
                .node(OnnxModelBuilder.op("Mul").in("image", "strength").out("styled"))
                .write(dir.resolve("two_inputs.onnx"));
    }

    /** A model whose input has rank 3: no image translator contract fits it. */
    static Path rank3(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 3, "h", "w")
                .output("y", ElementType.FLOAT, 3, "h", "w")
                .node(OnnxModelBuilder.op("Identity").in("x").out("y"))
                .write(dir.resolve("rank3.onnx"));
    }
}
