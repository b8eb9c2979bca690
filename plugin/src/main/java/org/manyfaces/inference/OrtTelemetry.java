package org.manyfaces.inference;

import com.sun.jna.Function;

/**
 * Keeps ONNX Runtime's own telemetry off. Since 1.29 the official Linux build starts Microsoft's 1DS
 * telemetry client when the first {@code OrtEnvironment} is created: it writes a persistent device id and an
 * event queue under {@code ~/.cache/Microsoft/DeveloperTools/.onnxruntime}, the client's debug log
 * {@code $TMPDIR/mat-debug-<pid>.log} and a {@code .ses} session file, and uploads the queue.
 *
 * <p>{@code OrtEnvironment.setTelemetry(false)} alone is not enough (measured: the files are already there
 * by the time it can be called, because the environment's creation is itself an event). The library reads
 * the {@code ORT_DISABLE_TELEMETRY} environment variable when the environment is created, so it is set in
 * this process's C environment first, with libc's {@code setenv} through JNA (Java cannot change its own
 * environment), unless the launchers or the plug-in's shim already set it before the JVM started, and the
 * API switch is thrown as well once the environment exists.
 */
final class OrtTelemetry {
    /** The variable ONNX Runtime's POSIX telemetry checks before it starts. */
    static final String DISABLE_VARIABLE = "ORT_DISABLE_TELEMETRY";

    private static boolean done;

    private OrtTelemetry() {
    }

    /**
     * Sets {@value #DISABLE_VARIABLE}=1 in the process environment; must run before the first
     * {@code OrtEnvironment.getEnvironment}. Overwrites a user's value on purpose: ManyFaces promises no
     * telemetry.
     *
     * @throws IllegalStateException when the variable cannot be set (then no environment may be created)
     */
    static synchronized void disableBeforeFirstEnvironment() {
        if (done) {
            return;
        }
        if ("1".equals(System.getenv(DISABLE_VARIABLE))) {
            // Set before this JVM started (the launchers, the plug-in's shim): nothing to change, and no
            // setenv while a host's own threads may be reading the environment.
            done = true;
            return;
        }
        int rc = Function.getFunction("c", "setenv").invokeInt(new Object[] {DISABLE_VARIABLE, "1", 1});
        if (rc != 0) {
            throw new IllegalStateException("cannot switch ONNX Runtime's telemetry off: setenv("
                    + DISABLE_VARIABLE + ") failed");
        }
        done = true;
    }
}
