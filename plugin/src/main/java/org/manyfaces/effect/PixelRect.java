package org.manyfaces.effect;

/**
 * An integer rectangle in OFX pixel coordinates: x1,y1 inclusive, x2,y2 exclusive, y up.
 */
public record PixelRect(int x1, int y1, int x2, int y2) {
    public PixelRect {
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("inverted rectangle (" + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ")");
        }
    }

    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    public boolean isEmpty() {
        return x2 == x1 || y2 == y1;
    }

    public boolean contains(PixelRect r) {
        return r.x1 >= x1 && r.y1 >= y1 && r.x2 <= x2 && r.y2 <= y2;
    }

    /** The overlap, possibly empty (then anchored at a corner of this rectangle). */
    public PixelRect intersect(PixelRect r) {
        int ax1 = Math.max(x1, r.x1);
        int ay1 = Math.max(y1, r.y1);
        int ax2 = Math.min(x2, r.x2);
        int ay2 = Math.min(y2, r.y2);
        if (ax2 <= ax1 || ay2 <= ay1) {
            return new PixelRect(x1, y1, x1, y1);
        }
        return new PixelRect(ax1, ay1, ax2, ay2);
    }
}
