package org.manyfaces.pipeline.embed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PictureDecoder;
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
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "cannot read source image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes image bytes; {@code what} names them in error messages. The pixels are those a viewer shows
     * ({@link PictureDecoder}: a grey photo stays as grey as it is, a phone's EXIF rotation is applied).
     */
    public static ImageView decode(byte[] bytes, String what) {
        ImageView rgba;
        try {
            rgba = PictureDecoder.decode(bytes, what);
        } catch (IOException e) {
            throw new ManyFacesException(ErrorCode.SOURCE_FACE, "cannot decode source image " + what + ": " + e.getMessage()
                    + " (use PNG or JPEG)", e);
        }
        return toRgb(rgba);
    }

    /** Copies a {@link BufferedImage} into a new packed RGB_U8 view, with the pixels a viewer shows. */
    public static ImageView fromBufferedImage(BufferedImage img) {
        return toRgb(PictureDecoder.fromImage(img));
    }

    private static ImageView toRgb(ImageView rgba) {
        ImageView v = ImageView.allocate(rgba.width(), rgba.height(), PixelFormat.RGB_U8);
        var in = rgba.buffer();
        var out = v.buffer();
        for (int y = 0; y < rgba.height(); y++) {
            int from = rgba.rowOffset(y);
            int to = v.rowOffset(y);
            for (int x = 0; x < rgba.width(); x++) {
                out.put(to + 3 * x, in.get(from + 4 * x));
                out.put(to + 3 * x + 1, in.get(from + 4 * x + 1));
                out.put(to + 3 * x + 2, in.get(from + 4 * x + 2));
            }
        }
        return v;
    }
}
