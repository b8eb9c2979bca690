package org.manyfaces.inference;

/**
 * The execution provider a session (or the engine) actually uses, and why.
 *
 * @param provider the provider in use
 * @param cudaDevice the CUDA device id when {@code provider} is CUDA, else -1
 * @param reason one readable sentence: why CPU is used (CUDA libraries missing, no device, switched
 *               off, not asked for), or an empty string when CUDA runs as asked
 */
public record ProviderStatus(Provider provider, int cudaDevice, String reason) {

    /** Execution providers ManyFaces uses. */
    public enum Provider { CUDA, CPU }

    public static ProviderStatus cuda(int device) {
        return new ProviderStatus(Provider.CUDA, device, "");
    }

    public static ProviderStatus cpu(String reason) {
        return new ProviderStatus(Provider.CPU, -1, reason);
    }

    public boolean isGpu() {
        return provider == Provider.CUDA;
    }

    /** Short text for UIs and logs, e.g. "CUDA (device 0)" or "CPU — CUDA 12 runtime libraries not found (...)". */
    public String describe() {
        if (provider == Provider.CUDA) {
            return "CUDA (device " + cudaDevice + ")";
        }
        return reason.isEmpty() ? "CPU" : "CPU — " + reason;
    }
}
