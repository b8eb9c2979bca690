package org.manyfaces.pipeline.chain;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/**
 * Draws a face's box (2 px outline) and its five landmarks (5×5 dots) into a frame, for the "show
 * detections" option. Only those pixels are written; everything is clipped to the frame.
 */
public final class DetectionOverlay {
    /** Selected faces. */
    public static final float[] GREEN = {0.1f, 1f, 0.2f};
    /** Detected but not selected. */
    public static final float[] YELLOW = {1f, 0.85f, 0.1f};
    /** Landmarks. */
    public static final float[] RED = {1f, 0.15f, 0.1f};

    private DetectionOverlay() {
    }

    public static void draw(ImageView frame, Face face, float[] boxColour) {
        Box b = face.box();
        int x0 = Math.round(b.x());
        int y0 = Math.round(b.y());
        int x1 = Math.round(b.right());
        int y1 = Math.round(b.bottom());
        for (int t = 0; t < 2; t++) {
            fill(frame, x0, y0 + t, x1, y0 + t, boxColour);
            fill(frame, x0, y1 - t, x1, y1 - t, boxColour);
            fill(frame, x0 + t, y0, x0 + t, y1, boxColour);
            fill(frame, x1 - t, y0, x1 - t, y1, boxColour);
        }
        for (int i = 0; i < Face.LANDMARKS; i++) {
            int lx = Math.round(face.landmarkX(i));
            int ly = Math.round(face.landmarkY(i));
            fill(frame, lx - 2, ly - 2, lx + 2, ly + 2, RED);
        }
    }

    /** Fills the inclusive rectangle, clipped to the frame. */
    private static void fill(ImageView frame, int xa, int ya, int xb, int yb, float[] rgb) {
        int x0 = Math.max(0, Math.min(xa, xb));
        int x1 = Math.min(frame.width() - 1, Math.max(xa, xb));
        int y0 = Math.max(0, Math.min(ya, yb));
        int y1 = Math.min(frame.height() - 1, Math.max(ya, yb));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                for (int c = 0; c < 3; c++) {
                    frame.set(x, y, c, rgb[c]);
                }
            }
        }
    }
}
