package org.manyfaces.inference;

import java.util.Map;

/**
 * Settings that decide how sessions are created: the GPU kill switch, the default CUDA device and the
 * CPU thread count. Read from the environment once ({@link #fromEnvironment()}); tests build their own.
 *
 * @param gpuDisabled      {@code MANYFACES_NO_GPU=1}: never try CUDA
 * @param cudaDevice       default CUDA device ({@code MANYFACES_CUDA_DEVICE}, else 0)
 * @param intraOpThreads   ORT intra-op threads (the machine's cores)
 * @param cudnnExhaustive  cuDNN convolution algorithm search EXHAUSTIVE (best kernels, slower first run)
 */
public record ProviderPolicy(boolean gpuDisabled, int cudaDevice, int intraOpThreads, boolean cudnnExhaustive) {

    public static final String ENV_NO_GPU = "MANYFACES_NO_GPU";
    public static final String ENV_CUDA_DEVICE = "MANYFACES_CUDA_DEVICE";

    public ProviderPolicy {
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("CUDA device id must be >= 0, got " + cudaDevice);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
        }
    }

    public static ProviderPolicy fromEnvironment() {
        return fromMap(System.getenv());
    }

    /** Reads the policy from an environment-like map (testable without touching the real environment). */
    public static ProviderPolicy fromMap(Map<String, String> env) {
        String noGpu = env.getOrDefault(ENV_NO_GPU, "").trim();
        boolean disabled = !noGpu.isEmpty() && !noGpu.equals("0") && !noGpu.equalsIgnoreCase("false");
        int device = 0;
        String dev = env.getOrDefault(ENV_CUDA_DEVICE, "").trim();
        if (!dev.isEmpty()) {
            try {
                device = Integer.parseInt(dev);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV_CUDA_DEVICE + " must be a device number such as 0 or 1, got '"
                        + dev + "'");
            }
            if (device < 0) {
                throw new IllegalArgumentException(ENV_CUDA_DEVICE + " must be >= 0, got " + device);
            }
        }
        return new ProviderPolicy(disabled, device, Runtime.getRuntime().availableProcessors(), true);
    }

    /** CPU only, e.g. for tests that must give the same numbers everywhere. */
    public static ProviderPolicy cpuOnly() {
        return new ProviderPolicy(true, 0, Runtime.getRuntime().availableProcessors(), true);
    }
}
