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

    /**
     * The contract a manifest entry describes: template, crop size, RGB normalisation (0..255 scale in
     * the manifest, converted to 0..1 here), {@code extras.outputRange} ([0,1] when absent) and
     * {@code extras.emapFromLastInitializer}. The image input is the rank-4 one, the identity input the rank-2 one.
     */
    public static SwapperContract fromSpec(org.manyfaces.inference.ModelSpec spec) {
        String who = "model '" + spec.id() + "'";
        if (spec.kind() != org.manyfaces.inference.ModelKind.SWAPPER) {
            throw new IllegalArgumentException(who + " is a " + spec.kind() + ", not a face swapper");
        }
        if (spec.template() == null || spec.cropSize() == null || spec.normalisation() == null) {
            throw new IllegalArgumentException(who + " lacks its template, crop size or normalisation in the manifest");
        }
        if (spec.colourOrder() != null && !"RGB".equalsIgnoreCase(spec.colourOrder())) {
            throw new IllegalArgumentException(who + " wants " + spec.colourOrder() + " input; face swappers are fed RGB");
        }
        String target = null;
        String source = null;
        for (org.manyfaces.inference.ModelSpec.TensorEntry t : spec.inputs()) {
            int rank = t.shape() == null ? -1 : t.shape().size();
            if (rank == 4) {
                target = t.name();
            } else if (rank == 2) {
                source = t.name();
            }
        }
        if (target == null || source == null) {
            throw new IllegalArgumentException(who + " must declare a [1,3,S,S] image input and a [1,W] identity input");
        }
        double lo = 0;
        double hi = 1;
        if (spec.extras() != null && spec.extras().get("outputRange") instanceof java.util.List<?> r && r.size() == 2) {
            lo = ((Number) r.get(0)).doubleValue();
            hi = ((Number) r.get(1)).doubleValue();
        }
        float mean = (float) (spec.normalisation().meanOf(0) / 255.0);
        float std = (float) (spec.normalisation().stdOf(0) / 255.0);
        return new SwapperContract(spec.id(), AlignTemplate.parse(spec.template()), spec.cropSize(), mean, std,
                (float) (1 / (hi - lo)), (float) (-lo / (hi - lo)), spec.extraFlag("emapFromLastInitializer"), target, source);
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
