package org.manyfaces.effect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.manyfaces.image.ImageView;

/**
 * Whole-window pixel operations shared by the effects' render paths. They work row by row on the raw
 * buffers (no per-pixel virtual calls), because they run on every frame.
 */
public final class PixelOps {
    /**
     * Row arrays and the 8-bit table, one set per render thread, grown to the widest row seen. A fresh row
     * array per frame is garbage on every frame: harmless for speed, but the heap then keeps taking fresh
     * pages until its first collection, which a host (and the soak test) sees as memory growing frame after
     * frame. Host threads stay attached to the JVM, so each keeps its set.
     */
    private static final ThreadLocal<RowScratch> SCRATCH = ThreadLocal.withInitial(RowScratch::new);

    private static final class RowScratch {
        final byte[] lut = new byte[256];
        byte[] bytes = new byte[0];
        float[] floats = new float[0];

        byte[] bytes(int n) {
            if (bytes.length < n) {
                bytes = new byte[n];
            }
            return bytes;
        }

        float[] floats(int n) {
            if (floats.length < n) {
                floats = new float[n];
            }
            return floats;
        }
    }

    private PixelOps() {
    }

    /** Copies {@code src} into {@code out} (same size; converts when the formats differ). */
    public static void copy(ImageView src, ImageView out) {
        out.copyFrom(src);
    }

    /** Sets every channel of every pixel of {@code out} to 0 (transparent black). */
    public static void clear(ImageView out) {
        int rowBytes = out.width() * out.format().bytesPerPixel();
        ByteBuffer b = out.buffer();
        for (int y = 0; y < out.height(); y++) {
            int off = out.rowOffset(y);
            int i = 0;
            for (; i + 8 <= rowBytes; i += 8) {
                b.putLong(off + i, 0L);
            }
            for (; i < rowBytes; i++) {
                b.put(off + i, (byte) 0);
            }
        }
    }

    /**
     * {@code out = mix * (1 - src) + (1 - mix) * src} on the colour channels; alpha is copied. This is the
     * documented diagnostic translation of Image Translate (a colour negative), whose result is known in
     * closed form, so the keyframed Mix can be checked pixel by pixel.
     */
    public static void mixWithNegative(ImageView src, ImageView out, float mix) {
        if (src.width() != out.width() || src.height() != out.height()) {
            throw new IllegalArgumentException("source " + src + " and output " + out + " differ in size");
        }
        if (src.format() != out.format() || (out.format().isFloat() && !(floatAligned(src) && floatAligned(out)))) {
            mixWithNegativeConverting(src, out, mix);
            return;
        }
        int ch = out.channels();
        int n = out.width() * ch;
        boolean alpha = ch == 4;
        // Rows are moved in bulk through one row-sized array: bulk buffer transfers run at memory speed,
        // per-element buffer accessors do not. One row array per thread, never a frame-sized one.
        RowScratch scratch = SCRATCH.get();
        if (out.format().isFloat()) {
            float[] row = scratch.floats(n);
            FloatBuffer s = floats(src);
            FloatBuffer d = floats(out);
            for (int y = 0; y < out.height(); y++) {
                s.get(src.rowOffset(y) / 4, row, 0, n);
                for (int i = 0; i < n; i++) {
                    if (!alpha || (i & 3) != 3) {
                        float v = row[i];
                        row[i] = v + mix * (1f - 2f * v);
                    }
                }
                d.put(out.rowOffset(y) / 4, row, 0, n);
            }
            return;
        }
        // 8-bit: one lookup table per call keeps the inner loop to a load and a store.
        byte[] lut = scratch.lut;
        for (int i = 0; i < 256; i++) {
            float v = i / 255f;
            lut[i] = ImageView.toByte(v + mix * (1f - 2f * v));
        }
        byte[] row = scratch.bytes(n);
        ByteBuffer s = src.buffer();
        ByteBuffer d = out.buffer();
        for (int y = 0; y < out.height(); y++) {
            s.get(src.rowOffset(y), row, 0, n);
            for (int i = 0; i < n; i++) {
                if (!alpha || (i & 3) != 3) {
                    row[i] = lut[row[i] & 0xFF];
                }
            }
            d.put(out.rowOffset(y), row, 0, n);
        }
    }

    /** Whether every row of a float view starts on a float boundary of its buffer. */
    private static boolean floatAligned(ImageView v) {
        return v.rowOffset(0) % 4 == 0 && v.rowStride() % 4 == 0;
    }

    /** The whole buffer as native-order floats, index 0 at byte 0 (duplicate() forgets the byte order). */
    private static FloatBuffer floats(ImageView v) {
        return v.buffer().duplicate().clear().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The same formula through the per-channel accessors, for a source and output of different formats. */
    private static void mixWithNegativeConverting(ImageView src, ImageView out, float mix) {
        int colour = Math.min(out.channels(), 3);
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                for (int c = 0; c < colour; c++) {
                    float v = src.get(x, y, c);
                    out.set(x, y, c, v + mix * (1f - 2f * v));
                }
                if (out.channels() == 4) {
                    out.set(x, y, 3, src.channels() == 4 ? src.get(x, y, 3) : 1f);
                }
            }
        }
    }
}
