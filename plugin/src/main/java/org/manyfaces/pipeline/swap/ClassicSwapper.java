package org.manyfaces.pipeline.swap;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * Everything that depends only on the source face (its aligned crop, Lab form and statistics) or only on
 * the working size (masks, the mask pyramid) is computed once; per frame only the target's statistics,
 * one Lab-to-RGB pass and one pyramid blend remain.
 *
 * <p><b>Working resolution.</b> Every face is swapped at {@link #cropSize()} (the quality setting: 256 by default,
 * 512 or 1024 with pixel boost), whatever its size on screen, so the cost of the recolouring and the blend is
 * bounded by that resolution and the same for a 150 px and a 900 px face. What keeps a large face sharp is the
 * composite ({@link #replaceMask}): only the face ellipse is replaced by the crop; around it the crop's change is
 * added to the frame's own full-resolution pixels. Pure Java, no native code. Everything it allocates is
 * crop-sized.
 */
public final class ClassicSwapper implements FaceSwapper {
    private static final int PYRAMID_LEVELS = 6;
    /** The smallest crop {@link #swap} takes: below it the blend's pyramid gets too shallow to hide the seam. */
    static final int MIN_ADAPTIVE_SIZE = 128;
    /** Per-thread crop scratch kept for this many sizes. */
    private static final int SCRATCH_SIZES = 8;

    private final AlignTemplate template;
    private final int cropSize;
    /** Masks and mask pyramid per working size, built once per size. */
    private final Map<Integer, Geometry> geometries = new ConcurrentHashMap<>();
    /** The source face prepared (Lab, statistics) at the sizes used last: the same source every frame. */
    private final Map<Integer, PreparedSource> prepared = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<Integer, FaceCrop>> recolouredScratch = ThreadLocal.withInitial(HashMap::new);

    /** Everything that depends only on the working size. */
    private record Geometry(CropMask statsMask, CropMask faceMask, CropMask pasteMask,
                            LaplacianPyramidBlend.MaskPyramid facePyramid) {
    }

    /** The source crop (identity-compared) and its Lab form. */
    private record PreparedSource(FaceCrop sourceCrop, LabColourTransfer.Prepared lab) {
    }

    /**
     * @param cropSize the working resolution every face is swapped at (e.g. 256 or 512)
     */
    public ClassicSwapper(AlignTemplate template, int cropSize) {
        if (cropSize < 64 || cropSize > 2048) {
            throw new IllegalArgumentException("classic swap crop size must be in 64..2048, got " + cropSize);
        }
        this.template = template;
        this.cropSize = cropSize;
        geometry(cropSize);
    }

    /** The source is recoloured to the target's Lab statistics as part of the swap (see the class comment). */
    @Override
    public boolean matchesTargetColour() {
        return true;
    }

    /** The default: arcface_128 alignment at 256 px. */
    public ClassicSwapper() {
        this(AlignTemplate.ARCFACE_128, 256);
    }

    @Override
    public AlignTemplate template() {
        return template;
    }

    @Override
    public int cropSize() {
        return cropSize;
    }

    /** The feathered face region the source is blended into (crop space, at {@link #cropSize()}). */
    public CropMask faceMask() {
        return geometry(cropSize).faceMask();
    }

    @Override
    public Optional<CropMask> pasteMask() {
        return Optional.of(geometry(cropSize).pasteMask());
    }

    @Override
    public Optional<CropMask> pasteMask(int size) {
        return Optional.of(geometry(checkSize(size)).pasteMask());
    }

    /**
     * The face ellipse the blend puts the source into: there the crop replaces the frame; outside it (where the
     * swap only carried the source's shading over) the change is added to the frame's full-resolution pixels.
     */
    @Override
    public Optional<CropMask> replaceMask(int size) {
        return Optional.of(geometry(checkSize(size)).faceMask());
    }

    @Override
    public void swap(FaceCrop target, SourceIdentity source) {
        int size = checkSize(target.size());
        Geometry g = geometry(size);
        FaceCrop sourceCrop = source.alignedCrop(template, size);
        PreparedSource p = prepared.get(size);
        if (p == null || p.sourceCrop() != sourceCrop) {
            // Once per source face and size: the Lab conversion and statistics of the source.
            if (prepared.size() >= SCRATCH_SIZES) {
                prepared.clear();
            }
            p = new PreparedSource(sourceCrop, LabColourTransfer.prepare(sourceCrop, g.statsMask()));
            prepared.put(size, p);
        }
        Map<Integer, FaceCrop> scratch = recolouredScratch.get();
        FaceCrop recoloured = scratch.get(size);
        if (recoloured == null) {
            if (scratch.size() >= SCRATCH_SIZES) {
                scratch.clear();
            }
            recoloured = new FaceCrop(size);
            scratch.put(size, recoloured);
        }
        LabColourTransfer.transfer(p.lab(), target, g.statsMask(), 1f, recoloured);
        float[] out = target.planes();
        LaplacianPyramidBlend.blend(recoloured.planes(), out, g.facePyramid(), 3, out);
        clamp01(out);
    }

    private int checkSize(int size) {
        if (size < Math.min(MIN_ADAPTIVE_SIZE, cropSize) || size > cropSize) {
            throw new IllegalArgumentException("classic swap works on crops of " + Math.min(MIN_ADAPTIVE_SIZE, cropSize)
                    + ".." + cropSize + " px, got " + size);
        }
        return size;
    }

    private Geometry geometry(int size) {
        Geometry g = geometries.get(size);
        if (g != null) {
            return g;
        }
        return geometries.computeIfAbsent(size, s -> {
            // Hard region for colour statistics; feathered region for the blend; a wider feathered region
            // for the paste so resampling never softens pixels the swap did not change.
            CropMask stats = ellipse(template, s, 0.92, 0);
            CropMask face = ellipse(template, s, 0.95, 0.03 * s);
            CropMask paste = ellipse(template, s, 1.25, 0.05 * s);
            return new Geometry(stats, face, paste, LaplacianPyramidBlend.maskPyramid(face.weights(), s, PYRAMID_LEVELS));
        });
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
