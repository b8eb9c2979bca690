package org.manyfaces.pipeline.chain;

import java.nio.file.Path;
import java.util.Objects;

import org.manyfaces.pipeline.align.AlignTemplate;

/**
 * One face-restore pass: the network, how it is aligned, and how its result is pasted back.
 *
 * @param model    the restoration model file (GFPGAN, CodeFormer, GPEN-BFR, RestoreFormer++)
 * @param template the alignment the model was trained on (FFHQ for most; GPEN-BFR 256 uses arcface_128)
 * @param size     the model's crop size when it does not declare one (its manifest entry's)
 * @param blend    0..1: how much of the restored face is shown (FaceFusion's default 0.8)
 * @param weight   0..1: CodeFormer's fidelity weight (ignored by models without that input)
 * @param maskBlur 0..1: the box mask's blur (FaceFusion's 0.3)
 * @param masks    the occlusion and region masks and the landmarker, combined with the box mask by minimum
 */
public record RestoreSettings(Path model, AlignTemplate template, int size, float blend, float weight, float maskBlur,
                              MaskSettings masks) {
    public RestoreSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(masks, "masks");
        if (size <= 0) {
            throw new IllegalArgumentException("restore crop size must be positive, got " + size);
        }
        for (float v : new float[] {blend, weight, maskBlur}) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("restore blend, weight and mask blur must be in 0..1, got " + v);
            }
        }
    }
}
