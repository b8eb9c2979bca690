package org.manyfaces.pipeline.restore;

import java.nio.file.Path;

import org.manyfaces.inference.ElementType;
import org.manyfaces.testsupport.OnnxModelBuilder;

/**
 * Small ONNX models with FaceFusion's face-enhancer contract (names, shapes, types) and a known behaviour, in
 * the network's own −1..1 space.
 */
public final class RestoreTestModels {
    private RestoreTestModels() {
    }

    /**
     * A GFPGAN-shaped model ({@code input [1,3,S,S] -> output [1,3,S,S]}) whose output is {@code input · gain[c]}
     * per channel: a gain of −1 inverts the channel, 3 drives it past the clip.
     */
    public static Path channelGains(Path file, int size, float r, float g, float b) {
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, size, size)
                .output("output", ElementType.FLOAT, 1, 3, size, size)
                .initializer("gain", new long[] {1, 3, 1, 1}, r, g, b)
                .node(OnnxModelBuilder.op("Mul").in("input", "gain").out("output"))
                .write(file);
    }

    /** A GFPGAN-shaped model whose output is the constant {@code (r, g, b)} everywhere (before the clip). */
    public static Path constant(Path file, int size, float r, float g, float b) {
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, size, size)
                .output("output", ElementType.FLOAT, 1, 3, size, size)
                .initializer("zero", new long[0], 0f)
                .initializer("colour", new long[] {1, 3, 1, 1}, r, g, b)
                .node(OnnxModelBuilder.op("Mul").in("input", "zero").out("z"))
                .node(OnnxModelBuilder.op("Add").in("z", "colour").out("output"))
                .write(file);
    }

    /**
     * A CodeFormer-shaped model: inputs {@code input [1,3,512,512]} and {@code weight} (double {@code [1]}); the
     * output is {@code input · weight}.
     */
    public static Path weighted(Path file) {
        return new OnnxModelBuilder().opset(13)
                .input("input", ElementType.FLOAT, 1, 3, 512, 512)
                .input("weight", ElementType.DOUBLE, 1)
                .output("output", ElementType.FLOAT, 1, 3, 512, 512)
                .node(OnnxModelBuilder.op("Cast").in("weight").attr("to", 1L).out("w"))
                .node(OnnxModelBuilder.op("Mul").in("input", "w").out("output"))
                .write(file);
    }
}
