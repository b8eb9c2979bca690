package org.manyfaces.pipeline.swap;

import org.manyfaces.pipeline.align.AlignTemplate;

/**
 * The I/O contract of an embedding-driven swap model (field-research §2.2, §2.4): target crop
 * alignment and size, how target pixels are normalised ({@code (x − mean)/std} on 0..1 RGB), how the
 * output is mapped back ({@code y·outScale + outOffset}), and whether the source latent is the normed
 * embedding multiplied by the model's emap.
 *
 * @param targetInput name of the target image input
 * @param sourceInput name of the identity input
 */
public record SwapperContract(String name, AlignTemplate template, int size, float mean, float std,
                              float outScale, float outOffset, boolean useEmap,
                              String targetInput, String sourceInput) {

    /** inswapper_128 (InsightFace): RGB 0..1 in and out, latent = normed embedding × emap. */
    public static final SwapperContract INSWAPPER_128 =
            new SwapperContract("inswapper_128", AlignTemplate.ARCFACE_128, 128, 0f, 1f, 1f, 0f, true, "target", "source");
    /** hyperswap_1a/1b/1c_256 (FaceFusion): RGB in [−1,1] in and out, latent = normed embedding, no emap. */
    public static final SwapperContract HYPERSWAP_256 =
            new SwapperContract("hyperswap_256", AlignTemplate.ARCFACE_128, 256, 0.5f, 0.5f, 0.5f, 0.5f, false, "target", "source");

    public SwapperContract {
        java.util.Objects.requireNonNull(template, "template");
        if (size <= 0 || std == 0f) {
            throw new IllegalArgumentException("swapper contract needs a positive size and non-zero std");
        }
    }

    /** Looks a contract up by the model family names the manifest uses. */
    public static SwapperContract forName(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("inswapper")) {
            return INSWAPPER_128;
        }
        if (n.startsWith("hyperswap")) {
            return HYPERSWAP_256;
        }
        throw new IllegalArgumentException("no swapper contract for '" + name + "'; supported: inswapper_128, hyperswap_*_256");
    }
}
