package org.manyfaces.video;

import java.nio.file.Path;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Compares two videos frame by frame as the CLI decodes them (RGBA through {@link VideoReader}): PSNR over
 * the R, G and B values of all frames, and how many frames are identical. For the encoder bench
 * ({@code manyfaces bench --only encoders}) and the encoder tests.
 *
 * @param frames          frames compared (the shorter video's count)
 * @param extraFrames     frames one video has beyond the other (0 when the counts agree)
 * @param identicalFrames frames whose R, G, B values are all equal
 * @param psnr            10·log10(255² / MSE) in dB over every compared value; infinite when all are equal
 */
public record VideoComparison(long frames, long extraFrames, long identicalFrames, double psnr) {

    public static VideoComparison of(Path reference, Path candidate) throws MediaInputException {
        long frames = 0;
        long identical = 0;
        double squared = 0;
        long values = 0;
        try (VideoReader a = VideoReader.open(reference); VideoReader b = VideoReader.open(candidate)) {
            ImageView ref = null;
            ImageView fa;
            ImageView fb;
            while (true) {
                fa = a.next();
                if (fa != null && ref == null) {
                    ref = ImageView.allocate(fa.width(), fa.height(), PixelFormat.RGBA_U8);
                }
                if (fa != null) {
                    ref.copyFrom(fa); // the reader reuses its frame buffer on the next call
                }
                fb = b.next();
                if (fa == null || fb == null) {
                    break;
                }
                if (fb.width() != ref.width() || fb.height() != ref.height()) {
                    throw new IllegalArgumentException("frame " + frames + " of " + candidate + " is " + fb.width() + "x"
                            + fb.height() + ", not "
                            + ref.width() + "x" + ref.height());
                }
                long differing = 0;
                for (int y = 0; y < ref.height(); y++) {
                    for (int x = 0; x < ref.width(); x++) {
                        for (int c = 0; c < 3; c++) {
                            double d = (ref.get(x, y, c) - fb.get(x, y, c)) * 255.0;
                            if (d != 0) {
                                differing++;
                                squared += d * d;
                            }
                            values++;
                        }
                    }
                }
                if (differing == 0) {
                    identical++;
                }
                frames++;
            }
            long extra = 0;
            ImageView rest = fa != null ? fa : fb;
            VideoReader longer = fa != null ? a : b;
            while (rest != null) {
                extra++;
                rest = longer.next();
            }
            double mse = values == 0 ? 0 : squared / values;
            return new VideoComparison(frames, extra, identical, mse == 0 ? Double.POSITIVE_INFINITY
                    : 10 * Math.log10(255.0 * 255.0 / mse));
        }
    }
}
