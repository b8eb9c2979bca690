package org.manyfaces.image;

/**
 * Turns a picture as stored into the picture as shot, by its EXIF orientation (1-8, as TIFF/EXIF number them):
 * cameras store the sensor's rows and note the rotation instead of turning the pixels, and every viewer turns
 * them back.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    static ImageView apply(ImageView stored, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        boolean swaps = orientation >= 5; // 5-8 turn by a quarter: width and height change places
        ImageView out = ImageView.allocate(swaps ? h : w, swaps ? w : h, PixelFormat.RGBA_U8);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }           // mirrored left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }   // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }           // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                   // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }           // stored turned 90 degrees anticlockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }   // transversed
                    default -> { sx = w - 1 - y; sy = x; }          // 8: stored turned 90 degrees clockwise
                }
                int so = stored.rowOffset(sy) + 4 * sx;
                int o = out.rowOffset(y) + 4 * x;
                for (int c = 0; c < 4; c++) {
                    out.buffer().put(o + c, stored.buffer().get(so + c));
                }
            }
        }
        return out;
    }
}
