package org.manyfaces.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PictureDecoder;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.MediaOutputException;

/**
 * Single still images (PNG, JPEG, BMP) read into and written from {@link PixelFormat#RGBA_U8} views with
 * the JDK's ImageIO: the command line's image-in / image-out path and the picture {@code detect} reads.
 */
public final class StillImages {
    /** File extensions treated as a single still image when no frame-number field is present. */
    public static final Set<String> READABLE = Set.of("png", "jpg", "jpeg", "bmp");
    /** Extensions a still image can be written as. */
    public static final Set<String> WRITABLE = Set.of("png", "jpg", "jpeg");

    private StillImages() {
    }

    /** Lower-case extension of a path or spec ("" when none). */
    public static String extension(String spec) {
        String name = Path.of(spec).getFileName() == null ? spec : Path.of(spec).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a still image into a new RGBA_U8 view (opaque alpha when the file has none), with the pixels a
     * viewer shows ({@link PictureDecoder}: grey as stored, CMYK converted, EXIF orientation applied).
     */
    public static ImageView read(Path file) throws MediaInputException {
        if (!Files.isRegularFile(file)) {
            throw new MediaInputException("cannot read image " + file + ": "
                    + (Files.exists(file) ? "it is not a regular file" : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new MediaInputException("cannot read image " + file + ": permission denied");
        }
        try {
            return PictureDecoder.decode(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new MediaInputException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a view (any pixel format) as PNG (with alpha) or JPEG (without) according to the file's
     * extension. Writes exactly to {@code file}; callers that need atomicity write to a temporary name.
     */
    public static void write(ImageView frame, Path file, String extension) throws MediaOutputException {
        boolean png = extension.equals("png");
        int w = frame.width();
        int h = frame.height();
        BufferedImage img = new BufferedImage(w, h, png ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        boolean alpha = frame.channels() == 4;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = ImageView.toByte(frame.get(x, y, 0)) & 0xff;
                int g = ImageView.toByte(frame.get(x, y, 1)) & 0xff;
                int b = ImageView.toByte(frame.get(x, y, 2)) & 0xff;
                int a = alpha ? ImageView.toByte(frame.get(x, y, 3)) & 0xff : 255;
                row[x] = (a << 24) | (r << 16) | (g << 8) | b;
            }
            img.setRGB(0, y, w, 1, row, 0, w);
        }
        try {
            if (!ImageIO.write(img, png ? "png" : "jpeg", file.toFile())) {
                throw new MediaOutputException("no " + extension + " writer in this Java runtime for " + file);
            }
        } catch (IOException e) {
            throw new MediaOutputException("cannot write image " + file + ": " + e.getMessage(), e);
        }
    }
}
