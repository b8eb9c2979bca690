package org.manyfaces.pipeline.chain;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;

/** Writes views as PNG for inspection and for the README pictures. */
final class TestImages {
    private TestImages() {
    }

    static void writePng(ImageView v, Path file) {
        BufferedImage img = new BufferedImage(v.width(), v.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                int r = ImageView.toByte(v.get(x, y, 0)) & 0xFF;
                int g = ImageView.toByte(v.get(x, y, 1)) & 0xFF;
                int b = ImageView.toByte(v.get(x, y, 2)) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(img, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A side-by-side strip of square panels, each the region of a picture around a face (the face box
     * grown by {@code margin}), resampled to {@code panel} pixels.
     */
    static ImageView strip(int panel, double margin, Object... pictureAndFace) {
        int n = pictureAndFace.length / 2;
        ImageView out = ImageView.allocate(panel * n, panel, org.manyfaces.image.PixelFormat.RGB_U8);
        org.manyfaces.pipeline.align.FaceCrop crop = new org.manyfaces.pipeline.align.FaceCrop(panel);
        for (int i = 0; i < n; i++) {
            ImageView pic = (ImageView) pictureAndFace[2 * i];
            org.manyfaces.pipeline.Box b = ((org.manyfaces.pipeline.Face) pictureAndFace[2 * i + 1]).box();
            double side = Math.max(b.width(), b.height()) * margin;
            double scale = panel / side;
            org.manyfaces.pipeline.align.AffineWarp.warp(pic, org.manyfaces.pipeline.align.Affine2D.translation(
                    -(b.centerX() - side / 2) * scale, -(b.centerY() - side / 2) * scale)
                    .after(org.manyfaces.pipeline.align.Affine2D.scaling(scale)), crop);
            for (int y = 0; y < panel; y++) {
                for (int x = 0; x < panel; x++) {
                    for (int c = 0; c < 3; c++) {
                        out.set(i * panel + x, y, c, crop.get(c, x, y));
                    }
                }
            }
        }
        return out;
    }

    /** Where result pictures go: docs/images of the checkout when -Dmanyfaces.docImages=true, else target/. */
    static Path output(String name) {
        if (Boolean.getBoolean("manyfaces.docImages")) {
            return Path.of("..", "docs", "images", name);
        }
        return Path.of("target", "face-results", name);
    }
}
