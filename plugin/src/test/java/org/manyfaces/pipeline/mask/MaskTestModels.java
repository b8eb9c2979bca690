package org.manyfaces.pipeline.mask;

import java.nio.file.Path;

import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Test models with the contracts of FaceFusion's mask and landmark models, whose answers are known in closed
 * form: an XSeg ({@code input} [1,256,256,3] NHWC BGR → [1,256,256,1]) that calls a pixel occluded where its
 * blue is near zero, a BiSeNet ({@code input} [1,3,512,512] ImageNet-normalised RGB → [1,19,512,512]) that
 * labels a pixel by its strongest normalised channel, and a 2DFAN4 ({@code input} [1,3,256,256] → landmarks
 * [1,68,3] and heatmaps [1,68,64,64]) that returns points and heatmap peaks the test chooses.
 */
public final class MaskTestModels {
    /** The BiSeNet test labels: the strongest normalised channel red → skin, green → mouth, blue → nose. */
    public static final FaceRegion RED = FaceRegion.SKIN;
    public static final FaceRegion GREEN = FaceRegion.MOUTH;
    public static final FaceRegion BLUE = FaceRegion.NOSE;

    private MaskTestModels() {
    }

    /**
     * visible = clip((B − 0.05)·50, 0, 1), with B the first channel of the BGR input: a pixel with no blue
     * (a yellow or black occluder) is occluded, one with blue above 0.07 is face. Fed RGB by mistake, it
     * would look at red instead.
     */
    public static Path blueIsFaceXseg(Path file) {
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 256, 256, 3)
                .output("output", ElementType.FLOAT, 1, 256, 256, 1)
                .initializerInt64("starts", new long[] {1}, 0)
                .initializerInt64("ends", new long[] {1}, 1)
                .initializerInt64("axes", new long[] {1}, 3)
                .initializer("offset", new long[0], 0.05f)
                .initializer("gain", new long[0], 50f)
                .initializer("lo", new long[0], 0f)
                .initializer("hi", new long[0], 1f)
                .node(OnnxModelBuilder.op("Slice").in("input", "starts", "ends", "axes").out("b"))
                .node(OnnxModelBuilder.op("Sub").in("b", "offset").out("b0"))
                .node(OnnxModelBuilder.op("Mul").in("b0", "gain").out("b1"))
                .node(OnnxModelBuilder.op("Clip").in("b1", "lo", "hi").out("output"))
                .write(file);
    }

    /**
     * A 1×1 convolution: class 1 (skin) scores the normalised red channel, class 11 (mouth) green, class 10
     * (nose) blue; every other class −100. Fed BGR by mistake, red and blue regions would swap labels.
     */
    public static Path colourParser(Path file) {
        float[] w = new float[19 * 3];
        float[] bias = new float[19];
        java.util.Arrays.fill(bias, -100f);
        w[RED.label() * 3] = 1f;
        w[GREEN.label() * 3 + 1] = 1f;
        w[BLUE.label() * 3 + 2] = 1f;
        bias[RED.label()] = 0f;
        bias[GREEN.label()] = 0f;
        bias[BLUE.label()] = 0f;
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, 512, 512)
                .output("output", ElementType.FLOAT, 1, 19, 512, 512)
                .initializer("w", new long[] {19, 3, 1, 1}, w)
                .initializer("bias", new long[] {19}, bias)
                .node(OnnxModelBuilder.op("Conv").in("input", "w", "bias").out("output"))
                .write(file);
    }

    /**
     * A 2DFAN4-shaped model whose landmarks are {@code grid} (68 x,y pairs in the 64×64 heatmap grid, each
     * with a third value 1) and whose heatmaps are 0 except a peak of {@code peak} at each point's cell.
     */
    public static Path fixedLandmarker(Path file, float[] grid, float peak) {
        float[] points = new float[68 * 3];
        float[] heat = new float[68 * 64 * 64];
        for (int k = 0; k < 68; k++) {
            points[3 * k] = grid[2 * k];
            points[3 * k + 1] = grid[2 * k + 1];
            points[3 * k + 2] = 1f;
            int gx = Math.max(0, Math.min(63, Math.round(grid[2 * k])));
            int gy = Math.max(0, Math.min(63, Math.round(grid[2 * k + 1])));
            heat[k * 4096 + gy * 64 + gx] = peak;
        }
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, 256, 256)
                .output("landmarks", ElementType.FLOAT, 1, 68, 3)
                .output("heatmaps", ElementType.FLOAT, 1, 68, 64, 64)
                .initializer("zero", new long[0], 0f)
                .initializer("points", new long[] {1, 68, 3}, points)
                .initializer("heat", new long[] {1, 68, 64, 64}, heat)
                .node(OnnxModelBuilder.op("ReduceMean").in("input").attrInts("axes", 1, 2, 3).attr("keepdims", 0L).out("m"))
                .node(OnnxModelBuilder.op("Mul").in("m", "zero").out("z"))
                .node(OnnxModelBuilder.op("Add").in("points", "z").out("landmarks"))
                .node(OnnxModelBuilder.op("Add").in("heat", "z").out("heatmaps"))
                .write(file);
    }
}
