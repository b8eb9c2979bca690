package org.manyfaces.it;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * One 8-bit RGBA frame read from a PNG that a host wrote (lossless, so the values are exactly the host's),
 * and the numbered frames of a folder such as {@code melt}'s {@code %04d.png} image sequence.
 */
record PngFrame(int width, int height, byte[] rgba) {

    static PngFrame read(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        if (img == null) {
            throw new AssertionError("not a picture: " + png);
        }
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgba = new byte[w * h * 4];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            // getRGB is exact for 8-bit PNGs (no colour management: they carry no profile).
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 4;
                rgba[i] = (byte) (p >> 16);
                rgba[i + 1] = (byte) (p >> 8);
                rgba[i + 2] = (byte) p;
                rgba[i + 3] = (byte) (p >>> 24);
            }
        }
        return new PngFrame(w, h, rgba);
    }

    /** The PNG files of {@code dir}, in the order of their (zero-padded) numbers. */
    static List<Path> sequence(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
    }

    /** Channel {@code c} (0 R, 1 G, 2 B, 3 A) of pixel (x, y), 0..255. */
    int get(int x, int y, int c) {
        return rgba[(y * width + x) * 4 + c] & 0xFF;
    }

    /** The frame as the product's image type (a copy), e.g. for a face detector. */
    ImageView view() {
        ByteBuffer b = ByteBuffer.allocateDirect(rgba.length).order(ByteOrder.nativeOrder()).put(rgba);
        return new ImageView(b, width, height, PixelFormat.RGBA_U8, 0, width * 4);
    }
}
