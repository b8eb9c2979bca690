package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.OnnxModelBuilder;

class ContractCheckTest {
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

    private static final ModelContract INSWAPPER = new ModelContract(
            List.of(ModelContract.Tensor.of("target", 1, 3, 128, 128), ModelContract.Tensor.of("source", 1, 512)),
            List.of(ModelContract.Tensor.of("output", 1, 3, 128, 128)));

    /** A stand-in with inswapper-like names: output = target + sum(source) (shapes from the arguments). */
    private ModelSession swapperLike(String file, int size, int latent) {
        return cpu.open(new OnnxModelBuilder().opset(13)
                .input("target", ElementType.FLOAT, 1, 3, size, size)
                .input("source", ElementType.FLOAT, 1, latent)
                .output("output", ElementType.FLOAT, 1, 3, size, size)
                .node(OnnxModelBuilder.op("ReduceSum").in("source").out("s").attr("keepdims", 0L))
                .node(OnnxModelBuilder.op("Add").in("target", "s").out("output"))
                .write(dir.resolve(file)), ProviderChoice.CPU);
    }

    @Test
    void matchingModelHasNoDifferences() {
        assertEquals(List.of(), ContractCheck.differences(swapperLike("ok.onnx", 128, 512), INSWAPPER));
    }

    @Test
    void differencesAreSpelledOut() {
        ModelSession wrong = swapperLike("wrong.onnx", 256, 512);
        List<String> d = ContractCheck.differences(wrong, INSWAPPER);
        assertEquals(List.of(
                "input 'target': expected shape [1,3,128,128], model declares [1,3,256,256]",
                "output 'output': expected shape [1,3,128,128], model declares [1,3,256,256]"), d);
        ModelContractException e = assertThrows(ModelContractException.class,
                () -> ContractCheck.require(wrong, INSWAPPER, "swapper"));
        assertTrue(e.getMessage().startsWith("wrong.onnx does not fit the swapper contract: input 'target'"),
                e.getMessage());
    }

    @Test
    void missingNamesRanksAndTypesAreReported() {
        List<TensorSpec> in = List.of(new TensorSpec("img", ElementType.FLOAT, 1, 3, 128, 128),
                new TensorSpec("source", ElementType.FLOAT16, 1, 512));
        List<TensorSpec> out = List.of(new TensorSpec("output", ElementType.FLOAT, 3, 128, 128));
        List<String> d = ContractCheck.differences(in, out, INSWAPPER);
        assertEquals(List.of(
                "model has no input 'target' (it declares 'img', 'source')",
                "input 'source': expected element type float, model declares float16",
                "model declares extra input 'img' that this stage does not feed",
                "output 'output': expected rank 4 [1,3,128,128], model declares rank 3 [3,128,128]"), d);
    }

    @Test
    void dynamicDimsAndPositionalNamesAreAccepted() {
        List<TensorSpec> in = List.of(new TensorSpec("input_0", ElementType.FLOAT, -1, 3, -1, -1));
        List<TensorSpec> out = List.of(new TensorSpec("output_0", ElementType.FLOAT, -1, 3, -1, -1));
        ModelContract anyImage = new ModelContract(List.of(ModelContract.Tensor.positional(1, 3, 256, 256)),
                List.of(ModelContract.Tensor.positional(1, 3, -1, -1)));
        assertEquals(List.of(), ContractCheck.differences(in, out, anyImage));
    }
}
