package org.manyfaces.effect.common;

import org.manyfaces.disclosure.FaceMarkEmbedder;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.RegionMask;
import org.manyfaces.disclosure.VisibleLabel;
import org.manyfaces.disclosure.WatermarkEmbedder;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Box;

/**
 * Marks an effect's output as AI-altered: embeds the invisible watermark into the pixels the effect changed
 * (the frame-anchored {@link WatermarkEmbedder} region mark, or on a swapped face with Face Swap's "Face mark"
 * set to Invisible the face mark, {@link FaceMarkEmbedder}), and draws the visible label when it is switched on.
 *
 * <p>Why "changed pixels" rather than a box: the pixels an effect leaves alone must stay bit-identical to
 * the source (a face swap only rewrites the pasted face; a masked translation only the mask). Within a
 * candidate box the stamp weights the watermark 1 where the output differs from the source and 0 where
 * it does not, so untouched pixels are never modified whatever shape the effect's own mask had.
 *
 * <p>One stamp per renderer instance (an instance renders one frame at a time); the mask buffer is reused.
 */
public final class DisclosureStamp {
    /** A rectangle of the frame in which an effect's changed pixels are looked for (may reach past the frame). */
    public record Area(int x, int y, int width, int height) {
        /**
         * The face's box grown by {@code margin} box sizes on each side: where the pixels an effect changed for
         * that face lie (its aligned crop reaches beyond the detector's box).
         */
        public static Area around(Box face, double margin) {
            double mx = face.width() * margin;
            double my = face.height() * margin;
            int x0 = (int) Math.floor(face.x() - mx);
            int y0 = (int) Math.floor(face.y() - my);
            int x1 = (int) Math.ceil(face.right() + mx);
            int y1 = (int) Math.ceil(face.bottom() + my);
            return new Area(x0, y0, x1 - x0, y1 - y0);
        }

        /** The part of this area inside a {@code side} px square centred on it (the whole area when smaller). */
        public Area centredWindow(int side) {
            int w = Math.min(width, side);
            int h = Math.min(height, side);
            return new Area(x + (width - w) / 2, y + (height - h) / 2, w, h);
        }
    }

    /** Side in pixels of the largest square of a face that carries the region mark (see {@link #watermarkFace}). */
    public static final int FACE_WINDOW = 384;

    private final WatermarkEmbedder embedder = new WatermarkEmbedder();
    private final FaceMarkEmbedder faceMark = new FaceMarkEmbedder();
    private final VisibleLabel label = new VisibleLabel();
    private float[] maskBuffer = new float[0];
    private int[] rowFirst = new int[0];
    private int[] rowLast = new int[0];
    /** Fewest rows worth a band of the diff of their own. */
    private static final int MIN_BAND_ROWS = 48;

    /**
     * Embeds {@code payload} into the pixels of {@code output} inside the box that differ from
     * {@code source} (same size and format, same pixel grid), as the frame-anchored region mark. Does nothing
     * when no pixel there changed.
     */
    public void watermarkChanged(ImageView source, ImageView output, int x, int y, int width, int height,
                          Payload payload) {
        RegionMask changed = changedPixels(source, output, x, y, width, height);
        if (changed != null) {
            embedder.embed(output, changed, payload, DisclosurePayloads.STRENGTH);
        }
    }

    /**
     * Embeds {@code payload} as the region mark of one face: into the pixels of {@code output} that differ from
     * {@code source} inside {@code area} (around the face), but at most over a {@link #FACE_WINDOW} px square
     * centred on the area. Why a window: the mark's cost is per marked pixel, and a close-up's paste area is
     * a million pixels (~20 ms); the window bounds it (issue #19: ~2 ms per face at any size) and still holds
     * more cells than the 190-250 px face squares whose detection WatermarkRobustnessTest measures.
     */
    public void watermarkFace(ImageView source, ImageView output, Area area, Payload payload) {
        Area w = area.centredWindow(FACE_WINDOW);
        RegionMask changed = changedPixels(source, output, w.x(), w.y(), w.width(), w.height());
        if (changed != null) {
            // anchored at the whole area's corner (in the frame), as an unwindowed mark of this face would be
            embedder.embed(output, changed.anchoredAt(Math.max(0, area.x()), Math.max(0, area.y())), payload,
                    DisclosurePayloads.STRENGTH);
        }
    }

    /**
     * Embeds the face mark of the face with these five {@code landmarks} (the swap's own alignment) into the
     * pixels of {@code output} inside the box that differ from {@code source}: the mark lives in the face's
     * coordinates, so {@code manyfaces verify} can add up a whole shot of a moving face.
     */
    public void markFace(ImageView source, ImageView output, float[] landmarks, int x, int y, int width, int height,
                  Payload payload) {
        RegionMask changed = changedPixels(source, output, x, y, width, height);
        if (changed != null) {
            faceMark.embed(output, landmarks, changed, payload, FaceMarkEmbedder.DEFAULT_STRENGTH);
        }
    }

