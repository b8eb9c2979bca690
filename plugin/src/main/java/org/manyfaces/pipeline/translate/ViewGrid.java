package org.manyfaces.pipeline.translate;

import java.nio.ByteBuffer;

import org.manyfaces.image.ImageView;

/**
 * {@link PixelGrid} over an {@link ImageView} with row-wise bulk access straight on the view's buffer
 * (8-bit values scaled to 0..1 and rounded/clamped back; float values as they are).
 */
final class ViewGrid implements PixelGrid {
    private static final float U8 = 1f / 255f;
    private final ImageView view;
    private final ByteBuffer buf;
    private final boolean isFloat;
    private final int bpp;

    ViewGrid(ImageView view) {
        this.view = view;
        this.buf = view.buffer();
        this.isFloat = view.format().isFloat();
        this.bpp = view.format().bytesPerPixel();
    }

    @Override
    public int width() {
        return view.width();
    }

    @Override
    public int height() {
        return view.height();
    }

    @Override
    public int channels() {
        return view.channels();
    }

    @Override
    public float get(int x, int y, int c) {
        return view.get(x, y, c);
    }

    @Override
    public void set(int x, int y, int c, float v) {
        view.set(x, y, c, v);
    }

    @Override
    public void readRow(int y, float[] dst, int n) {
        int w = view.width();
        int p = view.rowOffset(y);
        if (isFloat) {
            for (int x = 0; x < w; x++, p += bpp) {
                for (int c = 0; c < n; c++) {
                    dst[x * n + c] = buf.getFloat(p + 4 * c);
                }
            }
        } else {
            for (int x = 0; x < w; x++, p += bpp) {
                for (int c = 0; c < n; c++) {
                    dst[x * n + c] = (buf.get(p + c) & 0xFF) * U8;
                }
            }
        }
    }

    @Override
    public void writeRow(int y, float[] src, int n) {
        int w = view.width();
        int p = view.rowOffset(y);
        if (isFloat) {
            for (int x = 0; x < w; x++, p += bpp) {
                for (int c = 0; c < n; c++) {
                    buf.putFloat(p + 4 * c, src[x * n + c]);
                }
            }
        } else {
            for (int x = 0; x < w; x++, p += bpp) {
                for (int c = 0; c < n; c++) {
                    buf.put(p + c, ImageView.toByte(src[x * n + c]));
                }
            }
        }
    }
}
