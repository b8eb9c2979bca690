package org.manyfaces.pipeline.swap;

import java.util.Optional;

import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.SourceIdentity;
import org.manyfaces.pipeline.paste.CropMask;
import org.manyfaces.pipeline.paste.GaussianBlur;
import org.manyfaces.pipeline.paste.LabColourTransfer;

/**
 * Face swap without a swap model: the source face's own pixels are moved onto the target face.
 *
 * <p>Both faces are aligned to the same 5-point template, so placing the aligned source crop over the
 * aligned target crop <i>is</i> the 5-point similarity from source landmarks to target landmarks (the
 * paste stage applies the target's inverse map). Inside the crop:
 * <ol>
 *   <li>an elliptical face region is derived from the template's landmarks (brows to chin, cheek to cheek);</li>
 *   <li>the source is recoloured in Lab so its mean and spread inside that region match the target's
 *       (lighting and skin tone);</li>
 *   <li>the recoloured source is blended into the target with a Laplacian pyramid, so fine detail
 *       switches inside a narrow feather while shading blends smoothly: no visible seam.</li>
 * </ol>
 * Pure Java, no native code. Everything it allocates is crop-sized.
 */
public final class ClassicSwapper implements FaceSwapper {
    private static final int PYRAMID_LEVELS = 6;

    private final AlignTemplate template;
    private final int cropSize;
    private final CropMask faceMask;
    private final CropMask statsMask;
    private final CropMask pasteMask;

    /**
     * @param cropSize working resolution (e.g. 256 or 512; larger keeps more detail of big faces)
     */
    public ClassicSwapper(AlignTemplate template, int cropSize) {
        if (cropSize < 64 || cropSize > 2048) {
            throw new IllegalArgumentException("classic swap crop size must be in 64..2048, got " + cropSize);
        }
        this.template = template;
        this.cropSize = cropSize;
        // Hard region for colour statistics; feathered region for the blend; a wider feathered region
        // for the paste so resampling never softens pixels the swap did not change.
        this.statsMask = ellipse(template, cropSize, 0.92, 0);
        this.faceMask = ellipse(template, cropSize, 0.95, 0.03 * cropSize);
        this.pasteMask = ellipse(template, cropSize, 1.25, 0.05 * cropSize);
    }

    /** The default: arcface_128 alignment at 512 px. */
    public ClassicSwapper() {
        this(AlignTemplate.ARCFACE_128, 512);
    }

    @Override
    public AlignTemplate template() {
        return template;
    }

    @Override
    public int cropSize() {
        return cropSize;
    }

    /** The feathered face region the source is blended into (crop space). */
    public CropMask faceMask() {
        return faceMask;
    }

    @Override
    public Optional<CropMask> pasteMask() {
        return Optional.of(pasteMask);
    }

    @Override
    public void swap(FaceCrop target, SourceIdentity source) {
        if (target.size() != cropSize) {
            throw new IllegalArgumentException("classic swap expects a " + cropSize + " crop, got " + target.size());
        }
        FaceCrop recoloured = new FaceCrop(cropSize);
        recoloured.copyFrom(source.alignedCrop(template, cropSize));
        LabColourTransfer.transfer(recoloured, target, statsMask, 1f);
        float[] out = target.planes();
        LaplacianPyramidBlend.blend(recoloured.planes(), out, faceMask.weights(), cropSize, 3, PYRAMID_LEVELS, out);
        clamp01(out);
    }

    private static void clamp01(float[] v) {
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            v[i] = x < 0f ? 0f : x > 1f ? 1f : x;
        }
    }

    /**
     * An ellipse over the face in crop space, sized from the template landmarks: centred a little
     * below the midpoint of eyes and mouth, half-height = eye-to-mouth distance, half-width about one
     * eye distance; {@code scale} grows or shrinks it and {@code sigma} feathers it.
     */
    static CropMask ellipse(AlignTemplate template, int size, double scale, double sigma) {
        float[] p = template.pointsAt(size);
        double eyeX = (p[0] + p[2]) / 2, eyeY = (p[1] + p[3]) / 2;
        double mouthX = (p[6] + p[8]) / 2, mouthY = (p[7] + p[9]) / 2;
        double eyeDist = Math.hypot(p[2] - p[0], p[3] - p[1]);
        double eyeMouth = Math.hypot(mouthX - eyeX, mouthY - eyeY);
        double cx = (eyeX + mouthX) / 2;
        double cy = eyeY + 0.55 * (mouthY - eyeY);
        double rx = 0.95 * eyeDist * scale;
        double ry = 1.0 * eyeMouth * scale;
        float[] w = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = (x - cx) / rx, dy = (y - cy) / ry;
                w[y * size + x] = dx * dx + dy * dy <= 1 ? 1f : 0f;
            }
        }
        if (sigma > 0) {
            GaussianBlur.blur(w, size, size, sigma);
        }
        return CropMask.of(size, w);
    }
}
