package org.manyfaces.disclosure;

import java.util.Objects;

import org.manyfaces.pipeline.Box;

/**
 * Where ManyFaces changed a frame, and how much: an integer box in frame pixels (top-down) plus an
 * optional soft mask over that box (row-major, box width x box height, 0..1). The watermark is
 * weighted by the mask, so it fades out exactly where the swapped face fades into the original frame.
 * Pixels of the box outside the frame are ignored.
 */
public final class RegionMask {
    private final int x;
    private final int y;
    private final int width;
    private final int height;
    private final float[] mask;
    /** Where the watermark's cell grid is anchored (the box's corner unless {@link #anchoredAt} moved it). */
    private final int anchorX;
    private final int anchorY;

    private RegionMask(int x, int y, int width, int height, float[] mask) {
        this(x, y, width, height, mask, x, y);
    }

    private RegionMask(int x, int y, int width, int height, float[] mask, int anchorX, int anchorY) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region must not be empty, got " + width + "x" + height);
        }
        if (mask != null && mask.length < (long) width * height) {
            throw new IllegalArgumentException("soft mask has " + mask.length + " values, the " + width + "x"
                    + height + " box needs " + (width * height));
        }
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.mask = mask;
        this.anchorX = anchorX;
        this.anchorY = anchorY;
    }

    /** The whole frame (used by Image Translate, which changes every pixel). */
    public static RegionMask wholeFrame(int frameWidth, int frameHeight) {
        return new RegionMask(0, 0, frameWidth, frameHeight, null);
    }

    /** A hard-edged box. */
    public static RegionMask box(int x, int y, int width, int height) {
        return new RegionMask(x, y, width, height, null);
    }

    /**
     * A box with a soft mask (e.g. the paste-back mask of a swapped face): its first width x height values,
     * row-major. The array is used as given, not copied, so it can be a reused per-render buffer (which may
     * be longer than this box needs).
     */
    public static RegionMask softBox(int x, int y, int width, int height, float[] mask) {
        return new RegionMask(x, y, width, height, Objects.requireNonNull(mask, "mask"));
    }

    /** The integer box that covers a float {@link Box} (e.g. a face ROI), without a soft mask. */
    public static RegionMask covering(Box b) {
        int x0 = (int) Math.floor(b.x());
        int y0 = (int) Math.floor(b.y());
        int x1 = (int) Math.ceil(b.right());
        int y1 = (int) Math.ceil(b.bottom());
        return new RegionMask(x0, y0, x1 - x0, y1 - y0, null);
    }

    /**
     * The same region with the watermark's cell grid anchored at frame pixel (ax, ay) rather than at the box's
     * corner: a caller that shrinks the box to the pixels it changed keeps the grid where the larger area put it.
     */
    public RegionMask anchoredAt(int ax, int ay) {
        return new RegionMask(x, y, width, height, mask, ax, ay);
    }

    /** The cell grid's anchor, x (frame pixels). */
    public int anchorX() {
        return anchorX;
    }

    /** The cell grid's anchor, y (frame pixels). */
    public int anchorY() {
        return anchorY;
    }

    public int x() {
        return x;
    }

    public int y() {
        return y;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The soft mask itself (box width x box height, row-major; values are clamped to 0..1 where read), or
     * null for a hard box: for the embedder's row loops, which read it without a call per pixel.
     */
    float[] maskOrNull() {
        return mask;
    }

    /** Mask weight at frame pixel (fx, fy): 0 outside the box, 1 inside a hard box. */
    public float weight(int fx, int fy) {
        int lx = fx - x;
        int ly = fy - y;
        if (lx < 0 || ly < 0 || lx >= width || ly >= height) {
            return 0f;
        }
        if (mask == null) {
            return 1f;
        }
        float w = mask[ly * width + lx];
        return clamp(w);
    }

    /** A mask value as a weight: clamped to 0..1 (what {@link #weight} gives, for row loops reading the mask). */
    static float clamp(float w) {
        return w > 1f ? 1f : (w > 0f ? w : 0f);
    }
}
