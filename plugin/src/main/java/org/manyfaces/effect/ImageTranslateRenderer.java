package org.manyfaces.effect;

/**
 * The Image Translate render path while no translation pipeline is wired in: the diagnostic colour
 * negative is computed over the whole frame and mixed by Mix; a model file cannot run yet, so the source
 * passes through. Each limitation is told to the user once per instance.
 */
public final class ImageTranslateRenderer implements EffectRenderer {
    static final String NO_MODEL = "org.manyfaces.noModel";
    static final String NO_REGION = "org.manyfaces.noRegion";

    private final EffectMessages messages;
    private boolean warned;
    private boolean warnedRegion;

    public ImageTranslateRenderer(EffectMessages messages) {
        this.messages = messages;
    }

    @Override
    public void render(RenderRequest request, HostParams params) {
        ImageTranslateSettings s = ImageTranslateSettings.read(params, request.time());
        if (s.model() == ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE) {
            if (s.region() != 0 && !warnedRegion) {
                // Face regions need the face pipeline and mask clips the general context; neither is in this
                // build, so say that the whole frame is translated instead of silently ignoring the choice.
                warnedRegion = true;
                messages.warning(NO_REGION, "Image Translate: region '" + ImageTranslateEffect.REGIONS.get(s.region())
                        + "' is not available in this build; the whole frame is translated.");
            }
            float mix = (float) Math.max(0, Math.min(1, s.mix()));
            PixelOps.mixWithNegative(request.source(), request.output(), mix);
            return;
        }
        if (!warned) {
            warned = true;
            messages.warning(NO_MODEL, s.modelFile().isBlank()
                    ? "Image Translate: no model loaded: choose a model file. Frames pass through unchanged."
                    : "Image Translate: no model loaded: this build has no translation pipeline, so frames "
                    + "pass through unchanged.");
        }
        PixelOps.copy(request.source(), request.output());
    }

    /** Mix 0 shows the source whatever the model: nothing to do. */
    @Override
    public boolean isIdentity(HostParams params, double time) {
        return params.getDouble(ImageTranslateEffect.MIX, time) <= 0;
    }

    @Override
    public void paramChanged(String id, HostParams params, double time) {
        if (ImageTranslateEffect.MODEL.equals(id) || ImageTranslateEffect.MODEL_FILE.equals(id)) {
            warned = false;
        }
        if (ImageTranslateEffect.REGION.equals(id)) {
            warnedRegion = false;
        }
    }
}
