package org.manyfaces.pipeline.track;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/** Faces on known paths, detections with known jitter, and samplers over them. */
final class SyntheticFaces {
    private SyntheticFaces() {
    }

    /** A frontal face of width {@code size} centred at (cx, cy): box 1.0 × 1.2 size, 5 landmarks. */
    static Face face(double cx, double cy, double size) {
        double[][] offsets = {{-0.2, -0.1}, {0.2, -0.1}, {0, 0.05}, {-0.15, 0.25}, {0.15, 0.25}};
        float[] lm = new float[10];
        for (int i = 0; i < 5; i++) {
            lm[2 * i] = (float) (cx + offsets[i][0] * size);
            lm[2 * i + 1] = (float) (cy + offsets[i][1] * size);
        }
        return new Face(new Box((float) (cx - size / 2), (float) (cy - 0.6 * size), (float) size, (float) (1.2 * size)),
                0.95f, lm);
    }

    /** Every landmark and box coordinate moved by independent Gaussian noise of {@code sigma} pixels. */
    static Face jittered(Face f, Random rnd, double sigma) {
        float[] lm = f.landmarks();
        for (int i = 0; i < lm.length; i++) {
            lm[i] += (float) (rnd.nextGaussian() * sigma);
        }
        Box b = f.box();
        Box jb = new Box((float) (b.x() + rnd.nextGaussian() * sigma), (float) (b.y() + rnd.nextGaussian() * sigma),
                (float) (b.width() + rnd.nextGaussian() * sigma), (float) (b.height() + rnd.nextGaussian() * sigma));
        return new Face(jb, f.score(), lm);
    }

    /** Root mean square distance between the landmark coordinates of two faces (over all pairs given). */
    static double rmsLandmarkError(List<Face> a, List<Face> b) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < a.size(); k++) {
            for (int i = 0; i < 10; i++) {
                double d = a.get(k).landmarks()[i] - b.get(k).landmarks()[i];
                sum += d * d;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    /** A uniform grey frame; different greys read as different shots. */
    static FrameSignature flatSignature(float grey) {
        ImageView img = ImageView.allocate(64, 36, PixelFormat.RGBA_U8);
        for (int y = 0; y < 36; y++) {
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    img.set(x, y, c, grey);
                }
            }
        }
        return FrameSignature.of(img);
    }

    /** A sampler from per-frame functions, counting detector calls. */
    static final class Sampler implements FrameSampler {
        final LongFunction<List<Detection>> detections;
        final LongFunction<FrameSignature> signatures;
        final AtomicInteger detectCalls = new AtomicInteger();
        final AtomicInteger signatureCalls = new AtomicInteger();
        long lastAsked = Long.MIN_VALUE;

        Sampler(LongFunction<List<Detection>> detections, LongFunction<FrameSignature> signatures) {
            this.detections = detections;
            this.signatures = signatures;
        }

        @Override
        public FrameSignature signature(long frame) {
            signatureCalls.incrementAndGet();
            if (frame <= lastAsked) {
                throw new AssertionError("signature asked out of order: " + frame + " after " + lastAsked);
            }
            lastAsked = frame;
            return signatures == null ? null : signatures.apply(frame);
        }

        @Override
        public List<Detection> detect(long frame) {
            detectCalls.incrementAndGet();
            return detections.apply(frame);
        }
    }
}
