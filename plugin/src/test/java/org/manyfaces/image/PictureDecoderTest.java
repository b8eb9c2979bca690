package org.manyfaces.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures decode to the pixels a viewer shows. The files are made here with the JDK's encoders (and, for
 * the markers a camera or Photoshop adds, by writing the bytes), with known values; OpenCV's imread (libjpeg-
 * turbo, EXIF-aware) serves as the independent viewer where a conversion has no single exact answer.
 */
class PictureDecoderTest {
    @TempDir
    Path tmp;

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", o));
        return o.toByteArray();
    }

    private static byte[] jpeg(Object imageOrRaster) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(o)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(1f);
            IIOImage image = imageOrRaster instanceof Raster r ? new IIOImage(r, null, null)
                    : new IIOImage((BufferedImage) imageOrRaster, null, null);
            w.write(null, image, p);
        } finally {
            w.dispose();
        }
        return o.toByteArray();
    }

    /** A JPEG with one more marker segment right after its start-of-image marker. */
    private static byte[] withSegment(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** APP1 "Exif" with a big-endian TIFF IFD0 holding only the orientation tag. */
    private static byte[] exifOrientation(int orientation) {
        return new byte[] {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
                'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header, IFD0 at 8
                0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // one entry: 0x0112 SHORT x1
                0, 0, 0, 0}; // no next IFD
    }

    /** Adobe's APP14 as Photoshop writes it for CMYK (transform 0: no colour transform). */
    private static final byte[] ADOBE_APP14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0,
            0, 0, 0};

    private static int[] rgba(ImageView v, int x, int y) {
        int o = v.rowOffset(y) + 4 * x;
        return new int[] {v.buffer().get(o) & 0xff, v.buffer().get(o + 1) & 0xff, v.buffer().get(o + 2) & 0xff,
                v.buffer().get(o + 3) & 0xff};
    }

    private static void assertPixel(int[] expected, int[] actual, int tolerance, String what) {
        for (int c = 0; c < expected.length; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= tolerance, what + ": expected "
                    + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
        }
    }

    /** What OpenCV (libjpeg-turbo, EXIF orientation applied) shows at (x, y), as RGB. */
    private int[] opencv(byte[] file, int x, int y, int[] size) throws IOException {
        Path f = Files.write(tmp.resolve("viewer.jpg"), file);
        Mat m = opencv_imgcodecs.imread(f.toString());
        size[0] = m.cols();
        size[1] = m.rows();
        UByteIndexer ix = m.createIndexer();
        return new int[] {ix.get(y, x, 2), ix.get(y, x, 1), ix.get(y, x, 0)};
    }

    @Test
    void greyPngAndJpegKeepTheirValues() throws IOException {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                grey.getRaster().setSample(x, y, 0, 127);
            }
        }
        // BufferedImage.getRGB reads this as 187: the JDK's grey is linear light, converted to sRGB.
        assertEquals(187, grey.getRGB(0, 0) & 0xff, "the conversion this decoder avoids");
        assertPixel(new int[] {127, 127, 127, 255}, rgba(PictureDecoder.decode(png(grey), "grey.png"), 3, 3), 0, "PNG");
        assertPixel(new int[] {127, 127, 127, 255}, rgba(PictureDecoder.decode(jpeg(grey), "grey.jpg"), 3, 3), 1, "JPEG");
    }

    @Test
    void greyWithAlphaPaletteAndSixteenBitsGiveTheirStoredColours() throws IOException {
        ComponentColorModel greyAlpha = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster ga = greyAlpha.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                ga.setPixel(x, y, new int[] {100, 50});
            }
        }
        byte[] gaPng = png(new BufferedImage(greyAlpha, ga, false, null));
        assertPixel(new int[] {100, 100, 100, 50}, rgba(PictureDecoder.decode(gaPng, "ga.png"), 1, 1), 0, "grey+alpha");

        IndexColorModel palette = new IndexColorModel(8, 3, new byte[] {(byte) 200, 10, 0}, new byte[] {30, (byte) 220, 0},
                new byte[] {40, 5, 0}, 2); // index 2 transparent
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int x = 0; x < 3; x++) {
            indexed.getRaster().setSample(x, 0, 0, x);
        }
        ImageView pal = PictureDecoder.decode(png(indexed), "palette.png");
        assertPixel(new int[] {200, 30, 40, 255}, rgba(pal, 0, 0), 0, "palette 0");
        assertPixel(new int[] {10, 220, 5, 255}, rgba(pal, 1, 0), 0, "palette 1");
        assertEquals(0, rgba(pal, 2, 0)[3], "palette transparency");

        BufferedImage grey16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        ComponentColorModel rgb16 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r16 = rgb16.createCompatibleWritableRaster(4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                grey16.getRaster().setSample(x, y, 0, 32896); // 128 * 257
                r16.setPixel(x, y, new int[] {65535, 32896, 0});
            }
        }
        assertPixel(new int[] {128, 128, 128, 255}, rgba(PictureDecoder.decode(png(grey16), "g16.png"), 2, 2), 0, "16-bit grey");
        assertPixel(new int[] {255, 128, 0, 255}, rgba(PictureDecoder.decode(png(new BufferedImage(rgb16, r16, false, null)),
                "rgb16.png"), 2, 2), 0, "16-bit RGB");
    }

    @Test
    void cmykJpegFromPhotoshopIsConvertedAsViewersDo() throws IOException {
        // Adobe CMYK stores 255 for "no ink": cyan = (0, 255, 255, 255); half black = (255, 255, 255, 127).
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                cmyk.setPixel(x, y, x < 16 ? new int[] {0, 255, 255, 255} : new int[] {255, 255, 255, 127});
            }
        }
        byte[] file = withSegment(jpeg(cmyk), ADOBE_APP14);
        ImageView v = PictureDecoder.decode(file, "cmyk.jpg");
        assertPixel(new int[] {0, 255, 255, 255}, rgba(v, 4, 8), 2, "cyan");
        assertPixel(new int[] {127, 127, 127, 255}, rgba(v, 28, 8), 2, "half black");
        int[] size = new int[2];
        assertPixel(opencv(file, 4, 8, size), rgba(v, 4, 8), 2, "as OpenCV shows the cyan");
        assertPixel(opencv(file, 28, 8, size), rgba(v, 28, 8), 2, "as OpenCV shows the black");
    }

    @Test
    void exifOrientationTurnsThePictureAsViewersDo() throws IOException {
        // Stored 32x16: left half red, right half blue.
        BufferedImage stored = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                stored.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] plain = jpeg(stored);
        int[] red = {255, 0, 0};
        int[] blue = {0, 0, 255};
        for (int orientation : new int[] {1, 3, 6, 8}) {
            byte[] file = withSegment(plain, exifOrientation(orientation));
            ImageView v = PictureDecoder.decode(file, "o" + orientation + ".jpg");
            boolean turned = orientation == 6 || orientation == 8;
            assertEquals(turned ? 16 : 32, v.width(), "orientation " + orientation);
            assertEquals(turned ? 32 : 16, v.height(), "orientation " + orientation);
            // Where the red half is shown: 1 left, 3 right (upside down), 6 top (turned clockwise), 8 bottom.
            int[] first = orientation == 1 || orientation == 6 ? red : blue;
            int[] a = turned ? rgba(v, 8, 4) : rgba(v, 4, 8);
            int[] b = turned ? rgba(v, 8, 28) : rgba(v, 28, 8);
            assertPixel(first, java.util.Arrays.copyOf(a, 3), 3, "orientation " + orientation + " first half");
            assertPixel(first == red ? blue : red, java.util.Arrays.copyOf(b, 3), 3, "orientation " + orientation);
            int[] size = new int[2];
            int[] viewer = opencv(file, turned ? 8 : 4, turned ? 4 : 8, size);
            assertEquals(v.width(), size[0], "OpenCV turns it the same way, orientation " + orientation);
            assertPixel(viewer, java.util.Arrays.copyOf(a, 3), 3, "as OpenCV shows it, orientation " + orientation);
        }
    }
}
