package org.manyfaces.disclosure;

import org.manyfaces.image.ImageView;

/**
 * Integral image of a frame's luma (Rec. 601 weights, 0..255 units), or of its blue difference B - Y,
 * so the mean of any box,
 * fractional corners included, costs four bilinear look-ups. Bilinear interpolation of the integral is
 * exact for pixel-constant images, which is what lets the detector measure cells at any scale.
 */
final class LumaIntegral {
    private final int width;
    private final int height;
    private final double[] sum; // (width+1) x (height+1), sum[y][x] = luma over [0,x) x [0,y)

    LumaIntegral(ImageView frame) {
        this(frame, false);
    }

    /** @param blueDifference integrate B - Y (the chroma direction of the chroma chips) instead of Y */
    LumaIntegral(ImageView frame, boolean blueDifference) {
        width = frame.width();
        height = frame.height();
        int w1 = width + 1;
        sum = new double[w1 * (height + 1)];
        for (int y = 0; y < height; y++) {
            double row = 0;
            for (int x = 0; x < width; x++) {
                double l = 255.0 * (0.299 * frame.get(x, y, 0) + 0.587 * frame.get(x, y, 1) + 0.114 * frame.get(x, y, 2));
                if (blueDifference) {
                    l = 255.0 * frame.get(x, y, 2) - l;
                }
                row += l;
                sum[(y + 1) * w1 + x + 1] = sum[y * w1 + x + 1] + row;
            }
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Mean luma over [x0,x1) x [y0,y1), clamped to the frame; 0 for an empty box. */
    double mean(double x0, double y0, double x1, double y1) {
        x0 = clamp(x0, width);
        x1 = clamp(x1, width);
        y0 = clamp(y0, height);
        y1 = clamp(y1, height);
        double area = (x1 - x0) * (y1 - y0);
        if (area <= 0) {
            return 0;
        }
        return (at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0)) / area;
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : (v > max ? max : v);
    }

    private double at(double x, double y) {
        int xi = (int) x;
        int yi = (int) y;
        if (xi >= width) {
            xi = width - 1;
        }
        if (yi >= height) {
            yi = height - 1;
        }
        double fx = x - xi;
        double fy = y - yi;
        int w1 = width + 1;
        int o = yi * w1 + xi;
        double top = sum[o] + (sum[o + 1] - sum[o]) * fx;
        double bot = sum[o + w1] + (sum[o + w1 + 1] - sum[o + w1]) * fx;
        return top + (bot - top) * fy;
    }
}
