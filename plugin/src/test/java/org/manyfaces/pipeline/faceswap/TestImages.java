package org.manyfaces.pipeline.faceswap;

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

    /** Where result pictures go: docs/images of the checkout when -Dmanyfaces.docImages=true, else target/. */
    static Path output(String name) {
        if (Boolean.getBoolean("manyfaces.docImages")) {
            return Path.of("..", "docs", "images", name);
        }
        return Path.of("target", "face-results", name);
    }
}
