package org.manyfaces.pipeline.detect;

import java.util.ArrayList;
import java.util.List;

import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/**
 * Greedy non-maximum suppression over decoded candidates: keep the best-scoring box, drop every other
 * box that overlaps it by more than the IoU threshold, repeat. IoU 0.4 is the InsightFace/FaceFusion default.
 */
public final class Nms {
    public static final float DEFAULT_IOU = 0.4f;

    private Nms() {
    }

    /**
     * Suppresses overlapping candidates and turns the survivors into faces (frame coordinates).
     *
     * @param c       candidates in model coordinates
     * @param iou     overlap above which the lower-scoring box is dropped
     * @param maxKeep at most this many faces are returned
     * @param inv     frame pixels per model pixel (1 / letterbox scale; padding is at the bottom/right,
     *                so no offset is needed)
     */
    public static List<Face> suppress(Candidates c, float iou, int maxKeep, float inv) {
        int n = c.size();
        int[] order = c.orderByScore();
        boolean[] dropped = new boolean[n];
        List<Face> kept = new ArrayList<>();
        for (int oi = 0; oi < n && kept.size() < maxKeep; oi++) {
            int i = order[oi];
            if (dropped[i]) {
                continue;
            }
            float x1 = c.x1(i), y1 = c.y1(i), x2 = c.x2(i), y2 = c.y2(i);
            float areaI = Math.max(0f, x2 - x1) * Math.max(0f, y2 - y1);
            for (int oj = oi + 1; oj < n; oj++) {
                int j = order[oj];
                if (dropped[j]) {
                    continue;
                }
                float ix = Math.min(x2, c.x2(j)) - Math.max(x1, c.x1(j));
                float iy = Math.min(y2, c.y2(j)) - Math.max(y1, c.y1(j));
                if (ix <= 0f || iy <= 0f) {
                    continue;
                }
                float inter = ix * iy;
                float areaJ = Math.max(0f, c.x2(j) - c.x1(j)) * Math.max(0f, c.y2(j) - c.y1(j));
                float union = areaI + areaJ - inter;
                if (union > 0f && inter / union > iou) {
                    dropped[j] = true;
                }
            }
            float[] lm = new float[10];
            for (int k = 0; k < 10; k++) {
                lm[k] = c.landmark(i, k) * inv;
            }
            kept.add(new Face(new Box(x1 * inv, y1 * inv, (x2 - x1) * inv, (y2 - y1) * inv), c.score(i), lm));
        }
        return kept;
    }
}
