package org.manyfaces.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.image.FrameParallelism;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AlignTemplate;

/**
 * Known answers of the face mark ({@link FaceMarkEmbedder}, {@link FaceMarkReader}): it lives in the face's own
 * coordinates, so a turned and rescaled face is read after re-alignment alone; evidence of a track adds up where
 * no single frame suffices. The picture is a synthetic skin-like texture (smooth noise): these tests are about
 * geometry and statistics; the shared photos are in {@link FaceMarkFalsePositiveTest} and the bench.
 */
class FaceMarkTest {
    static final Payload PAYLOAD = FaceSwapEffect.payload(FaceSwapEffect.SwapModel.CLASSIC);
    static final List<Payload> KNOWN = DisclosurePayloads.known();

    @Test
    void alignedMarkIsFoundAfterA30DegreeTurnAndHalfScale() {
        ImageView host = texture(640, 640, 7, 11);
        float[] lm = landmarks(320, 330, 240, 0);
        ImageView marked = copy(host);
        new FaceMarkEmbedder().embed(marked, lm, null, PAYLOAD, FaceMarkEmbedder.DEFAULT_STRENGTH);

        // Turn by 30 degrees about the face and scale by 0.5 into a 400x400 frame.
        Affine2D m = Affine2D.translation(200, 200).after(Affine2D.similarity(0.5, Math.toRadians(30), 0, 0))
                .after(Affine2D.translation(-320, -330));
        ImageView turned = warp(marked, m, 400, 400);
        float[] moved = m.apply(lm);

        FaceMarkReader reader = new FaceMarkReader(KNOWN);
        FaceMarkEvidence e = reader.newEvidence();
        assertTrue(reader.read(turned, moved, e));
        MarkReading r = reader.judge(e);
        assertTrue(r.found(), "re-aligned turned face: " + r + " t=" + reader.bestKnownScore(e));
        assertEquals(PAYLOAD, r.payload());

        // The same pixels read at the landmarks of the unturned face (no re-alignment) carry nothing.
        FaceMarkEvidence wrong = reader.newEvidence();
        reader.read(turned, lm, wrong);
        assertFalse(reader.judge(wrong).found(), "without re-alignment the cells do not line up");
        // And the unmarked picture, turned the same way, is not found either.
        FaceMarkEvidence clean = reader.newEvidence();
        reader.read(warp(host, m, 400, 400), moved, clean);
        assertFalse(reader.judge(clean).found());
    }

    @Test
    void evidenceOfATrackAddsUpWhereNoFrameAloneIsEnough() {
        FaceMarkEmbedder embedder = new FaceMarkEmbedder();
        FaceMarkReader reader = new FaceMarkReader(KNOWN);
        FaceMarkEvidence track = reader.newEvidence();
        Random noise = new Random(5);
        int frames = 30;
        double bestAlone = 0;
        for (int t = 0; t < frames; t++) {
            // A face that moves, grows and turns a little: the mark moves with it, in face coordinates.
            float[] lm = landmarks(280 + 3 * t, 300 - t, 200 + 2 * t, Math.toRadians(t * 0.5));
            ImageView frame = texture(640, 640, 7, 11);
            embedder.embed(frame, lm, null, PAYLOAD, 0.25f / 255f);
            addNoise(frame, 12.0 / 255, noise); // sensor / codec noise, new in every frame
            FaceMarkEvidence alone = reader.newEvidence();
            reader.read(frame, lm, alone);
            MarkReading one = reader.judge(alone);
            assertFalse(one.found(), "frame " + t + " alone must be below the threshold: " + one);
            bestAlone = Math.max(bestAlone, reader.bestKnownScore(alone));
            reader.read(frame, lm, track);
        }
        MarkReading r = reader.judge(track);
        assertEquals(frames, track.frames());
        assertTrue(r.found(), "track of " + frames + " frames: " + r + "; best single frame t=" + bestAlone);
        assertEquals(PAYLOAD, r.payload());
    }

    @Test
    void aStrongMarkIsReadBlindWhenItsPayloadIsNotInTheKnownList() {
        Payload other = new Payload(Payload.MANYFACES_MARK, 7, 0x1234); // an effect code this build does not write
        ImageView frame = texture(640, 640, 3, 21);
        float[] lm = landmarks(320, 330, 260, 0);
        new FaceMarkEmbedder().embed(frame, lm, null, other, 2.5f / 255f);
        FaceMarkReader reader = new FaceMarkReader(KNOWN);
        FaceMarkEvidence e = reader.newEvidence();
        reader.read(frame, lm, e);
        MarkReading r = reader.judge(e);
        assertTrue(r.found(), r.toString());
        assertEquals(other, r.payload());
    }

