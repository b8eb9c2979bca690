package org.manyfaces.pipeline.translate;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/** Deterministic test pictures, image comparisons and PNG/JPEG loading for the translate tests. */
final class TestImages {
    private TestImages() {
    }

    /** Random values with some smooth structure, every channel (alpha too) in 0..1; fixed seed. */
    static ImageView random(int w, int h, PixelFormat f, long seed) {
        ImageView v = ImageView.allocate(w, h, f);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < f.channels(); c++) {
                    float smooth = 0.5f + 0.4f * (float) Math.sin(0.07 * x * (c + 1) + 0.05 * y);
                    float v0 = 0.7f * smooth + 0.3f * r.nextFloat();
                    v.set(x, y, c, c == 3 ? 0.25f + 0.5f * r.nextFloat() : v0);
                }
            }
        }
        return v;
    }

    /** Largest absolute difference over the first {@code channels} channels. */
    static float maxDiff(PixelGrid a, PixelGrid b, int channels) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("size " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        float m = 0f;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < channels; c++) {
                    m = Math.max(m, Math.abs(a.get(x, y, c) - b.get(x, y, c)));
                }
            }
        }
        return m;
    }

    static float maxDiff(ImageView a, ImageView b, int channels) {
        return maxDiff(PixelGrid.of(a), PixelGrid.of(b), channels);
    }

    /** PSNR in dB over R, G, B with peak 1. */
    static double psnr(ImageView a, ImageView b) {
        double se = 0;
        long n = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double d = a.get(x, y, c) - b.get(x, y, c);
                    se += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.log10(1.0 / (se / n));
    }

    /** PSNR in dB of the BT.601 luma only (how super-resolution is usually scored). */
    static double psnrLuma(ImageView a, ImageView b) {
        double se = 0;
        long n = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                double d = Normalizer.luma(a.get(x, y, 0), a.get(x, y, 1), a.get(x, y, 2))
                        - Normalizer.luma(b.get(x, y, 0), b.get(x, y, 1), b.get(x, y, 2));
                se += d * d;
                n++;
            }
        }
        return 10 * Math.log10(1.0 / (se / n));
    }

    /** Loads an image file into a new RGB_U8 view (alpha, if any, dropped). */
    static ImageView load(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not an image: " + file);
        }
        ImageView v = ImageView.allocate(img.getWidth(), img.getHeight(), PixelFormat.RGB_U8);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                int o = v.pixelOffset(x, y);
                v.buffer().put(o, (byte) (argb >> 16));
                v.buffer().put(o + 1, (byte) (argb >> 8));
                v.buffer().put(o + 2, (byte) argb);
            }
        }
        return v;
    }
}
