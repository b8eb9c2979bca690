package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.OnnxModelBuilder;
import org.manyfaces.testsupport.SharedFiles;

class OnnxModelFileTest {
    @TempDir
    Path dir;

    private static float[] ramp(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) * scale;
        }
        return v;
    }

    @Test
    void readsOpsetIoAndInitializersInEveryStorage() {
        float[] emap = ramp(64 * 64, 0.001f);
        Path file = new OnnxModelBuilder().opset(17)
                .input("x", ElementType.FLOAT, 1, "n")
                .input("w", ElementType.FLOAT, 3) // an initializer also listed as input (IR < 4 style)
                .output("y", ElementType.FLOAT, 1, "n")
                .initializer("w", new long[] {3}, 1f, 2f, 3f)
                .initializerFloatData("packed", new long[] {2, 2}, 0.5f, -0.5f, 1.5f, -1.5f)
                .initializerFloat16("half", new long[] {4}, 1f, -2f, 0.5f, 65504f)
                .initializer("emap", new long[] {64, 64}, emap)
                .node(OnnxModelBuilder.op("Identity").in("x").out("y"))
                .write(dir.resolve("m.onnx"));
        OnnxModelFile f = OnnxModelFile.read(file);
        assertEquals(17, f.opset());
        assertEquals(8, f.irVersion());
        assertEquals(1, f.inputs().size(), "initializer listed as input is not a runtime input");
        assertEquals("x", f.inputs().get(0).name());
        assertArrayEquals(new long[] {1, -1}, f.inputs().get(0).shape());
        assertEquals("n", f.inputs().get(0).dimNames()[1]);
        assertEquals("y", f.outputs().get(0).name());
        assertEquals(1, f.nodeCount());
        assertEquals(4, f.initializers().size());
        assertArrayEquals(new float[] {1f, 2f, 3f}, f.readFloats("w"));
        assertArrayEquals(new float[] {0.5f, -0.5f, 1.5f, -1.5f}, f.readFloats("packed"));
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f}, f.readFloats("half"));
        assertEquals("emap", f.lastInitializer().name());
        assertArrayEquals(new long[] {64, 64}, f.lastInitializer().dims());
        assertArrayEquals(emap, f.lastInitializerFloats());
        assertSame(f, OnnxModelFile.read(file), "parsed once and cached");
    }

    @Test
    void emptyRandomTruncatedAndMissingFilesGiveClearErrors() throws Exception {
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertTrue(assertThrows(ModelFileException.class, () -> OnnxModelFile.read(empty)).getMessage()
                .contains("is empty (0 bytes)"));

        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path random = Files.write(dir.resolve("random.onnx"), junk);
        String m = assertThrows(ModelFileException.class, () -> OnnxModelFile.read(random)).getMessage();
        assertTrue(m.contains("random.onnx") && (m.contains("not an ONNX model") || m.contains("cannot be read")), m);

        byte[] good = new OnnxModelBuilder().input("x", ElementType.FLOAT, 1).output("y", ElementType.FLOAT, 1)
                .initializer("big", new long[] {1000}, ramp(1000, 1f))
                .node(OnnxModelBuilder.op("Identity").in("x").out("y")).toBytes();
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(good, good.length / 2));
        m = assertThrows(ModelFileException.class, () -> OnnxModelFile.read(truncated)).getMessage();
        assertTrue(m.contains("truncated"), m);

        m = assertThrows(ModelFileException.class, () -> OnnxModelFile.read(dir.resolve("nope.onnx"))).getMessage();
        assertTrue(m.contains("not found") && m.contains("nope.onnx"), m);
    }

    @Test
    void wrongInitializerTypeOrNameIsNamed() {
        Path file = new OnnxModelBuilder().input("x", ElementType.FLOAT, 1).output("y", ElementType.FLOAT, 1)
                .initializerInt64("shape", new long[] {2}, 1, 2)
                .node(OnnxModelBuilder.op("Identity").in("x").out("y"))
                .write(dir.resolve("ints.onnx"));
        OnnxModelFile f = OnnxModelFile.read(file);
        assertTrue(assertThrows(ModelFileException.class, () -> f.readFloats("shape")).getMessage()
                .contains("'shape'"));
        assertTrue(assertThrows(ModelFileException.class, () -> f.initializer("emap")).getMessage()
                .contains("no initializer named 'emap'"));
    }

    @Test
    void realModelsDeclareTheDocumentedOpsetsAndInputs() {
        OnnxModelFile yunet = OnnxModelFile.read(SharedFiles.model("face_detection_yunet_2023mar.onnx"));
        assertEquals(11, yunet.opset());
        assertEquals(1, yunet.inputs().size());
        assertEquals("input", yunet.inputs().get(0).name());
        assertArrayEquals(new long[] {1, 3, 640, 640}, yunet.inputs().get(0).shape());
        assertEquals(12, yunet.outputs().size());
        OnnxModelFile mfn = OnnxModelFile.read(SharedFiles.model("mobilefacenet_foamliu.onnx"));
        assertEquals(18, mfn.opset());
        assertEquals("input0", mfn.inputs().get(0).name());
        // its last initializer is a real float tensor that can be read back with the declared element count
        OnnxModelFile.Initializer last = mfn.lastInitializer();
        if (last.type() == ElementType.FLOAT) {
            assertEquals(last.elementCount(), mfn.lastInitializerFloats().length);
        }
    }
}
