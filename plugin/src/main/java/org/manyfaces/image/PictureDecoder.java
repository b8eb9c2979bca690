package org.manyfaces.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a picture file (PNG, JPEG, BMP: what the JDK's ImageIO reads) into the pixels a viewer shows, as
 * an {@link PixelFormat#RGBA_U8} view.
 *
 * <p>{@link BufferedImage#getRGB} is not used for what it gets wrong: it converts grey pictures from the JDK's
 * linear grey colour space to sRGB (a flat 127 comes out as 187) and CMYK JPEGs likewise; here grey, grey with
 * alpha and 16-bit samples are read as they are stored (16 bits scaled to 8), CMYK JPEGs are converted the way
 * libjpeg-based viewers do (Adobe's inverted samples when the Adobe marker is there), and a JPEG's EXIF
 * orientation is applied. Palette and packed-RGB pictures go through {@code getRGB}, which is exact for them.
 *
 * <p>The bytes are decoded from memory ({@link MemoryCacheImageInputStream}): ImageIO's default stream cache
 * would write {@code imageio*.tmp} files into the temporary folder.
 */
public final class PictureDecoder {
    private PictureDecoder() {
    }

    /**
     * @param what names the picture in error messages (its path)
     * @throws IOException when no reader knows the format or the data is damaged
     */
    public static ImageView decode(byte[] bytes, String what) throws IOException {
        JpegMarkers jpeg = JpegMarkers.scan(bytes);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(what + " is not a PNG, JPEG or BMP picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageView view = jpeg.components() == 4
                        ? fromCmyk(reader.readRaster(0, null), jpeg.adobe())
                        : fromImage(reader.read(0));
                return ExifOrientation.apply(view, jpeg.orientation());
            } finally {
                reader.dispose();
            }
        }
    }

    /** The pixels of a decoded image, as stored for grey and sRGB component images, else through getRGB. */
    public static ImageView fromImage(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        boolean grey = !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        boolean srgbComponents = cm instanceof ComponentColorModel && cm.getColorSpace().isCS_sRGB()
                && !cm.isAlphaPremultiplied();
        return grey || srgbComponents ? fromSamples(img.getRaster(), cm, grey) : fromRgb(img);
    }

    private static ImageView fromSamples(Raster raster, ColorModel cm, boolean grey) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int colours = grey ? 1 : 3;
        boolean alpha = cm.hasAlpha() && bands > colours;
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << cm.getComponentSize(Math.min(b, cm.getNumComponents() - 1))) - 1;
        }
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        ByteBuffer buf = v.buffer();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int off = v.rowOffset(y);
            for (int x = 0; x < w; x++) {
                int s = x * bands;
                int r = to8(row[s], max[0]);
                int g = grey ? r : to8(row[s + 1], max[1]);
                int b = grey ? r : to8(row[s + 2], max[2]);
                int a = alpha ? to8(row[s + colours], max[colours]) : 255;
                put(buf, off + 4 * x, r, g, b, a);
            }
        }
        return v;
    }

    private static ImageView fromRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        ByteBuffer buf = v.buffer();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            int off = v.rowOffset(y);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                put(buf, off + 4 * x, (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, p >>> 24);
            }
        }
        return v;
    }

    /**
     * CMYK samples to RGB as libjpeg-based viewers convert them without a colour profile: each channel is the
     * product of "paper left" by the colour and by black. Photoshop (and every file with Adobe's APP14 marker)
     * stores the samples inverted (255 = no ink), the JPEG standard's plain CMYK does not.
     */
    private static ImageView fromCmyk(Raster raster, boolean invertedAdobe) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        ByteBuffer buf = v.buffer();
        int[] row = new int[w * 4];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int off = v.rowOffset(y);
            for (int x = 0; x < w; x++) {
                int s = 4 * x;
                int c = invertedAdobe ? row[s] : 255 - row[s];
                int m = invertedAdobe ? row[s + 1] : 255 - row[s + 1];
                int ye = invertedAdobe ? row[s + 2] : 255 - row[s + 2];
                int k = invertedAdobe ? row[s + 3] : 255 - row[s + 3];
                put(buf, off + 4 * x, c * k / 255, m * k / 255, ye * k / 255, 255);
            }
        }
        return v;
    }

    private static int to8(int sample, int max) {
        return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
    }

    private static void put(ByteBuffer buf, int o, int r, int g, int b, int a) {
        buf.put(o, (byte) r);
        buf.put(o + 1, (byte) g);
        buf.put(o + 2, (byte) b);
        buf.put(o + 3, (byte) a);
    }
}
