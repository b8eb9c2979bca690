package org.manyfaces.it;

import java.nio.file.Path;

import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Image-to-image ONNX models with known behaviour for the host-driven Image Translate tests, written by
 * {@link OnnxModelBuilder}. Values live in [-1,1] (the contract inferred for files without a sidecar), so
 * identity must give the source back and negation gives the colour negative {@code 1 - v}.
 */
final class TranslateModels {
    /** The 3×3 smoothing kernel of {@link #smooth}: [1,2,1]⊗[1,2,1]/16, sums to 1. */
    static final float[] SMOOTH = {1 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 4 / 16f, 2 / 16f, 1 / 16f, 2 / 16f, 1 / 16f};

    private TranslateModels() {
    }

    private static Object[] nchw(int channels, int size) {
        return size < 0 ? new Object[] {1, channels, "h", "w"} : new Object[] {1, channels, size, size};
    }

    static Path identity(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, nchw(3, -1))
                .output("styled", ElementType.FLOAT, nchw(3, -1))
                .node(OnnxModelBuilder.op("Identity").in("image").out("styled"))
                .write(dir.resolve("identity.onnx"));
    }

    static Path negate(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, nchw(3, -1))
                .output("styled", ElementType.FLOAT, nchw(3, -1))
                .node(OnnxModelBuilder.op("Neg").in("image").out("styled"))
                .write(dir.resolve("negate.onnx"));
    }

    /**
     * A depthwise 3×3 convolution with {@link #SMOOTH}, zero padded, at a fixed {@code size}×{@code size}
     * (or dynamic for size -1). Because the kernel sums to 1, in pixel values (0..1) it is the same
     * convolution: (Σk·(2v−1)+1)/2 = Σk·v.
     */
    static Path smooth(Path dir, int size) {
        float[] w = new float[27];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(SMOOTH, 0, w, 9 * c, 9);
        }
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, nchw(3, size))
                .output("styled", ElementType.FLOAT, nchw(3, size))
                .initializer("k", new long[] {3, 1, 3, 3}, w)
                .node(OnnxModelBuilder.op("Conv").attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1)
                        .attr("group", 3L).in("image", "k").out("styled"))
                .write(dir.resolve("smooth_" + size + ".onnx"));
    }

    /** Rank 3 input: not an image batch. */
    static Path rank3(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 3, "h", "w")
                .output("styled", ElementType.FLOAT, 3, "h", "w")
                .node(OnnxModelBuilder.op("Identity").in("image").out("styled"))
                .write(dir.resolve("rank3.onnx"));
    }

    /** Five channels on both axes a layout could use: neither RGB nor luma. */
    static Path fiveChannels(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 1, 5, "h", 5)
                .output("styled", ElementType.FLOAT, 1, 5, "h", 5)
                .node(OnnxModelBuilder.op("Identity").in("image").out("styled"))
                .write(dir.resolve("five_channels.onnx"));
    }

    /** Fixed 32×32 input cut to a 16×24 output (a Slice): the output is no whole multiple of the input. */
    static Path notAMultiple(Path dir) {
        return new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 1, 3, 32, 32)
                .output("styled", ElementType.FLOAT, 1, 3, 16, 24)
                .initializerInt64("starts", new long[] {2}, 0, 0)
                .initializerInt64("ends", new long[] {2}, 16, 24)
                .initializerInt64("axes", new long[] {2}, 2, 3)
                .node(OnnxModelBuilder.op("Slice").in("image", "starts", "ends", "axes").out("styled"))
                .write(dir.resolve("not_a_multiple.onnx"));
    }
}
