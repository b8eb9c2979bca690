package org.manyfaces.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A view of interleaved pixels in a {@link ByteBuffer}, usually memory the host owns (no copy).
 *
 * <p>Coordinates are <b>top-down</b>: (0,0) is the top-left pixel, as in image files and OpenCV.
 * OFX images are bottom-up and may have negative or padded row bytes; {@link #wrapBottomUp} maps
 * them onto this convention so that no pipeline stage ever needs to know where the rows came from.
 *
 * <p>The buffer must be in native byte order and cover every row. A view is not thread-safe for
 * writes to the same pixels, but distinct views of one buffer may be written from different threads.
 */
public final class ImageView {
    private final ByteBuffer buffer;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final int topRowOffset;
    private final int rowStride;

    /**
     * @param buffer       native-order buffer that contains every row (position and limit ignored)
     * @param topRowOffset byte offset of the first pixel of the top row
     * @param rowStride    bytes from one row to the row below it; negative when rows run upwards in memory
     */
    public ImageView(ByteBuffer buffer, int width, int height, PixelFormat format, int topRowOffset, int rowStride) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.format = Objects.requireNonNull(format, "format");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative image size " + width + "x" + height);
        }
        if (buffer.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("pixel buffer must be in native byte order");
        }
        long rowBytes = (long) width * format.bytesPerPixel();
        if (height > 0 && width > 0) {
            long first = topRowOffset;
            long last = topRowOffset + (long) (height - 1) * rowStride;
            long lo = Math.min(first, last);
            long hi = Math.max(first, last) + rowBytes;
            if (lo < 0 || hi > buffer.capacity()) {
                throw new IllegalArgumentException("rows [" + lo + "," + hi + ") fall outside a buffer of "
                        + buffer.capacity() + " bytes");
            }
            if (Math.abs((long) rowStride) < rowBytes) {
                throw new IllegalArgumentException("row stride " + rowStride + " is smaller than a row of "
                        + rowBytes + " bytes");
            }
        }
        this.width = width;
        this.height = height;
        this.topRowOffset = topRowOffset;
        this.rowStride = rowStride;
    }

    /** A new, zero-filled, tightly packed image in direct memory. */
    public static ImageView allocate(int width, int height, PixelFormat format) {
        long bytes = (long) width * height * format.bytesPerPixel();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image " + width + "x" + height + " " + format
                    + " needs " + bytes + " bytes, more than one buffer can hold (2 GiB)");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        return new ImageView(buf, width, height, format, 0, width * format.bytesPerPixel());
    }

    /**
     * Wraps OFX-style memory: rows bottom-up, {@code rowBytes} from one row to the one above it (may be
     * negative or padded). {@code lowestAddress} must start at the lowest address any row occupies,
     * i.e. at the bottom row when rowBytes is positive and at the top row when it is negative.
     */
    public static ImageView wrapBottomUp(ByteBuffer lowestAddress, int width, int height, PixelFormat format, int rowBytes) {
        ByteBuffer buf = lowestAddress.order(ByteOrder.nativeOrder());
        if (height == 0) {
            return new ImageView(buf, width, 0, format, 0, Math.max(rowBytes, width * format.bytesPerPixel()));
        }
        if (rowBytes >= 0) {
            return new ImageView(buf, width, height, format, (height - 1) * rowBytes, -rowBytes);
        }
        return new ImageView(buf, width, height, format, 0, -rowBytes);
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    public int channels() {
        return format.channels();
    }

    /** Bytes from one row to the row below it (top-down); may be negative. */
    public int rowStride() {
        return rowStride;
    }

    /** Byte offset of the first pixel of row {@code y} (top-down). */
    public int rowOffset(int y) {
        return topRowOffset + y * rowStride;
    }

    /** Byte offset of pixel (x, y). */
    public int pixelOffset(int x, int y) {
        return topRowOffset + y * rowStride + x * format.bytesPerPixel();
    }

    /** Channel {@code c} of pixel (x, y) as a float; 8-bit values are scaled to 0..1. */
    public float get(int x, int y, int c) {
        int off = pixelOffset(x, y);
        if (format.isFloat()) {
            return buffer.getFloat(off + 4 * c);
        }
        return (buffer.get(off + c) & 0xFF) * (1f / 255f);
    }

    /** Stores channel {@code c} of pixel (x, y); 8-bit formats round and clamp to 0..255. */
    public void set(int x, int y, int c, float value) {
        int off = pixelOffset(x, y);
        if (format.isFloat()) {
            buffer.putFloat(off + 4 * c, value);
        } else {
            buffer.put(off + c, toByte(value));
        }
    }

    /** Rounds and clamps a 0..1 value to an unsigned byte. NaN becomes 0. */
    public static byte toByte(float v) {
        float s = v * 255f + 0.5f;
        if (!(s > 0f)) {
            return 0;
        }
        return s >= 255f ? (byte) 255 : (byte) (int) s;
    }

    /** True when the two views share a size and pixel format. */
    public boolean sameShape(ImageView other) {
        return width == other.width && height == other.height && format == other.format;
    }

    /**
     * Copies every pixel of {@code src} (same size) into this view, converting the format when needed.
     * Same-format copies move whole rows; this is the only full-frame copy a render should make.
     */
    public void copyFrom(ImageView src) {
        if (src.width != width || src.height != height) {
            throw new IllegalArgumentException("size mismatch: " + src.width + "x" + src.height + " into "
                    + width + "x" + height);
        }
        if (width == 0 || height == 0) {
            return;
        }
        if (src.format == format) {
            int rowBytes = width * format.bytesPerPixel();
            ByteBuffer s = src.buffer.duplicate();
            ByteBuffer d = buffer.duplicate();
            if (src.rowStride == rowStride && Math.abs((long) rowStride) == rowBytes) {
                // Same row order and no padding: the rows form one block in both buffers (bottom-up host
                // frames included), so one bulk copy moves the frame at memcpy speed.
                int srcLow = Math.min(src.rowOffset(0), src.rowOffset(height - 1));
                int dstLow = Math.min(rowOffset(0), rowOffset(height - 1));
                d.put(dstLow, s, srcLow, rowBytes * height);
                return;
            }
            for (int y = 0; y < height; y++) {
                d.put(rowOffset(y), s, src.rowOffset(y), rowBytes);
            }
            return;
        }
        if (src.channels() == channels() && (format.isFloat() != src.format.isFloat())) {
            copyConverting(src);
            return;
        }
        int sc = src.channels();
        int dc = channels();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < dc; c++) {
                    float v = c < sc ? src.get(x, y, c) : 1f;
                    set(x, y, c, v);
                }
            }
        }
    }

    /**
     * 8-bit ↔ float with the same channels, a row at a time through two row arrays: bulk buffer
     * transfers plus a tight loop, instead of one buffer access per channel.
     */
    private void copyConverting(ImageView src) {
        int n = width * channels();
        byte[] bytes = new byte[n];
        float[] floats = new float[n];
        boolean toFloat = format.isFloat();
        java.nio.FloatBuffer fb = (toFloat ? buffer : src.buffer).duplicate().clear()
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        ImageView floatView = toFloat ? this : src;
        boolean aligned = floatView.rowOffset(0) % 4 == 0 && floatView.rowStride % 4 == 0;
        for (int y = 0; y < height; y++) {
            if (toFloat) {
                src.buffer.get(src.rowOffset(y), bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    floats[i] = (bytes[i] & 0xFF) * (1f / 255f);
                }
                if (aligned) {
                    fb.put(rowOffset(y) / 4, floats, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        buffer.putFloat(rowOffset(y) + 4 * i, floats[i]);
                    }
                }
            } else {
                if (aligned) {
                    fb.get(src.rowOffset(y) / 4, floats, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        floats[i] = src.buffer.getFloat(src.rowOffset(y) + 4 * i);
                    }
                }
                for (int i = 0; i < n; i++) {
                    bytes[i] = toByte(floats[i]);
                }
                buffer.put(rowOffset(y), bytes, 0, n);
            }
        }
    }

    @Override
    public String toString() {
        return "ImageView[" + width + "x" + height + " " + format + ", stride " + rowStride + "]";
    }
}