    @Test
    void pixelsOutsideTheRegionAndAlphaAreNeverTouched() {
        ImageView host = texture(400, 400, 7, 3);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                host.set(x, y, 3, 0.5f);
            }
        }
        ImageView marked = copy(host);
        float[] weights = new float[100 * 100];
        java.util.Arrays.fill(weights, 1f);
        new FaceMarkEmbedder().embed(marked, landmarks(200, 200, 200, 0), RegionMask.softBox(150, 150, 100, 100, weights),
                PAYLOAD, FaceMarkEmbedder.DEFAULT_STRENGTH);
        int changedInside = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                boolean inside = x >= 150 && x < 250 && y >= 150 && y < 250;
                for (int c = 0; c < 4; c++) {
                    boolean changed = marked.get(x, y, c) != host.get(x, y, c);
                    if (changed && (!inside || c == 3)) {
                        throw new AssertionError("pixel " + x + "," + y + " channel " + c + " changed");
                    }
                    changedInside += changed ? 1 : 0;
                }
                // luma only: R, G and B move together
                assertEquals(marked.get(x, y, 0) - host.get(x, y, 0), marked.get(x, y, 1) - host.get(x, y, 1), 1e-6);
            }
        }
        assertTrue(changedInside > 1000, "the region was marked: " + changedInside);
    }

    /** The frame pass runs in row bands on the frame's threads: one thread and four write the same pixels. */
    @Test
    void theMarkDoesNotDependOnTheThreads() {
        ImageView host = texture(400, 400, 7, 5);
        float[] weights = new float[180 * 180];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (i % 11) / 8f; // soft, and past 1 (clamped)
        }
        ImageView[] out = new ImageView[2];
        int[] threads = {1, 4};
        for (int k = 0; k < 2; k++) {
            out[k] = copy(host);
            FrameParallelism.setThreads(threads[k]);
            try {
                new FaceMarkEmbedder().embed(out[k], landmarks(200, 190, 230, 0.4), RegionMask.softBox(110, 100, 180, 180,
                        weights), PAYLOAD, FaceMarkEmbedder.DEFAULT_STRENGTH);
            } finally {
                FrameParallelism.setThreads(Runtime.getRuntime().availableProcessors());
            }
        }
        int changed = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 400; x++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(out[0].get(x, y, c), out[1].get(x, y, c), "pixel " + x + "," + y + " channel " + c);
                    changed += out[0].get(x, y, c) != host.get(x, y, c) ? 1 : 0;
                }
            }
        }
        assertTrue(changed > 1000, "marked: " + changed);
    }

    /** Landmarks of a face whose eyes are {@code eyeDistance} / 0.275 ... placed by the template itself. */
    static float[] landmarks(double cx, double cy, double cropSide, double angle) {
        float[] t = AlignTemplate.ARCFACE_128.normalised();
        Affine2D m = Affine2D.translation(cx, cy).after(Affine2D.similarity(cropSide, angle, 0, 0))
                .after(Affine2D.translation(-0.5, -0.5));
        return m.apply(t);
    }

    /** Smooth random texture around mid grey: detail of {@code amplitude} code values at a {@code blur} px scale. */
    static ImageView texture(int w, int h, double amplitude, long seed) {
        Random r = new Random(seed);
        int gw = w / 8 + 2;
        int gh = h / 8 + 2;
        double[] coarse = new double[gw * gh];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = r.nextGaussian();
        }
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double gx = x / 8.0;
                double gy = y / 8.0;
                int x0 = (int) gx;
                int y0 = (int) gy;
                double fx = gx - x0;
                double fy = gy - y0;
                double s = (1 - fy) * ((1 - fx) * coarse[y0 * gw + x0] + fx * coarse[y0 * gw + x0 + 1])
                        + fy * ((1 - fx) * coarse[(y0 + 1) * gw + x0] + fx * coarse[(y0 + 1) * gw + x0 + 1]);
                double g = 0.55 + amplitude / 255 * s + 0.08 * Math.sin(x / 90.0) * Math.cos(y / 70.0);
                v.set(x, y, 0, (float) (g + 0.05));
                v.set(x, y, 1, (float) g);
                v.set(x, y, 2, (float) (g - 0.08));
                v.set(x, y, 3, 1f);
            }
        }
        return v;
    }

    static void addNoise(ImageView v, double sigma, Random r) {
        for (int y = 0; y < v.height(); y++) {
            for (int x = 0; x < v.width(); x++) {
                float n = (float) (sigma * r.nextGaussian());
                for (int c = 0; c < 3; c++) {
                    v.set(x, y, c, v.get(x, y, c) + n);
                }
            }
        }
    }

    static ImageView copy(ImageView src) {
        ImageView v = ImageView.allocate(src.width(), src.height(), src.format());
        v.copyFrom(src);
        return v;
    }

    /** {@code out(p) = src(m^-1 p)}, bilinear, 2x2 supersampled (a fair stand-in for an editor's transform). */
    static ImageView warp(ImageView src, Affine2D m, int w, int h) {
        Affine2D inv = m.invert();
        ImageView out = ImageView.allocate(w, h, src.format());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 4; c++) {
                    double acc = 0;
                    for (int s = 0; s < 4; s++) {
                        double ox = x + ((s & 1) - 0.5) * 0.5;
                        double oy = y + ((s >> 1) - 0.5) * 0.5;
                        acc += bilinear(src, inv.applyX(ox, oy), inv.applyY(ox, oy), c);
                    }
                    out.set(x, y, c, (float) (acc / 4));
                }
            }
        }
        return out;
    }

    private static double bilinear(ImageView v, double fx, double fy, int c) {
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double wx = fx - x0;
        double wy = fy - y0;
        return (1 - wy) * ((1 - wx) * px(v, x0, y0, c) + wx * px(v, x0 + 1, y0, c))
                + wy * ((1 - wx) * px(v, x0, y0 + 1, c) + wx * px(v, x0 + 1, y0 + 1, c));
    }

    private static float px(ImageView v, int x, int y, int c) {
        return v.get(Math.max(0, Math.min(v.width() - 1, x)), Math.max(0, Math.min(v.height() - 1, y)), c);
    }
}
