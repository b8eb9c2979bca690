package org.manyfaces.pipeline.paste;

/** The frame rectangle a paste touched: pixels x..x+width-1, y..y+height-1 (top-down). Empty when width or height is 0. */
public record PasteRegion(int x, int y, int width, int height) {
    public static final PasteRegion EMPTY = new PasteRegion(0, 0, 0, 0);

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
}
