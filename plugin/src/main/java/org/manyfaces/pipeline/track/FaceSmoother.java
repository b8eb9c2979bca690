package org.manyfaces.pipeline.track;

/**
 * One {@link OneEuroFilter} per face coordinate (10 landmark coordinates, box centre and size) of one
 * track. Coordinates are divided by the track's face size before filtering, so the same settings treat
 * a face 50 pixels and 500 pixels wide alike.
 */
final class FaceSmoother {
    private final OneEuroFilter[] filters = new OneEuroFilter[FaceVector.SIZE];
    private final double scale;

    FaceSmoother(double scale) {
        this.scale = scale;
        for (int i = 0; i < filters.length; i++) {
            filters[i] = new OneEuroFilter(OneEuroFilter.Settings.OFF);
        }
    }

    /** Filters one sample {@code dt} seconds after the previous one. */
    double[] smooth(double[] raw, double dt, OneEuroFilter.Settings settings) {
        double[] out = new double[FaceVector.SIZE];
        for (int i = 0; i < out.length; i++) {
            filters[i].setSettings(settings);
            out[i] = filters[i].filter(raw[i] / scale, dt) * scale;
        }
        return out;
    }
}
