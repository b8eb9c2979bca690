package org.manyfaces.pipeline.embed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Decodes source face images (PNG, JPEG, BMP, GIF: what {@link ImageIO} reads) into 8-bit RGB views.
 * Source images are read once per content hash, never per frame, so the JDK decoder is fast enough.
 */
public final class SourceImages {
    private SourceImages() {
    }

    /** Decodes a file. */
    public static ImageView read(Path file) {
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read source image " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes image bytes; {@code what} names them in error messages. */
    public static ImageView decode(byte[] bytes, String what) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot decode source image " + what + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("source image " + what + " is not in a format Java can read (use PNG or JPEG)");
        }
        return fromBufferedImage(img);
    }

    /** Copies a {@link BufferedImage} into a new packed RGB_U8 view. */
    public static ImageView fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGB_U8);
        int[] row = new int[w];
        var buf = v.buffer();
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            int off = v.rowOffset(y);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                buf.put(off + 3 * x, (byte) (p >> 16));
                buf.put(off + 3 * x + 1, (byte) (p >> 8));
                buf.put(off + 3 * x + 2, (byte) p);
            }
        }
        return v;
    }
}
