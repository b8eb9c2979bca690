package org.manyfaces.disclosure;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Objects;

import org.manyfaces.image.ImageView;

/**
 * Draws the visible "AI-modified" label into a frame.
 *
 * <p>The label (white text on a dark rounded plate, so it reads on any background) is rendered with
 * java.awt once per (text, size) into a small ARGB sprite, which is cached; each frame then only
 * alpha-blends the sprite's pixels into the frame, 8-bit or float, RGB or RGBA. Nothing outside the
 * sprite's rectangle is touched, and a pixel under a fully transparent sprite pixel is left as it was.
 * Blending: {@code out = in + (label - in) * spriteAlpha * opacity} on R, G, B; alpha (RGBA) becomes
 * {@code max(in, spriteAlpha * opacity)} so the label stays visible over transparent areas.
 *
 * <p>Thread-safety: the sprite cache is per instance; use one instance per render thread.
 */
public final class VisibleLabel {
    private String cachedText;
    private int cachedHeight;
    private int spriteW;
    private int spriteH;
    /** Sprite as non-premultiplied ARGB ints. */
    private int[] sprite;

    /** Draws the label into {@code frame} (clipped to the frame). */
    public void draw(ImageView frame, LabelSettings s) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(s, "settings");
        if (frame.channels() < 3) {
            throw new IllegalArgumentException("the label needs an RGB or RGBA frame, got " + frame.format());
        }
        if (s.opacity() == 0f) {
            return;
        }
        ensureSprite(s.text(), s.textHeight());
        int left;
        int top;
        switch (s.corner()) {
            case TOP_LEFT -> { left = s.margin(); top = s.margin(); }
            case TOP_RIGHT -> { left = frame.width() - s.margin() - spriteW; top = s.margin(); }
            case BOTTOM_LEFT -> { left = s.margin(); top = frame.height() - s.margin() - spriteH; }
            case BOTTOM_RIGHT -> { left = frame.width() - s.margin() - spriteW; top = frame.height() - s.margin() - spriteH; }
            default -> { left = s.x(); top = s.y(); }
        }
        blend(frame, left, top, s.opacity());
    }

    /** Size of the label for these settings: {width, height} in pixels. */
    public int[] size(LabelSettings s) {
        ensureSprite(s.text(), s.textHeight());
        return new int[] {spriteW, spriteH};
    }

    private void blend(ImageView frame, int left, int top, float opacity) {
        int x0 = Math.max(0, left);
        int y0 = Math.max(0, top);
        int x1 = Math.min(frame.width(), left + spriteW);
        int y1 = Math.min(frame.height(), top + spriteH);
        boolean alpha = frame.format().hasAlpha();
        for (int y = y0; y < y1; y++) {
            int row = (y - top) * spriteW;
            for (int x = x0; x < x1; x++) {
                int argb = sprite[row + x - left];
                int sa = argb >>> 24;
                if (sa == 0) {
                    continue;
                }
                float a = sa / 255f * opacity;
                for (int c = 0; c < 3; c++) {
                    float lv = ((argb >>> (16 - 8 * c)) & 0xFF) / 255f;
                    float in = frame.get(x, y, c);
                    frame.set(x, y, c, in + (lv - in) * a);
                }
                if (alpha) {
                    frame.set(x, y, 3, Math.max(frame.get(x, y, 3), a));
                }
            }
        }
    }

    private void ensureSprite(String text, int height) {
        if (text.equals(cachedText) && height == cachedHeight) {
            return;
        }
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, height);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int pad = Math.max(2, height / 4);
        int w = fm.stringWidth(text) + 2 * pad;
        int h = fm.getAscent() + fm.getDescent() + 2 * pad;
        pg.dispose();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0, 0, 0, 160)); // translucent plate: contrast on light and dark footage
        g.fillRoundRect(0, 0, w, h, pad * 2, pad * 2);
        g.setFont(font);
        g.setColor(Color.WHITE);
        g.drawString(text, pad, pad + fm.getAscent());
        g.dispose();
        spriteW = w;
        spriteH = h;
        sprite = img.getRGB(0, 0, w, h, null, 0, w); // non-premultiplied ARGB
        cachedText = text;
        cachedHeight = height;
    }
}
