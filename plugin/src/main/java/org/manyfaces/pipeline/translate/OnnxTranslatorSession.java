package org.manyfaces.pipeline.translate;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

import org.manyfaces.inference.FloatTensor;
import org.manyfaces.inference.InferenceException;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.TensorSpec;

/**
 * A {@link TranslatorSession} over a {@link ModelSession} of the inference core. Input and output live in
 * reusable direct tensors that only grow, so a stream of same-size frames or tiles allocates nothing; ORT
 * writes the output straight into the output tensor.
 *
 * <p>The model session belongs to the engine's cache and is not closed here. Not thread-safe (one per
 * translator).
 */
public final class OnnxTranslatorSession implements TranslatorSession {
    private final ModelSession session;
    private final TranslatorContract contract;
    private final ModelSignature signature;
    private FloatTensor input;
    private FloatTensor output;

    /** Wraps a session for the tensors the contract names; the contract must fit the model. */
    public OnnxTranslatorSession(ModelSession session, TranslatorContract contract) {
        this.session = session;
        this.contract = contract;
        this.signature = signatureOf(session, contract.inputName(), contract.outputName());
        contract.checkModel(signature);
    }

    /**
     * The signature of a model's input and first output, the image tensors of every generator ManyFaces
     * knows. A model with several outputs may name the image output in its contract (manifest or sidecar).
     */
    public static ModelSignature signatureOf(ModelSession session) {
        return signatureOf(session, null, null);
    }

    /**
     * The signature of the named input and output; a null name means the model's first one. Models with more
     * than one input are refused (a translator feeds one image). A missing name is a {@link ContractException}
     * listing the real ones.
     */
    public static ModelSignature signatureOf(ModelSession session, String in, String out) {
        List<TensorSpec> ins = session.inputs();
        List<TensorSpec> outs = session.outputs();
        if (ins.isEmpty() || outs.isEmpty()) {
            throw new ContractException("model " + session.path().getFileName() + " has no input or no output");
        }
        if (ins.size() > 1) {
            throw new ContractException("model " + session.path().getFileName() + " has " + ins.size() + " inputs ("
                    + ins.stream().map(TensorSpec::name).toList() + "); an image translator feeds exactly one image");
        }
        String inName = in == null ? ins.get(0).name() : in;
        String outName = out == null ? outs.get(0).name() : out;
        try {
            return new ModelSignature(inName, session.input(inName).shape(), outName, session.output(outName).shape());
        } catch (InferenceException e) {
            throw new ContractException(e.getMessage(), e);
        }
    }

    @Override
    public ModelSignature signature() {
        return signature;
    }

    @Override
    public FloatBuffer inputBuffer(long[] shape) {
        input = fit(input, shape);
        return input.buffer();
    }

    @Override
    public FloatBuffer run(long[] outputShape) {
        if (input == null) {
            throw new IllegalStateException("fill inputBuffer(shape) before run");
        }
        output = fit(output, outputShape);
        try {
            session.run(Map.of(contract.inputName(), input), Map.of(contract.outputName(), output));
        } catch (InferenceException e) {
            throw explain(e);
        }
        return output.buffer();
    }

    /**
     * A run failed. If the cause is an output of another size than the contract predicts (a super-resolution
     * model run under an inferred scale of 1, say), rerun unpinned to learn the real shape and say so plainly.
     */
    private RuntimeException explain(InferenceException failure) {
        long[] in = input.shape();
        TensorLayout l = contract.layout();
        int h = (int) in[l.heightAxis()];
        int w = (int) in[l.widthAxis()];
        long[] actual;
        try {
            actual = session.runToArrays(Map.of(contract.inputName(), input)).get(contract.outputName()).shape();
        } catch (RuntimeException again) {
            return failure;
        }
        try {
            contract.checkOutput(actual, h, w);
        } catch (ContractException mismatch) {
            mismatch.addSuppressed(failure);
            return mismatch;
        }
        return failure;
    }

    private static FloatTensor fit(FloatTensor t, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (t == null || t.capacity() < n) {
            return FloatTensor.allocate(shape);
        }
        return t.reshape(shape);
    }

    @Override
    public void close() {
        // Tensors are plain direct buffers (freed by the GC); the model session belongs to the engine cache.
        input = null;
        output = null;
    }
}