    /**
     * Weight 1 on the pixels of the box (clipped to the frame) that differ from the source, 0 elsewhere, over
     * the smallest box that holds them all; null if none changed.
     */
    private RegionMask changedPixels(ImageView source, ImageView output, int x, int y, int width, int height) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(output.width(), x + width);
        int y1 = Math.min(output.height(), y + height);
        if (x0 >= x1 || y0 >= y1) {
            return null;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        if (maskBuffer.length < w * h) {
            // a face that keeps its size on screen reuses the buffer
            maskBuffer = new float[w * h];
        }
        float[] mask = maskBuffer;
        if (rowFirst.length < h) {
            rowFirst = new int[h];
            rowLast = new int[h];
        }
        int[] first = rowFirst;
        int[] last = rowLast;
        // rows in bands on the frame's threads: each band writes its own rows of the mask and of first/last
        FrameParallelism.forRowBands(0, h, MIN_BAND_ROWS,
                (from, to) -> diffRows(source, output, x0, y0, w, from, to, mask, first, last));
        int minX = w;
        int maxX = -1;
        int minY = h;
        int maxY = -1;
        for (int yy = 0; yy < h; yy++) {
            if (first[yy] >= 0) {
                minX = Math.min(minX, first[yy]);
                maxX = Math.max(maxX, last[yy]);
                minY = Math.min(minY, yy);
                maxY = yy;
            }
        }
        if (maxY < 0) {
            return null;
        }
        // Shrink to the changed pixels' box (the area around a face is about four times the pasted face): the
        // embedder's cost is per pixel of its box. Rows move towards the start of the buffer, so in place.
        int tw = maxX - minX + 1;
        int th = maxY - minY + 1;
        if (tw != w || th != h) {
            for (int yy = 0; yy < th; yy++) {
                System.arraycopy(mask, (minY + yy) * w + minX, mask, yy * tw, tw);
            }
        }
        // The grid stays anchored at the area's corner, as when the whole area was the region: the grid's phase
        // against the pixel grid decides how much of a cell survives a downscale by 2, and that phase should
        // follow the face (the area), not whichever pixels the paste happened to change.
        return RegionMask.softBox(x0 + minX, y0 + minY, tw, th, mask).anchoredAt(x0, y0);
    }

    /**
     * Rows [from, to) of the diff: 1 in the mask where any channel differs, and per row the first and last
     * changed column (-1 when none).
     */
    private static void diffRows(ImageView source, ImageView output, int x0, int y0, int w, int from, int to,
                                 float[] mask, int[] first, int[] last) {
        int channels = output.channels();
        int bpp = output.format().bytesPerPixel();
        boolean isFloat = output.format().isFloat();
        byte[] rowA = isFloat ? null : new byte[w * bpp];
        byte[] rowB = isFloat ? null : new byte[w * bpp];
        java.nio.ByteBuffer a = source.buffer();
        java.nio.ByteBuffer b = output.buffer();
        for (int yy = from; yy < to; yy++) {
            int offA = source.pixelOffset(x0, y0 + yy);
            int offB = output.pixelOffset(x0, y0 + yy);
            if (!isFloat) {
                // whole row segments in bulk: a per-pixel, per-channel ImageView.get with its checks was the
                // largest cost of marking a face (two reads per channel over twice the face box)
                a.get(offA, rowA, 0, w * bpp);
                b.get(offB, rowB, 0, w * bpp);
            }
            int f = -1;
            int l = -1;
            for (int xx = 0, o = 0; xx < w; xx++, o += bpp) {
                boolean changed = false;
                for (int c = 0; c < channels && !changed; c++) {
                    // floats compared as values, as ImageView.get gives them (0.0 equals -0.0)
                    changed = isFloat ? a.getFloat(offA + o + 4 * c) != b.getFloat(offB + o + 4 * c)
                            : rowA[o + c] != rowB[o + c];
                }
                mask[yy * w + xx] = changed ? 1f : 0f;
                if (changed) {
                    l = xx;
                    if (f < 0) {
                        f = xx;
                    }
                }
            }
            first[yy] = f;
            last[yy] = l;
        }
    }

    /** Embeds {@code payload} over the whole output (an effect that changed every pixel). */
    public void watermarkWhole(ImageView output, Payload payload) {
        embedder.embed(output, RegionMask.wholeFrame(output.width(), output.height()), payload,
                DisclosurePayloads.STRENGTH);
    }

    /** Draws the visible label when switched on. */
    public void label(ImageView output, DisclosureParams d) {
        if (d.label() && d.labelOpacity() > 0) {
            label.draw(output, d.labelSettings(output.height()));
        }
    }
}
