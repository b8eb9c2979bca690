package org.manyfaces.pipeline.translate;

import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.paste.BoxMask;
import org.manyfaces.pipeline.paste.CropMask;
import org.manyfaces.pipeline.paste.PasteBack;

/**
 * The FACES_ONLY region: each face is aligned to the FFHQ template (the alignment face stylisation and
 * enhancement models are trained on), translated as a square crop, and pasted back through the inverse
 * warp under a feathered box mask, so only the faces change and everything else stays bit-identical.
 *
 * <p>Crop size is the model's fixed size, or the tile size (rounded to a legal size) for dynamic models.
 * Faces are warped from the untouched source, so overlapping faces never read each other's results.
 * Reuses its crop buffers between frames; not thread-safe.
 */
final class FaceRegionTranslator {
    /** FaceFusion's default box-mask blur (fraction of half the crop), used when no blur is set. */
    static final float DEFAULT_BLUR = 0.3f;

    private FaceCrop crop;
    private ImageView cropIn;
    private ImageView cropOut;
    private CropMask mask;
    private String maskKey = "";

    /**
     * Translates every face of {@code faces} from {@code src} into {@code dst}, which must already hold the
     * base image (a copy of the source).
     */
    void apply(ImageView src, ImageView dst, List<Face> faces, ImageTranslator translator, TranslateSettings s) {
        TranslatorContract c = translator.contract();
        if (c.scale() != 1) {
            throw new IllegalArgumentException("region FACES_ONLY needs a model that keeps the size (scale 1); this "
                    + "model upscales by " + c.scale() + " - use WHOLE_FRAME");
        }
        int size = c.isDynamic() ? c.legalSize(s.tileSize()) : c.height();
        ensure(size);
        CropMask m = mask(size, s.maskPadding(), s.maskBlur());
        ImageTranslator.Fit fit = c.isDynamic() || (c.width() == size && c.height() == size)
                ? ImageTranslator.Fit.of(FitMode.NATIVE) : ImageTranslator.Fit.of(FitMode.RESIZE);
        for (Face f : faces) {
            Affine2D frameToCrop = AlignTemplate.FFHQ_512.frameToCrop(f.landmarks(), size);
            AffineWarp.warp(src, frameToCrop, crop);
            planarToView(crop, cropIn);
            translator.translate(cropIn, cropOut, fit, 1f, null);
            viewToPlanar(cropOut, crop);
            PasteBack.paste(dst, crop, m, s.mix());
        }
    }

    private void ensure(int size) {
        if (crop == null || crop.size() != size) {
            crop = new FaceCrop(size);
            cropIn = ImageView.allocate(size, size, PixelFormat.RGB_F32);
            cropOut = ImageView.allocate(size, size, PixelFormat.RGB_F32);
        }
    }

    /** The box mask for these settings, rebuilt only when they change (it costs O(S²·σ)). */
    private CropMask mask(int size, int padding, int blurPixels) {
        float blur = blurPixels == 0 ? DEFAULT_BLUR : Math.min(1f, blurPixels / (0.5f * size));
        // Negative padding shrinks the box by that many crop pixels on every side; the box already spans the
        // whole crop, so it cannot grow.
        float padPercent = padding < 0 ? Math.min(49f, -padding * 100f / size) : 0f;
        String key = size + "/" + blur + "/" + padPercent;
        if (!key.equals(maskKey)) {
            mask = new BoxMask(size, blur, padPercent, padPercent, padPercent, padPercent).create();
            maskKey = key;
        }
        return mask;
    }

    private static void planarToView(FaceCrop crop, ImageView view) {
        int n = crop.size();
        float[] p = crop.planes();
        int plane = crop.planeSize();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                int o = view.pixelOffset(x, y);
                view.buffer().putFloat(o, p[i]);
                view.buffer().putFloat(o + 4, p[plane + i]);
                view.buffer().putFloat(o + 8, p[2 * plane + i]);
            }
        }
    }

    private static void viewToPlanar(ImageView view, FaceCrop crop) {
        int n = crop.size();
        float[] p = crop.planes();
        int plane = crop.planeSize();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int i = y * n + x;
                int o = view.pixelOffset(x, y);
                p[i] = view.buffer().getFloat(o);
                p[plane + i] = view.buffer().getFloat(o + 4);
                p[2 * plane + i] = view.buffer().getFloat(o + 8);
            }
        }
    }
}
