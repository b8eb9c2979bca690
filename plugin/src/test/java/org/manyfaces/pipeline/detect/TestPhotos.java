package org.manyfaces.pipeline.detect;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/** Decodes test photos with javax.imageio and lays them out in the memory layouts hosts use. */
final class TestPhotos {
    private TestPhotos() {
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IllegalArgumentException("no ImageIO reader for " + file);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Top-down, tightly packed RGBA 8-bit. */
    static ImageView rgba8(BufferedImage img) {
        ImageView v = ImageView.allocate(img.getWidth(), img.getHeight(), PixelFormat.RGBA_U8);
        writeRows(img, v);
        return v;
    }

    static ImageView rgba8(Path file) {
        return rgba8(read(file));
    }

    private static void writeRows(BufferedImage img, ImageView v) {
        int w = img.getWidth();
        int[] row = new int[w];
        ByteBuffer b = v.buffer();
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int o = v.pixelOffset(x, y);
                if (v.format() == PixelFormat.RGBA_U8 || v.format() == PixelFormat.RGB_U8) {
                    b.put(o, (byte) (argb >> 16));
                    b.put(o + 1, (byte) (argb >> 8));
                    b.put(o + 2, (byte) argb);
                    if (v.format() == PixelFormat.RGBA_U8) {
                        b.put(o + 3, (byte) (argb >>> 24));
                    }
                } else {
                    b.putFloat(o, ((argb >> 16) & 0xFF) / 255f);
                    b.putFloat(o + 4, ((argb >> 8) & 0xFF) / 255f);
                    b.putFloat(o + 8, (argb & 0xFF) / 255f);
                    if (v.format() == PixelFormat.RGBA_F32) {
                        b.putFloat(o + 12, (argb >>> 24) / 255f);
                    }
                }
            }
        }
    }

    /**
     * The photo in OFX-style memory: rows stored bottom-up with padded row bytes; negative
     * {@code rowBytes} stores them top-down but addressed from the bottom row, as some hosts do.
     */
    static ImageView bottomUp(BufferedImage img, PixelFormat format, boolean negativeRowBytes) {
        int w = img.getWidth();
        int h = img.getHeight();
        int rowBytes = w * format.bytesPerPixel() + 64;
        ByteBuffer mem = ByteBuffer.allocateDirect(rowBytes * h).order(ByteOrder.nativeOrder());
        ImageView v = ImageView.wrapBottomUp(mem, w, h, format, negativeRowBytes ? -rowBytes : rowBytes);
        writeRows(img, v);
        return v;
    }

    /** Same pixels in another format (8-bit values map exactly to k/255 floats). */
    static ImageView converted(ImageView src, PixelFormat format) {
        ImageView v = ImageView.allocate(src.width(), src.height(), format);
        v.copyFrom(src);
        return v;
    }
}
