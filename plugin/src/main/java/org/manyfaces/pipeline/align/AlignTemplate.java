package org.manyfaces.pipeline.align;

/**
 * Five-point face alignment templates, normalised to a unit square, in the landmark order of
 * {@link org.manyfaces.pipeline.Face} (image-left eye, image-right eye, nose, image-left mouth corner,
 * image-right mouth corner). Values from FaceFusion's {@code WARP_TEMPLATE_SET}; which model uses which
 * template is listed in docs field-research §2.1.
 */
public enum AlignTemplate {
    /** InsightFace "frontal" {@code src3}; SimSwap and GHOST. */
    ARCFACE_112_V1(0.35473214f, 0.45658929f, 0.64526786f, 0.45658929f, 0.5f, 0.61154464f,
            0.37913393f, 0.776875f, 0.62086607f, 0.776875f),
    /** InsightFace {@code arcface_dst}; ArcFace-style recognisers (w600k_r50, MobileFaceNet). */
    ARCFACE_112_V2(0.34191607f, 0.46157411f, 0.65653393f, 0.45983393f, 0.500225f, 0.64050536f,
            0.37097589f, 0.82469196f, 0.63151696f, 0.82325089f),
    /** {@code arcface_dst} shifted 8 px right at 128; inswapper and hyperswap. */
    ARCFACE_128(0.36167656f, 0.40387734f, 0.63696719f, 0.40235469f, 0.50019687f, 0.56044219f,
            0.38710391f, 0.72160547f, 0.61507734f, 0.72034453f),
    /** FFHQ alignment; face enhancers, blendswap and uniface. */
    FFHQ_512(0.37691676f, 0.46864664f, 0.62285697f, 0.46912813f, 0.50123859f, 0.61331904f,
            0.39308822f, 0.725411f, 0.61150205f, 0.72490465f),
    /** MTCNN-style alignment; hififace. */
    MTCNN_512(0.36562865f, 0.46733799f, 0.63305391f, 0.46585885f, 0.50019127f, 0.61942959f,
            0.39032951f, 0.77598822f, 0.61178945f, 0.77476328f);

    private final float[] normalised;

    AlignTemplate(float... normalised) {
        this.normalised = normalised;
    }

    /** The ten normalised coordinates x0,y0,...,x4,y4 (a copy). */
    public float[] normalised() {
        return normalised.clone();
    }

    /** The template in pixels of a {@code size}×{@code size} crop. */
    public float[] pointsAt(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + size);
        }
        float[] p = new float[normalised.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = normalised[i] * size;
        }
        return p;
    }

    /** The frame-to-crop similarity that brings five landmarks onto this template at {@code size}. */
    public Affine2D frameToCrop(float[] landmarks, int size) {
        return SimilarityTransform.estimate(landmarks, pointsAt(size));
    }

    /** Parses names like {@code arcface_128} or {@code ARCFACE_112_V2} (as the model manifest writes them). */
    public static AlignTemplate parse(String name) {
        for (AlignTemplate t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown alignment template '" + name + "'; known: arcface_112_v1, "
                + "arcface_112_v2, arcface_128, ffhq_512, mtcnn_512");
    }
}
