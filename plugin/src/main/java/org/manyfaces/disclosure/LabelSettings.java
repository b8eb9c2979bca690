package org.manyfaces.disclosure;

import java.util.Objects;

/**
 * How the visible disclosure label looks and where it goes.
 *
 * @param text      the label text, e.g. "AI-modified" (1..200 characters)
 * @param corner    where to put it; {@link Corner#CUSTOM} uses {@code x}/{@code y}
 * @param x         left edge in frame pixels (top-down) for {@link Corner#CUSTOM}; ignored otherwise
 * @param y         top edge in frame pixels (top-down) for {@link Corner#CUSTOM}; ignored otherwise
 * @param textHeight font size in frame pixels (6..512)
 * @param opacity   0..1: 0 leaves the frame unchanged, 1 draws the label fully opaque
 * @param margin    distance in pixels from the frame edges for the corner positions (>= 0)
 */
public record LabelSettings(String text, Corner corner, int x, int y, int textHeight, float opacity, int margin) {

    /** Where the label is anchored. */
    public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT, CUSTOM }

    /** The label ManyFaces draws by default. */
    public static final String DEFAULT_TEXT = "AI-modified";

    public LabelSettings {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(corner, "corner");
        if (text.isBlank() || text.length() > 200) {
            throw new IllegalArgumentException("label text must be 1..200 characters and not blank, got \"" + text + "\"");
        }
        if (textHeight < 6 || textHeight > 512) {
            throw new IllegalArgumentException("label text height must be 6..512 pixels, got " + textHeight);
        }
        if (!(opacity >= 0f && opacity <= 1f)) {
            throw new IllegalArgumentException("label opacity must be in 0..1, got " + opacity);
        }
        if (margin < 0) {
            throw new IllegalArgumentException("label margin must not be negative, got " + margin);
        }
    }

    /** "AI-modified", bottom-right, text height 1/24 of the frame height (at least 12 px), 80 % opaque. */
    public static LabelSettings defaults(int frameHeight) {
        int h = Math.max(12, frameHeight / 24);
        return new LabelSettings(DEFAULT_TEXT, Corner.BOTTOM_RIGHT, 0, 0, h, 0.8f, Math.max(4, h / 2));
    }

    public LabelSettings withText(String t) {
        return new LabelSettings(t, corner, x, y, textHeight, opacity, margin);
    }

    public LabelSettings withCorner(Corner c) {
        return new LabelSettings(text, c, x, y, textHeight, opacity, margin);
    }

    /** Places the label's top-left corner at (px, py). */
    public LabelSettings at(int px, int py) {
        return new LabelSettings(text, Corner.CUSTOM, px, py, textHeight, opacity, margin);
    }

    public LabelSettings withTextHeight(int h) {
        return new LabelSettings(text, corner, x, y, h, opacity, margin);
    }

    public LabelSettings withOpacity(float o) {
        return new LabelSettings(text, corner, x, y, textHeight, o, margin);
    }
}
