package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.OnnxModelBuilder;

class InferenceEngineTest {
    private static InferenceEngine cpu;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cpu = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    /** y = x * k + 1, dynamic length. */
    private Path affine(String name, float k) {
        return new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT, 1, "n")
                .output("y", ElementType.FLOAT, 1, "n")
                .initializer("k", new long[0], k)
                .initializer("one", new long[0], 1f)
                .node(OnnxModelBuilder.op("Mul").in("x", "k").out("t"))
                .node(OnnxModelBuilder.op("Add").in("t", "one").out("y"))
                .write(dir.resolve(name));
    }

    @Test
    void sessionsAreSharedPerFileAndReplacedWhenTheFileChanges() throws Exception {
        Path f = affine("a.onnx", 2f);
        ModelSession s1 = cpu.open(f, ProviderChoice.CPU);
        assertSame(s1, cpu.open(f, ProviderChoice.CPU));
        assertSame(s1, cpu.open(dir.resolve(".").resolve("a.onnx"), ProviderChoice.CPU), "canonical path");
        // Same name, new content and time: a new session that computes the new function.
        Files.write(f, Files.readAllBytes(affine("b.onnx", 3f)));
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        ModelSession s2 = cpu.open(f, ProviderChoice.CPU);
        assertNotSame(s1, s2);
        FloatTensor x = FloatTensor.allocate(1, 2);
        x.put(new float[] {1f, 2f});
        FloatTensor y = FloatTensor.allocate(1, 2);
        s2.run(Map.of("x", x), Map.of("y", y));
        assertArrayEquals(new float[] {4f, 7f}, y.toArray(), 0f);
        // other tests' temp files are gone too, so at least this one
        assertTrue(cpu.closeStale() >= 1);
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> s1.run(Map.of("x", x), Map.of("y", y)));
        assertTrue(closed.getMessage().contains("open the model again"), closed.getMessage());
    }

    @Test
    void concurrentRunsOnOneSessionGiveEachCallerItsOwnResult() throws Exception {
        ModelSession s = cpu.open(affine("c.onnx", 2f), ProviderChoice.CPU);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final float base = t * 100f;
                results.add(pool.submit(() -> {
                    FloatTensor x = FloatTensor.allocate(1, 1000);
                    FloatTensor y = FloatTensor.allocate(1, 1000);
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < 1000; i++) {
                            x.set(i, base + i + rep);
                        }
                        s.run(Map.of("x", x), Map.of("y", y));
                        for (int i = 0; i < 1000; i++) {
                            if (y.get(i) != 2f * (base + i + rep) + 1f) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reusedTensorsAcceptNewShapesWithinCapacity() {
        ModelSession s = cpu.open(affine("d.onnx", 2f), ProviderChoice.CPU);
        FloatTensor x = FloatTensor.withCapacity(10, 1, 3);
        FloatTensor y = FloatTensor.withCapacity(10, 1, 3);
        x.put(new float[] {0f, 1f, 2f});
        s.run(Map.of("x", x), Map.of("y", y));
        assertArrayEquals(new float[] {1f, 3f, 5f}, y.toArray(), 0f);
        x.reshape(1, 5).put(new float[] {1f, 1f, 1f, 1f, 1f});
        y.reshape(1, 5);
        s.run(Map.of("x", x), Map.of("y", y));
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f, 3f}, y.toArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> x.reshape(1, 11));
    }

    @Test
    void wrongFeedsAreNamed() {
        Path f = new OnnxModelBuilder().input("img", ElementType.FLOAT, 1, 3, 4, 4)
                .output("out", ElementType.FLOAT, 1, 3, 4, 4)
                .node(OnnxModelBuilder.op("Relu").in("img").out("out")).write(dir.resolve("relu.onnx"));
        ModelSession s = cpu.open(f, ProviderChoice.CPU);
        FloatTensor bad = FloatTensor.allocate(1, 3, 8, 8);
        FloatTensor out = FloatTensor.allocate(1, 3, 4, 4);
        String m = assertThrows(InferenceException.class, () -> s.run(Map.of("img", bad), Map.of("out", out)))
                .getMessage();
        assertTrue(m.contains("input 'img'") && m.contains("[1,3,8,8]") && m.contains("[1,3,4,4]"), m);
        m = assertThrows(InferenceException.class, () -> s.run(Map.of("image", out), Map.of("out", out)))
                .getMessage();
        assertTrue(m.contains("no input 'image'") && m.contains("'img'"), m);
    }

    @Test
    void abortStopsTheRun() {
        ModelSession s = cpu.open(affine("e.onnx", 2f), ProviderChoice.CPU);
        FloatTensor x = FloatTensor.allocate(1, 4);
        FloatTensor y = FloatTensor.allocate(1, 4);
        try (RunAbort abort = new RunAbort()) {
            abort.abort();
            assertThrows(InferenceAbortedException.class, () -> s.run(Map.of("x", x), Map.of("y", y), abort));
            abort.reset();
            x.put(new float[] {1f, 1f, 1f, 1f});
            s.run(Map.of("x", x), Map.of("y", y), abort);
            assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, y.toArray(), 0f);
        }
    }

    @Test
    void badFilesFailBeforeOrtWithTheirName() throws Exception {
        Path empty = Files.write(dir.resolve("zero.onnx"), new byte[0]);
        assertTrue(assertThrows(ModelFileException.class, () -> cpu.open(empty, ProviderChoice.CPU))
                .getMessage().contains("zero.onnx"));
        // Valid protobuf, but the graph uses an operator ORT does not know.
        Path unknownOp = new OnnxModelBuilder().input("x", ElementType.FLOAT, 1).output("y", ElementType.FLOAT, 1)
                .node(OnnxModelBuilder.op("NoSuchOperator").in("x").out("y")).write(dir.resolve("unknown.onnx"));
        String m = assertThrows(ModelFileException.class, () -> cpu.open(unknownOp, ProviderChoice.CPU)).getMessage();
        assertTrue(m.contains("unknown.onnx") && m.contains("NoSuchOperator"), m);
    }

    @Test
    void killSwitchAndCpuChoiceExplainThemselves() {
        Path f = affine("g.onnx", 2f);
        try (InferenceEngine noGpu = new InferenceEngine(ProviderPolicy.fromMap(Map.of("MANYFACES_NO_GPU", "1")))) {
            ModelSession s = noGpu.open(f, ProviderChoice.AUTO);
            assertFalse(s.provider().isGpu());
            assertTrue(s.provider().reason().contains("MANYFACES_NO_GPU=1"), s.provider().reason());
            assertEquals(s.provider(), noGpu.status());
            assertSame(s, noGpu.open(f, ProviderChoice.CUDA), "AUTO and CUDA share the fallback session");
            assertEquals(1, noGpu.openSessionCount());
        }
        assertEquals("the CPU was chosen", cpu.open(f, ProviderChoice.CPU).provider().reason());
    }

    @Test
    void autoUsesCudaOrSaysInOneSentenceWhyNot() {
        // Works on both kinds of machine: with a usable GPU the session is on CUDA; without, the reason says why.
        try (InferenceEngine auto = new InferenceEngine(ProviderPolicy.fromMap(Map.of()))) {
            ModelSession s = auto.open(affine("h.onnx", 2f), ProviderChoice.AUTO);
            ProviderStatus st = s.provider();
            if (!st.isGpu()) {
                assertFalse(st.reason().isBlank());
                assertFalse(st.reason().contains("\n"), "one sentence: " + st.reason());
            }
            FloatTensor x = FloatTensor.allocate(1, 3);
            x.put(new float[] {1f, 2f, 3f});
            FloatTensor y = FloatTensor.allocate(1, 3);
            s.run(Map.of("x", x), Map.of("y", y));
            assertArrayEquals(new float[] {3f, 5f, 7f}, y.toArray(), 0f);
            assertEquals(st.provider(), auto.status().provider());
        }
    }

    @Test
    void policyReadsTheEnvironment() {
        assertTrue(ProviderPolicy.fromMap(Map.of("MANYFACES_NO_GPU", "1")).gpuDisabled());
        assertFalse(ProviderPolicy.fromMap(Map.of("MANYFACES_NO_GPU", "0")).gpuDisabled());
        assertEquals(2, ProviderPolicy.fromMap(Map.of("MANYFACES_CUDA_DEVICE", "2")).cudaDevice());
        String m = assertThrows(IllegalArgumentException.class,
                () -> ProviderPolicy.fromMap(Map.of("MANYFACES_CUDA_DEVICE", "gpu1"))).getMessage();
        assertTrue(m.contains("MANYFACES_CUDA_DEVICE") && m.contains("gpu1"), m);
    }

    @Test
    void cudaFailuresBecomeOneReadableSentence() {
        assertTrue(CudaDiagnosis.explain(new RuntimeException(
                "Error loading \"/tmp/libonnxruntime_providers_cuda.so\" which depends on \"libcudnn.so.9\" which is"
                        + " missing."), 0).startsWith("the cuDNN 9 libraries were not found (libcudnn.so.9)"));
        assertTrue(CudaDiagnosis.explain(new RuntimeException(
                "libcublasLt.so.12: cannot open shared object file: No such file or directory"), 0)
                .startsWith("the CUDA 12 runtime libraries were not found (libcublasLt.so.12)"));
        assertEquals("no CUDA-capable GPU was found", CudaDiagnosis.explain(new RuntimeException(
                "CUDA failure 100: no CUDA-capable device is detected ; GPU=0"), 0));
        assertEquals("CUDA device 3 does not exist on this machine", CudaDiagnosis.explain(new RuntimeException(
                "CUDA failure 101: invalid device ordinal"), 3));
    }

    @Test
    void aCpuOnlyInstallSaysTheCudaProviderIsNotInstalled() throws Exception {
        Path cpuOnly = Files.createDirectories(dir.resolve("native-cpu-only"));
        String reason = CudaDiagnosis.missingProviderReason(cpuOnly.toString());
        assertTrue(reason != null && reason.contains("libonnxruntime_providers_cuda.so")
                && reason.contains("--with-cuda"), String.valueOf(reason));
        Path withCuda = Files.createDirectories(dir.resolve("native-with-cuda"));
        Files.write(withCuda.resolve("libonnxruntime_providers_cuda.so"), new byte[] {0});
        assertEquals(null, CudaDiagnosis.missingProviderReason(withCuda.toString()));
        assertEquals(null, CudaDiagnosis.missingProviderReason(null), "ORT unpacking its own natives: not our call");
    }

    @Test
    void float16ModelsAreFedAndReadAsFloats() {
        Path f = new OnnxModelBuilder().opset(13)
                .input("x", ElementType.FLOAT16, 1, 4)
                .output("y", ElementType.FLOAT16, 1, 4)
                .initializerFloat16("k", new long[0], 2f)
                .node(OnnxModelBuilder.op("Mul").in("x", "k").out("y"))
                .write(dir.resolve("half.onnx"));
        ModelSession s = cpu.open(f, ProviderChoice.CPU);
        assertEquals(ElementType.FLOAT16, s.input("x").type());
        FloatTensor x = FloatTensor.allocate(1, 4);
        x.put(new float[] {1f, -0.5f, 1000f, 0.1f});
        FloatTensor y = FloatTensor.allocate(1, 4);
        s.run(Map.of("x", x), Map.of("y", y));
        // 0.1 is not exact in half precision: nearest half is 0.0999755859375, doubled exactly
        assertArrayEquals(new float[] {2f, -1f, 2000f, 0.199951171875f}, y.toArray(), 0f);
        assertArrayEquals(new float[] {2f, -1f, 2000f, 0.199951171875f}, s.runToArrays(Map.of("x", x)).get("y").values(), 0f);
    }

    @Test
    void halfPrecisionConversionKnownValues() {
        assertEquals((short) 0x3C00, Float16.fromFloat(1f));
        assertEquals((short) 0xC000, Float16.fromFloat(-2f));
        assertEquals((short) 0x7BFF, Float16.fromFloat(65504f));
        assertEquals((short) 0x7C00, Float16.fromFloat(1e6f), "overflow is infinity");
        assertEquals((short) 0x0001, Float16.fromFloat(0x1p-24f), "smallest subnormal");
        assertEquals((short) 0x2E66, Float16.fromFloat(0.1f));
        assertEquals(0.0999755859375f, Float16.toFloat((short) 0x2E66));
        assertEquals(0x1p-24f, Float16.toFloat((short) 0x0001));
        assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat((short) 0xFC00));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        for (int h = 0; h < 0x7C00; h += 7) { // every 7th finite positive half survives a round trip
            assertEquals((short) h, Float16.fromFloat(Float16.toFloat((short) h)));
        }
    }
}
