package org.manyfaces.pipeline.embed;

import org.manyfaces.pipeline.align.AlignTemplate;

/**
 * How a face recogniser wants its input: the alignment, the square crop size, and the per-pixel
 * normalisation {@code (x·255 − mean) / std} applied to RGB values (NCHW). The embedding width is read
 * from the model itself.
 */
public record EmbedderContract(AlignTemplate template, int size, float mean, float std) {
    /** InsightFace ArcFace w600k_r50 (buffalo_l): RGB, (x−127.5)/127.5, arcface_112_v2 at 112, 512 values. */
    public static final EmbedderContract ARCFACE_W600K = new EmbedderContract(AlignTemplate.ARCFACE_112_V2, 112, 127.5f, 127.5f);
    /** foamliu MobileFaceNet: RGB, (x−127.5)/128, arcface_112_v2 at 112, 128 values. */
    public static final EmbedderContract MOBILEFACENET = new EmbedderContract(AlignTemplate.ARCFACE_112_V2, 112, 127.5f, 128f);

    /** The contract a manifest recogniser entry describes (template, crop size, normalisation of channel 0). */
    public static EmbedderContract fromSpec(org.manyfaces.inference.ModelSpec spec) {
        String who = "model '" + spec.id() + "'";
        if (spec.kind() != org.manyfaces.inference.ModelKind.RECOGNIZER) {
            throw new IllegalArgumentException(who + " is a " + spec.kind() + ", not a face recogniser");
        }
        if (spec.template() == null || spec.cropSize() == null || spec.normalisation() == null) {
            throw new IllegalArgumentException(who + " lacks its template, crop size or normalisation in the manifest");
        }
        if (spec.colourOrder() != null && !"RGB".equalsIgnoreCase(spec.colourOrder())) {
            throw new IllegalArgumentException(who + " wants " + spec.colourOrder() + " input; recognisers are fed RGB");
        }
        return new EmbedderContract(AlignTemplate.parse(spec.template()), spec.cropSize(),
                (float) spec.normalisation().meanOf(0), (float) spec.normalisation().stdOf(0));
    }

    public EmbedderContract {
        java.util.Objects.requireNonNull(template, "template");
        if (size <= 0) {
            throw new IllegalArgumentException("recogniser input size must be positive, got " + size);
        }
        if (!(std != 0f) || !Float.isFinite(std) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("recogniser normalisation needs a finite mean and non-zero std, got " + mean + "/" + std);
        }
    }
}
