package org.manyfaces.pipeline.translate;

import org.manyfaces.image.ImageView;

/** Zero-copy sub-views of images, so that a region of a frame can be translated in place. */
public final class Views {
    private Views() {
    }

    /** The rectangle (x, y, w, h) of {@code v} as a view over the same memory. */
    public static ImageView crop(ImageView v, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > v.width() || y + h > v.height()) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at " + x + "," + y + " is outside " + v);
        }
        int offset = h == 0 || w == 0 ? 0 : v.pixelOffset(x, y);
        return new ImageView(v.buffer(), w, h, v.format(), offset, v.rowStride());
    }
}
