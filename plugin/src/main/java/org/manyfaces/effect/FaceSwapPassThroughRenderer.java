package org.manyfaces.effect;

/**
 * The Face Swap render path while no face pipeline is wired in: the output is the source, unchanged
 * (a swap mixed by Blend with nothing swapped is the source itself), and the user is told once per
 * instance why nothing happens. It never pretends to swap.
 */
public final class FaceSwapPassThroughRenderer implements EffectRenderer {
    static final String NO_SOURCE_FACE = "org.manyfaces.noSourceFace";
    static final String NO_MODEL = "org.manyfaces.noModel";

    private final EffectMessages messages;
    private boolean warned;

    public FaceSwapPassThroughRenderer(EffectMessages messages) {
        this.messages = messages;
    }

    @Override
    public void render(RenderRequest request, HostParams params) {
        FaceSwapSettings s = FaceSwapSettings.read(params, request.time());
        if (!warned) {
            warned = true;
            if (s.sourceFaces().isBlank()) {
                messages.warning(NO_SOURCE_FACE, "Face Swap: no source face: choose a source face image on the "
                        + "Face Swap page. Frames pass through unchanged.");
            } else {
                messages.warning(NO_MODEL, "Face Swap: no model loaded: this build has no face-swap pipeline, "
                        + "so frames pass through unchanged.");
            }
        }
        PixelOps.copy(request.source(), request.output());
    }

    /** Blend 0 shows the original faces: nothing to do. */
    @Override
    public boolean isIdentity(HostParams params, double time) {
        return params.getDouble(FaceSwapEffect.BLEND, time) <= 0;
    }

    @Override
    public void paramChanged(String id, HostParams params, double time) {
        // A new source face deserves a fresh explanation of why nothing is swapped.
        if (FaceSwapEffect.SOURCE_FACES.equals(id)) {
            warned = false;
        }
    }
}
