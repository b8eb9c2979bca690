package org.manyfaces.pipeline.mask;

import java.util.Set;

import org.manyfaces.pipeline.paste.CropMask;

/**
 * The face parser's answer for one crop: a class index per pixel of the parser's square grid
 * (CelebAMask-HQ labels, see {@link FaceRegion}). Immutable.
 */
public final class FaceParse {
    private final int size;
    private final byte[] labels;

    /** Takes ownership of {@code labels} ({@code size×size}, row-major). */
    FaceParse(int size, byte[] labels) {
        if (labels.length != size * size) {
            throw new IllegalArgumentException("a parse of size " + size + " needs " + size * size + " labels");
        }
        this.size = size;
        this.labels = labels;
    }

    /** The parser grid's side in pixels. */
    public int size() {
        return size;
    }

    /** The class index at grid pixel (x, y). */
    public int label(int x, int y) {
        return labels[y * size + x];
    }

    /**
     * The region mask at {@code cropSize}: 1 where the label is one of {@code regions}, resized to the crop
     * and finished by {@link MaskEdges} (FaceFusion's {@code create_region_mask}). No region: all zero.
     */
    public CropMask select(Set<FaceRegion> regions, int cropSize) {
        return CropMask.of(cropSize, selected(regions, cropSize));
    }

    /** As {@link #select}, inverted: 0 over the regions, 1 elsewhere. */
    public CropMask exclude(Set<FaceRegion> regions, int cropSize) {
        float[] w = selected(regions, cropSize);
        MaskEdges.invert(w);
        return CropMask.of(cropSize, w);
    }

    private float[] selected(Set<FaceRegion> regions, int cropSize) {
        boolean[] wanted = new boolean[256];
        for (FaceRegion r : regions) {
            wanted[r.label()] = true;
        }
        float[] grid = new float[size * size];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = wanted[labels[i] & 0xFF] ? 1f : 0f;
        }
        float[] w = new float[cropSize * cropSize];
        PlaneResize.resize(grid, 0, size, w, 0, cropSize);
        MaskEdges.soften(w, cropSize);
        return w;
    }
}
