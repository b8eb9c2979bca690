package org.manyfaces.inference;

/**
 * Which execution provider a session should use. {@link #AUTO} and {@link #CUDA} both try CUDA first
 * and fall back to the CPU when CUDA cannot be used; the fallback reason is kept in {@link ProviderStatus}.
 */
public enum ProviderChoice {
    /** CUDA when it works, else CPU. */
    AUTO,
    /** The user asked for the GPU: same fallback as AUTO, but the fallback is reported as a warning. */
    CUDA,
    /** CPU only; never touches the CUDA libraries. */
    CPU
}
