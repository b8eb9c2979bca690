package org.manyfaces.image;

/**
 * Pixel layouts ManyFaces reads and writes. Channels are interleaved in R,G,B(,A) order as OFX and
 * image files deliver them. 8-bit values map 0..255 to 0..1; float values are taken as they are
 * (nominally 0..1, unclamped).
 */
public enum PixelFormat {
    RGBA_U8(4, 1),
    RGBA_F32(4, 4),
    RGB_U8(3, 1),
    RGB_F32(3, 4);

    private final int channels;
    private final int bytesPerChannel;

    PixelFormat(int channels, int bytesPerChannel) {
        this.channels = channels;
        this.bytesPerChannel = bytesPerChannel;
    }

    public int channels() {
        return channels;
    }

    public int bytesPerChannel() {
        return bytesPerChannel;
    }

    public int bytesPerPixel() {
        return channels * bytesPerChannel;
    }

    public boolean isFloat() {
        return bytesPerChannel == 4;
    }

    public boolean hasAlpha() {
        return channels == 4;
    }
}
