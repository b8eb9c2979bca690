package org.manyfaces.inference;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * A handle that lets another thread stop a run in progress (the host's abort). Pass it to
 * {@link ModelSession#run(java.util.Map, java.util.Map, RunAbort)}; {@link #abort()} makes the run end
 * early with an {@link InferenceAbortedException}. Call {@link #reset()} before reusing it. Cheap: one
 * ORT RunOptions object. Close it when the owner goes away.
 */
public final class RunAbort implements AutoCloseable {
    private final OrtSession.RunOptions options;
    private volatile boolean aborted;

    public RunAbort() {
        try {
            this.options = new OrtSession.RunOptions();
        } catch (OrtException e) {
            throw new InferenceException("cannot create ORT run options: " + e.getMessage(), e);
        }
    }

    /** Asks every run using this handle to stop as soon as ORT checks (between operators). */
    public void abort() {
        aborted = true;
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            throw new InferenceException("cannot signal ORT to stop: " + e.getMessage(), e);
        }
    }

    /** Makes the handle usable again after an abort. */
    public void reset() {
        aborted = false;
        try {
            options.setTerminate(false);
        } catch (OrtException e) {
            throw new InferenceException("cannot reset ORT run options: " + e.getMessage(), e);
        }
    }

    public boolean isAborted() {
        return aborted;
    }

    OrtSession.RunOptions options() {
        return options;
    }

    @Override
    public void close() {
        options.close();
    }
}
