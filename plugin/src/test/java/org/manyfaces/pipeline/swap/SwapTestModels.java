package org.manyfaces.pipeline.swap;

import java.nio.file.Path;

import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Test models with the exact names, shapes and types of inswapper_128 (inputs {@code target}
 * [1,3,128,128] and {@code source} [1,512], output {@code output} [1,3,128,128], a 512×512 emap as
 * the last initializer) and of an ArcFace recogniser, whose outputs are known in closed form.
 */
public final class SwapTestModels {
    public static final int SIZE = 128;
    public static final int WIDTH = 512;

    private SwapTestModels() {
    }

    /**
     * {@code output = pattern · source[0] + 0·target}: a fixed image scaled by the first latent value.
     * The target term keeps the target input live in the graph.
     */
    public static Path patternSwapper(Path file, float[] pattern, float[] emap) {
        float[] first = new float[WIDTH];
        first[0] = 1f;
        return new OnnxModelBuilder().opset(13)
                .input("target", ElementType.FLOAT, 1, 3, SIZE, SIZE)
                .input("source", ElementType.FLOAT, 1, WIDTH)
                .output("output", ElementType.FLOAT, 1, 3, SIZE, SIZE)
                .initializer("zero", new long[0], 0f)
                .initializer("pattern", new long[] {1, 3, SIZE, SIZE}, pattern)
                .initializer("pick_first", new long[] {WIDTH, 1}, first)
                .initializerInt64("shape4", new long[] {4}, 1, 1, 1, 1)
                .initializer("emap", new long[] {WIDTH, WIDTH}, emap)
                .node(OnnxModelBuilder.op("Mul").in("target", "zero").out("t0"))
                .node(OnnxModelBuilder.op("MatMul").in("source", "pick_first").out("l0"))
                .node(OnnxModelBuilder.op("Reshape").in("l0", "shape4").out("l4"))
                .node(OnnxModelBuilder.op("Mul").in("pattern", "l4").out("p"))
                .node(OnnxModelBuilder.op("Add").in("p", "t0").out("output"))
                .write(file);
    }

    /** {@code output = 1 − target + 0·source[0]}: shows where each target pixel went. */
    public static Path invertingSwapper(Path file, int size, String sourceName, String outputName, boolean withEmap) {
        float[] first = new float[WIDTH];
        first[0] = 1f;
        OnnxModelBuilder b = new OnnxModelBuilder().opset(13)
                .input("target", ElementType.FLOAT, 1, 3, size, size)
                .input(sourceName, ElementType.FLOAT, 1, WIDTH)
                .output(outputName, ElementType.FLOAT, 1, 3, size, size)
                .initializer("zero", new long[0], 0f)
                .initializer("one", new long[0], 1f)
                .initializer("pick_first", new long[] {WIDTH, 1}, first);
        if (withEmap) {
            b.initializer("emap", new long[] {WIDTH, WIDTH}, identity(WIDTH));
        }
        return b.node(OnnxModelBuilder.op("MatMul").in(sourceName, "pick_first").out("l0"))
                .node(OnnxModelBuilder.op("Mul").in("l0", "zero").out("l0z"))
                .node(OnnxModelBuilder.op("Sub").in("one", "target").out("inv"))
                .node(OnnxModelBuilder.op("Add").in("inv", "l0z").out(outputName))
                .write(file);
    }

    /** A recogniser with input {@code input} [1,3,size,size] whose output {@code embedding} [1,W] is always {@code value}. */
    public static Path constantEmbedder(Path file, int size, float[] value) {
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, size, size)
                .output("embedding", ElementType.FLOAT, 1, value.length)
                .initializer("zero", new long[0], 0f)
                .initializer("value", new long[] {1, value.length}, value)
                .initializerInt64("shape2", new long[] {2}, 1, 1)
                .node(OnnxModelBuilder.op("ReduceMean").in("input").attrInts("axes", 1, 2, 3).attr("keepdims", 1L).out("m"))
                .node(OnnxModelBuilder.op("Reshape").in("m", "shape2").out("m2"))
                .node(OnnxModelBuilder.op("Mul").in("m2", "zero").out("z"))
                .node(OnnxModelBuilder.op("Add").in("value", "z").out("embedding"))
                .write(file);
    }

    public static float[] identity(int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1f;
        }
        return m;
    }

    /** An emap whose column 0 is the unit vector e_row, so latent[0] = normed[row]. */
    public static float[] emapPickingRow(int row, float gain) {
        float[] m = new float[WIDTH * WIDTH];
        m[row * WIDTH] = gain;
        // Other columns get a harmless diagonal so the matrix is not degenerate.
        for (int i = 1; i < WIDTH; i++) {
            m[i * WIDTH + i] = 1f;
        }
        return m;
    }

    /**
     * An asymmetric test pattern: a red square in the top-left quarter, a green bar near the bottom
     * (over the mouth region of arcface_128), blue 0.1 elsewhere. Values ≤ 0.8.
     */
    public static float[] asymmetricPattern() {
        float[] p = new float[3 * SIZE * SIZE];
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int i = y * SIZE + x;
                p[i] = redSquare(x, y) ? 0.8f : 0f;
                p[plane + i] = greenBar(x, y) ? 0.8f : 0f;
                p[2 * plane + i] = 0.1f;
            }
        }
        return p;
    }

    public static boolean redSquare(double x, double y) {
        return x >= 24 && x < 56 && y >= 24 && y < 56;
    }

    public static boolean greenBar(double x, double y) {
        return x >= 40 && x < 100 && y >= 90 && y < 104;
    }
}
