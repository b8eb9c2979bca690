package org.manyfaces.disclosure;

import java.util.List;
import java.util.Objects;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * Reads the face mark of {@link FaceMarkEmbedder}: a face found by any detector, at any scale, is aligned to the
 * mark's template with its five landmarks, and the cells are read there. No search over positions or scales:
 * the alignment does that.
 *
 * <p>Per frame ({@link #read}): the face warped into the {@value FaceMarkLayout#CROP} px crop (area-averaged
 * when the face is larger), luma; each cell's mean minus the mean of its 8 neighbours (removes the picture's
 * smooth part, keeps the chips); divided by the RMS of those residuals over the 5x5 cells around it and clipped
 * to ±3 (hair, eyebrows and edges cannot dominate). Brightness changes are a gain on the residuals, which the
 * normalisation cancels.
 *
 * <p>Decision ({@link #judge}) on the evidence of a track, or of one frame for a still: for every payload this
 * build writes, {@code t = S / sqrt(E - S^2 / N)} with S the correlation of the summed residuals with the
 * payload's chips, E their energy and N the cells. A keyed random ±1 pattern against any fixed residuals has
 * variance exactly E, so t is about N(0,1) on unmarked faces whatever the face (and however many frames were
 * summed), and the payload's own component is not counted as noise. Found when the best known payload reaches
 * {@link #INFORMED_THRESHOLD}; otherwise each payload bit is read blind from its own spreading sequence, and the
 * decoded payload counts when it carries ManyFaces's product mark and its t reaches {@link #BLIND_THRESHOLD}.
 *
 * <p>Not thread-safe (scratch buffers).
 */
public final class FaceMarkReader {
    /** t a known payload must reach. About 10 known payloads: P(false) ~ 10 x P(N(0,1) > 4.5) = 3e-5 per track. */
    public static final double INFORMED_THRESHOLD = 4.5;
    /**
     * t a blind-decoded payload must reach. Choosing each of 32 bits by its own correlation lifts t on
     * unmarked faces to about 3.5 (measured mean over unmarked crops in the face-mark bench), hence the margin;
     * the product mark check divides false decodes by another 256.
     */
    public static final double BLIND_THRESHOLD = 8.0;
    /**
     * t a known payload must reach in {@link #judgeStill}, the best of 25 alignments: on 1350 unmarked crops of
     * the shared media (FaceMarkFalsePositiveTest) the best of 25 x ~10 stayed below it (max 4.26).
     */
    public static final double STILL_THRESHOLD = 5.0;
    /** Largest shift, in crop pixels, {@link #judgeStill} tries. */
    static final int SEARCH_RADIUS = 2;
    private static final float CLIP = 3f;
    /** Residual RMS (0..1 luma) at which a cell gets weight 1; cells with less noise weigh more, up to the clip. */
    private static final double RMS_REF = 2.0 / 255;

    private final FaceMarkLayout layout;
    private final List<Payload> known;
    private final byte[][] knownChips;
    private final FaceCrop crop = new FaceCrop(FaceMarkLayout.CROP);
    private final float[] cellMean = new float[FaceMarkLayout.GRID * FaceMarkLayout.GRID];
    private final float[] residual = new float[FaceMarkLayout.GRID * FaceMarkLayout.GRID];
    private final float[] local = new float[FaceMarkLayout.GRID * FaceMarkLayout.GRID];
    private final float[] out;

    /** A reader with ManyFaces's public key that tests {@code known} payloads first. */
    public FaceMarkReader(List<Payload> known) {
        this(WatermarkDetector.DEFAULT_KEY, known);
    }

    public FaceMarkReader(String key, List<Payload> known) {
        this.layout = new FaceMarkLayout(Objects.requireNonNull(key, "key"));
        this.known = List.copyOf(known);
        this.knownChips = new byte[this.known.size()][];
        for (int i = 0; i < knownChips.length; i++) {
            knownChips[i] = layout.chips(this.known.get(i));
        }
        this.out = new float[layout.cellCount()];
    }

    /** An empty evidence sum for one track (or one still face). */
    public FaceMarkEvidence newEvidence() {
        return new FaceMarkEvidence(layout.cellCount());
    }

    /**
     * Reads the face with these five landmarks (frame pixels) and adds its residuals to {@code evidence}.
     * False (nothing added) when the landmarks are degenerate.
     */
    public boolean read(ImageView frame, float[] landmarks, FaceMarkEvidence evidence) {
        Affine2D frameToCrop;
        try {
            frameToCrop = FaceMarkLayout.frameToCrop(landmarks);
            frameToCrop.invert();
        } catch (RuntimeException degenerate) {
            return false;
        }
        AffineWarp.warp(frame, frameToCrop, crop);
        cellResiduals();
        evidence.add(out);
        return true;
    }

    /**
     * A still, judged alone, with the alignment refined: the detector's landmarks on a re-encoded or rescaled
     * picture differ from those the mark was embedded at by a few pixels, which at 3 px cells loses most of the
     * correlation (measured on the shared photos after x264 CRF 23: t 2.8 at the detected landmarks against 5.0
     * at the true ones). The face is read at every shift of up to {@value #SEARCH_RADIUS} crop px in x and y and
     * the best known-payload t counts, against the higher {@link #STILL_THRESHOLD} that this maximum over
     * hypotheses needs. Tracks are not searched: a maximum taken per frame would add up on unmarked faces too.
     */
    public MarkReading judgeStill(ImageView frame, float[] landmarks) {
        Affine2D base;
        try {
            base = FaceMarkLayout.frameToCrop(landmarks);
            base.invert();
        } catch (RuntimeException degenerate) {
            return MarkReading.none();
        }
        MarkReading best = MarkReading.none();
        double bestT = Double.NEGATIVE_INFINITY;
        for (int dy = -SEARCH_RADIUS; dy <= SEARCH_RADIUS; dy++) {
            for (int dx = -SEARCH_RADIUS; dx <= SEARCH_RADIUS; dx++) {
                FaceMarkEvidence e = newEvidence();
                AffineWarp.warp(frame, Affine2D.translation(dx, dy).after(base), crop);
                cellResiduals();
                e.add(out);
                MarkReading r = judge(e, STILL_THRESHOLD, BLIND_THRESHOLD + 1);
                double t = r.found() ? r.score() : bestKnownScore(e);
                if (r.found() && (!best.found() || t > best.score())) {
                    best = r;
                }
                bestT = Math.max(bestT, t);
            }
        }
        return best.found() ? best : new MarkReading(false, null, 0, Math.max(0, bestT), 0);
    }

    /** The decision on the evidence gathered so far (see the class comment). */
    public MarkReading judge(FaceMarkEvidence evidence) {
        return judge(evidence, INFORMED_THRESHOLD, BLIND_THRESHOLD);
    }

    private MarkReading judge(FaceMarkEvidence evidence, double informedThreshold, double blindThreshold) {
        double[] e = evidence.sum();
        if (evidence.frames() == 0) {
            return MarkReading.none();
        }
        double energy = 0;
        for (double v : e) {
            energy += v * v;
        }
        if (!(energy > 0)) {
            return MarkReading.none();
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestIndex = -1;
        for (int k = 0; k < knownChips.length; k++) {
            double t = tScore(e, energy, knownChips[k]);
            if (t > best) {
                best = t;
                bestIndex = k;
            }
        }
        // Blind decoding too: chips of payloads that share most bits are correlated, so a strong mark of a
        // payload outside the list also lifts the nearest known one; the payload that explains more wins.
        Payload blind = blindDecode(e);
        double blindT = tScore(e, energy, layout.chips(blind));
        boolean blindOk = blind.isManyFaces() && blindT >= blindThreshold;
        if (bestIndex >= 0 && best >= informedThreshold && !(blindOk && blindT > best)) {
            return new MarkReading(true, known.get(bestIndex), best / (best + informedThreshold), best, 1);
        }
        if (blindOk) {
            return new MarkReading(true, blind, blindT / (blindT + blindThreshold), blindT, 1);
        }
        return new MarkReading(false, null, 0, Math.max(best, 0), 0);
    }

    /** The best t over the known payloads (diagnostics and the bench: also below the threshold). */
    public double bestKnownScore(FaceMarkEvidence evidence) {
        double[] e = evidence.sum();
        double energy = 0;
        for (double v : e) {
            energy += v * v;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (byte[] chips : knownChips) {
            best = Math.max(best, tScore(e, energy, chips));
        }
        return best;
    }

    private static double tScore(double[] e, double energy, byte[] chips) {
        double s = 0;
        for (int i = 0; i < e.length; i++) {
            s += chips[i] * e[i];
        }
        double noise = energy - s * s / e.length;
        return noise > 1e-12 ? s / Math.sqrt(noise) : 0;
    }

    private Payload blindDecode(double[] e) {
        int n = e.length;
        int bits = 0;
        for (int k = 0; k < Payload.BITS; k++) {
            double soft = 0;
            for (int i = 0; i < n; i++) {
                soft += layout.sequence(k, i) * e[i];
            }
            bits = (bits << 1) | (soft > 0 ? 1 : 0);
        }
        return Payload.fromBits(bits);
    }

    /** {@link #crop} -> {@link #out}: normalised, whitened cell means of the carrying cells. */
    private void cellResiduals() {
        int n = FaceMarkLayout.CROP;
        int g = FaceMarkLayout.GRID;
        int cell = FaceMarkLayout.CELL;
        float[] p = crop.planes();
        int plane = n * n;
        float inv = 1f / (cell * cell);
        for (int v = 0; v < g; v++) {
            for (int u = 0; u < g; u++) {
                float s = 0;
                for (int y = v * cell; y < (v + 1) * cell; y++) {
                    int row = y * n;
                    for (int x = u * cell; x < (u + 1) * cell; x++) {
                        int i = row + x;
                        s += 0.299f * p[i] + 0.587f * p[plane + i] + 0.114f * p[2 * plane + i];
                    }
                }
                cellMean[v * g + u] = s * inv;
            }
        }
        for (int v = 0; v < g; v++) {
            for (int u = 0; u < g; u++) {
                float s = 0;
                int count = 0;
                for (int dv = -1; dv <= 1; dv++) {
                    for (int du = -1; du <= 1; du++) {
                        int uu = u + du;
                        int vv = v + dv;
                        if ((du != 0 || dv != 0) && uu >= 0 && vv >= 0 && uu < g && vv < g) {
                            s += cellMean[vv * g + uu];
                            count++;
                        }
                    }
                }
                float r = cellMean[v * g + u] - s / count;
                residual[v * g + u] = r;
                local[v * g + u] = r * r;
            }
        }
        for (int i = 0; i < layout.cellCount(); i++) {
            int gi = layout.gridIndex(i);
            int u = gi % g;
            int v = gi / g;
            double s = 0;
            int count = 0;
            for (int vv = Math.max(0, v - 2); vv <= Math.min(g - 1, v + 2); vv++) {
                for (int uu = Math.max(0, u - 2); uu <= Math.min(g - 1, u + 2); uu++) {
                    s += local[vv * g + uu];
                    count++;
                }
            }
            double rms = Math.sqrt(s / count);
            // residual / rms^2: the matched filter for noise whose level varies over the face (the picture's own
            // structure is the noise here); measured on the shared photos it raised the unattacked t of the
            // face mark by about 15 % over residual / rms. The clip bounds what a nearly flat cell can add.
            float z = rms > 1e-7 ? (float) (residual[gi] * RMS_REF / (rms * rms)) : 0f;
            out[i] = Math.max(-CLIP, Math.min(CLIP, z));
        }
    }
}
