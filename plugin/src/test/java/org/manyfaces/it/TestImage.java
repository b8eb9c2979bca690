package org.manyfaces.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small RGBA image held as floats (8-bit files map 0..255 to 0..1), with readers and writers for the
 * two formats the OFX test host understands: binary PAM ({@code P7}, RGB_ALPHA, maxval 255, top-down) and
 * {@code .rgbaf} (ASCII header {@code RGBAF <w> <h>\n}, then w*h*4 little-endian float32, top-down).
 */
final class TestImage {
    final int width;
    final int height;
    final float[] rgba;

    TestImage(int width, int height) {
        this.width = width;
        this.height = height;
        this.rgba = new float[width * height * 4];
    }

    float get(int x, int y, int c) {
        return rgba[(y * width + x) * 4 + c];
    }

    void set(int x, int y, int c, float v) {
        rgba[(y * width + x) * 4 + c] = v;
    }

    /**
     * A test pattern whose every pixel and channel differs in a way that exposes flipped rows, swapped
     * channels and shifted columns; values are exact in 8 bits.
     */
    static TestImage pattern(int width, int height) {
        TestImage im = new TestImage(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                im.set(x, y, 0, ((x * 37 + y * 11) % 256) / 255f);
                im.set(x, y, 1, ((y * 53 + 7) % 256) / 255f);
                im.set(x, y, 2, ((x * 5 + y * 3 + 100) % 256) / 255f);
                im.set(x, y, 3, (200 + (x + y) % 56) / 255f);
            }
        }
        return im;
    }

    void writePam(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("P7\nWIDTH " + width + "\nHEIGHT " + height + "\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (float v : rgba) {
            out.write(Math.round(Math.max(0, Math.min(1, v)) * 255f));
        }
        Files.write(file, out.toByteArray());
    }

    void writeRgbaf(Path file) throws IOException {
        byte[] header = ("RGBAF " + width + " " + height + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(header.length + rgba.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (float v : rgba) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }

    void write(Path file) throws IOException {
        if (file.toString().endsWith(".rgbaf")) {
            writeRgbaf(file);
        } else {
            writePam(file);
        }
    }

    static TestImage read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        return file.toString().endsWith(".rgbaf") ? readRgbaf(data, file) : readPam(data, file);
    }

    private static TestImage readRgbaf(byte[] data, Path file) {
        int nl = indexOf(data, (byte) '\n', 0);
        String[] h = new String(data, 0, nl, StandardCharsets.US_ASCII).trim().split("\\s+");
        if (h.length != 3 || !h[0].equals("RGBAF")) {
            throw new IllegalArgumentException(file + ": not an RGBAF file");
        }
        TestImage im = new TestImage(Integer.parseInt(h[1]), Integer.parseInt(h[2]));
        ByteBuffer b = ByteBuffer.wrap(data, nl + 1, data.length - nl - 1).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != im.rgba.length * 4) {
            throw new IllegalArgumentException(file + ": " + b.remaining() + " pixel bytes for " + im.width + "x" + im.height);
        }
        for (int i = 0; i < im.rgba.length; i++) {
            im.rgba[i] = b.getFloat();
        }
        return im;
    }

    private static TestImage readPam(byte[] data, Path file) {
        String endhdr = "ENDHDR\n";
        String text = new String(data, 0, Math.min(data.length, 512), StandardCharsets.US_ASCII);
        int end = text.indexOf(endhdr);
        if (!text.startsWith("P7\n") || end < 0) {
            throw new IllegalArgumentException(file + ": not a PAM file");
        }
        int w = 0;
        int h = 0;
        int depth = 0;
        int maxval = 0;
        for (String line : text.substring(0, end).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            switch (kv[0]) {
                case "WIDTH" -> w = Integer.parseInt(kv[1]);
                case "HEIGHT" -> h = Integer.parseInt(kv[1]);
                case "DEPTH" -> depth = Integer.parseInt(kv[1]);
                case "MAXVAL" -> maxval = Integer.parseInt(kv[1]);
                default -> {
                }
            }
        }
        if (maxval != 255 || (depth != 4 && depth != 3)) {
            throw new IllegalArgumentException(file + ": PAM depth " + depth + " maxval " + maxval + " not supported");
        }
        int off = end + endhdr.length();
        if (data.length - off != w * h * depth) {
            throw new IllegalArgumentException(file + ": " + (data.length - off) + " pixel bytes for " + w + "x" + h);
        }
        TestImage im = new TestImage(w, h);
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 4; c++) {
                im.rgba[i * 4 + c] = c < depth ? (data[off + i * depth + c] & 0xFF) / 255f : 1f;
            }
        }
        return im;
    }

    private static int indexOf(byte[] a, byte v, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException("no header line end");
    }
}
