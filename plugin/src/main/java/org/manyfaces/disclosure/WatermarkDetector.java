package org.manyfaces.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.manyfaces.image.ImageView;

/**
 * Finds and decodes the ManyFaces watermark in a frame that may have been re-encoded, rescaled,
 * cropped or had its brightness changed since it was marked.
 *
 * <p>How (details and limits in docs/disclosure.md):
 * <ol>
 *   <li>Luma of the frame goes into an integral image, so the mean of any (fractional) box is O(1).</li>
 *   <li>For each candidate scale and each sub-cell phase, the mean luma of every cell is measured and
 *       whitened (minus the mean of its four neighbours: removes the smooth image, keeps the chips),
 *       then divided by the local residual level and clipped, so edges and texture cannot dominate.</li>
 *   <li>Search cells (the pilots and the coded bits every ManyFaces payload shares) are correlated at
 *       every tile offset, per block of 16x16 cells, per 1x1, 2x2 and 3x3 window of blocks (a face-sized
 *       mark lights up a few windows) and over the whole frame.</li>
 *   <li>The best few (scale, phase, offset) hypotheses are decoded: soft chips weighted per cell by the
 *       search evidence around it, soft Viterbi, CRC-16 and product-mark check, then a z-score of the
 *       decoded message against the frame, which must pass the threshold.</li>
 *   <li>When blind decoding fails, informed decoding: the message cells are correlated with each payload
 *       ManyFaces is known to write (given to the constructor); the best must pass its own threshold.
 *       This finds marks far too weak for 48 blind bits (a face after downscaling and re-encoding).</li>
 *   <li>Steps 3-5 also run on the luma residual minus the blue-difference residual, which reads the
 *       chroma chips of face-sized marks ({@link WatermarkEmbedder}), at the scales 1 and 1/2.</li>
 * </ol>
 *
 * <p>Thread-safety: immutable; every call allocates its own working arrays, so one detector can
 * serve several threads.
 */
public final class WatermarkDetector {
    /** ManyFaces's watermark key. Public on purpose: anyone can verify a ManyFaces disclosure mark. */
    public static final String DEFAULT_KEY = "ManyFaces disclosure watermark v1";
    /** Cell side in pixels of the frame as it was marked. */
    static final int CELL_SIZE = 4;
    private static final double[] DEFAULT_SCALES = {1.0, 0.75, 2.0 / 3.0, 0.5};
    /**
     * Minimum z-score of a decoded message. A decode must first pass a 24-bit check (CRC-16 + product
     * mark, about 6e-8 per attempt, at most {@value #CANDIDATES} attempts per call); the z-score then rejects the rare
     * random pass, whose score stays in the low single digits. WatermarkRobustnessTest counts the
     * false positives on unmarked real frames (none so far).
     */
    public static final double DEFAULT_THRESHOLD = 6.0;
    /**
     * Minimum z-score of a known payload's message cells (informed decoding). The pilots and the shared
     * coded bits that chose the hypothesis and its cell weights are left out of this score, and it is a
     * t-statistic against the energy of the tile fold it is read from, so on an unmarked frame it is about
     * N(0,1) (a t with ~140 degrees of freedom) per test whatever the picture. At most
     * {@value #CANDIDATES} hypotheses x the known payloads (about ten) are tested per call; with the t
     * tail (about 1e-6 above 5) that is about 6e-4 false detections per frame. WatermarkRobustnessTest
     * counts false detections on real unmarked frames.
     */
    public static final double DEFAULT_INFORMED_THRESHOLD = 5.0;

    private static final int TILE = WatermarkPattern.TILE;
    /** Side in cells of the blocks whose pilot evidence locates a region-sized mark (one tile). */
    private static final int BLOCK = 16;
    /** Fraction of a cell's side measured (the centre), away from blur shared with neighbour cells. */
    private static final double INNER = 0.75;
    private static final double CLIP = 2.5;
    /** Hypotheses decoded per call (blind, then informed), best search score first. */
    static final int CANDIDATES = 64;
    /** Tile offsets kept per grid from the window search: a weak face mark is often not the very best. */
    private static final int LOCAL_PER_GRID = 3;
    private static final List<Double> CHROMA_SCALES = List.of(1.0, 0.5);
    /** Half-size in cells of the window whose pilots weight a cell when decoding. */
    private static final int EVIDENCE_RADIUS = 6;

    private final WatermarkPattern pattern;
    private final int cellSize;
    private final double[] scales;
    private final double threshold;
    private final int[] pilots;
    private final int[] pilotPn;
    /** Known chip of each tile cell used by the offset search (pilots and shared coded bits), else 0. */
    private final int[] searchSign;
    /** Payloads ManyFaces is known to write, with their coded bits (informed decoding). */
    private final List<Payload> known;
    private final List<byte[]> knownCoded;
    private final double informedThreshold;

    /** Frame scales searched by default: as marked, 3/4, 2/3 and 1/2 (the usual delivery downscales). */
    public static double[] defaultScales() {
        return DEFAULT_SCALES.clone();
    }

    /** A detector for ManyFaces's public key with the default scales and threshold. */
    public WatermarkDetector() {
        this(DEFAULT_KEY, DEFAULT_SCALES, DEFAULT_THRESHOLD);
    }

    /**
     * @param key       the key the frames were marked with
     * @param scales    frame scales to search (frame pixels per marked pixel), each in 0.2..4
     * @param threshold minimum z-score of a decoded message
     */
    public WatermarkDetector(String key, double[] scales, double threshold) {
        this(key, scales, threshold, CELL_SIZE, List.of());
    }

    /**
     * A detector with ManyFaces's public key, default scales and thresholds that also tests the
     * {@code knownPayloads} directly (informed decoding, see {@link #DEFAULT_INFORMED_THRESHOLD}): marks too
     * weak for blind decoding are still found when they carry one of these payloads.
     */
    public WatermarkDetector(List<Payload> knownPayloads) {
        this(DEFAULT_KEY, DEFAULT_SCALES, DEFAULT_THRESHOLD, CELL_SIZE, knownPayloads);
    }

    WatermarkDetector(String key, double[] scales, double threshold, int cellSize) {
        this(key, scales, threshold, cellSize, List.of());
    }

    WatermarkDetector(String key, double[] scales, double threshold, int cellSize, List<Payload> knownPayloads) {
        this.pattern = new WatermarkPattern(key, cellSize);
        this.cellSize = cellSize;
        Objects.requireNonNull(scales, "scales");
        if (scales.length == 0) {
            throw new IllegalArgumentException("at least one scale to search is needed");
        }
        for (double s : scales) {
            if (!(s >= 0.2 && s <= 4)) {
                throw new IllegalArgumentException("scale must be in 0.2..4, got " + s);
            }
        }
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        this.scales = scales.clone();
        this.threshold = threshold;
        this.known = List.copyOf(Objects.requireNonNull(knownPayloads, "knownPayloads"));
        this.knownCoded = new ArrayList<>();
        for (Payload p : known) {
            knownCoded.add(WatermarkCodec.encode(p));
        }
        this.informedThreshold = DEFAULT_INFORMED_THRESHOLD;
        // Search cells: the pilots plus the cells of the coded bits every ManyFaces payload shares (the
        // product mark and the leading zeros of the effect id fix the first coded bits), which makes the
        // offset search of a weak mark markedly more sensitive than the pilots alone. Effect code 1 stands for
        // every code below 4, which all share the six leading zeros.
        byte[] shared = WatermarkCodec.encode(new Payload(Payload.MANYFACES_MARK, 1, 0));
        this.searchSign = new int[TILE * TILE];
        int ns = 0;
        for (int i = 0; i < TILE * TILE; i++) {
            int b = pattern.codedBit(i);
            if (b < 0 || b < WatermarkCodec.SHARED_CODED_BITS) {
                searchSign[i] = pattern.chip(i, shared);
                ns++;
            }
        }
        this.pilots = new int[ns];
        this.pilotPn = new int[ns];
        for (int i = 0, k = 0; i < TILE * TILE; i++) {
            if (searchSign[i] != 0) {
                pilots[k] = i;
                pilotPn[k++] = searchSign[i];
            }
        }
    }

    /** Looks for a watermark anywhere in the frame. */
    public MarkReading detect(ImageView frame) {
        Objects.requireNonNull(frame, "frame");
        return detect(List.of(frame));
    }

    /**
     * Looks for one watermark in several frames of the same shot (same size, same crop and scale,
     * e.g. consecutive frames of a video): their evidence adds up, so the z-score grows with the square
     * root of the number of frames. This works for marks that stay put in the frame (whole-frame marks,
     * a face that does not move); a face mark moves with its face, so moving faces are read per frame
     * ({@link #detect(ImageView)}), which {@code manyfaces verify} also does. Frames must all have the
     * same size.
     */
    public MarkReading detect(List<ImageView> frames) {
        Objects.requireNonNull(frames, "frames");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to look at");
        }
        ImageView first = frames.get(0);
        List<LumaIntegral> lumas = new ArrayList<>(frames.size());
        for (ImageView f : frames) {
            Objects.requireNonNull(f, "frame");
            if (f.channels() < 3) {
                throw new IllegalArgumentException("watermark detection needs RGB or RGBA frames, got " + f.format());
            }
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("frames differ in size: " + first.width() + "x" + first.height()
                        + " and " + f.width() + "x" + f.height());
            }
            lumas.add(new LumaIntegral(f));
        }
        // chroma chips (face-sized marks): read at the marked scale and at 1/2 only. Face marks carry
        // 90 % of their chip in luma, which informed decoding reads at every scale; the combined grid is
        // what blind decoding of an unknown payload needs, and these two scales are the common ones
        // (the other scales would add about 45 % to the detection time).
        List<LumaIntegral> chromas = new ArrayList<>(frames.size());
        for (ImageView f : frames) {
            chromas.add(new LumaIntegral(f, true));
        }
        List<Hypothesis> hyps = new ArrayList<>();
        for (double scale : scales) {
            double cellPx = scale * cellSize;
            if (first.width() < cellPx * TILE || first.height() < cellPx * TILE) {
                continue; // smaller than one tile at this scale: not enough chips to carry a message
            }
            for (int py = 0; py < cellSize; py++) {
                for (int px = 0; px < cellSize; px++) {
                    CellGrid g = CellGrid.of(lumas, scale, px, py, cellSize);
                    searchOffsets(g, hyps);
                    if (CHROMA_SCALES.contains(scale)) {
                        searchOffsets(g.withChroma(CellGrid.of(chromas, scale, px, py, cellSize)), hyps);
                    }
                }
            }
        }
        hyps.sort(Comparator.comparingDouble((Hypothesis h) -> -h.z));
        MarkReading best = MarkReading.none();
        List<Hypothesis> tried = new ArrayList<>();
        java.util.Map<String, CellGrid> grids = new java.util.HashMap<>();
        for (Hypothesis h : hyps) {
            if (tried.size() >= CANDIDATES) {
                break;
            }
            if (tried.stream().anyMatch(t -> t.sameAs(h))) {
                continue;
            }
            tried.add(h);
            // several hypotheses usually share a grid (same scale and phase, other offsets)
            CellGrid g = grids.computeIfAbsent(h.scale + "/" + h.px + "/" + h.py + "/" + h.chroma, k -> {
                CellGrid luma = CellGrid.of(lumas, h.scale, h.px, h.py, cellSize);
                return h.chroma ? luma.withChroma(CellGrid.of(chromas, h.scale, h.px, h.py, cellSize)) : luma;
            });
            MarkReading d = decode(g, h);
            if (d.found() && d.score() > best.score()) {
                best = d;
            }
        }
        return best;
    }

    /** Correlates pilots at every tile offset, per window; keeps the best hypotheses of this grid. */
    private void searchOffsets(CellGrid g, List<Hypothesis> out) {
        int bx = g.blocksX();
        int by = g.blocksY();
        int nb = bx * by;
        // corr[q][b]: pilot correlation of block b at tile offset q. Every full block holds each tile
        // cell once, so a block of n cells holds n * PILOT_CELLS / TILE^2 pilots at any offset.
        double[][] corr = new double[TILE * TILE][nb];
        int[] count = new int[nb];
        double[] fold = new double[TILE * TILE];
        int np = pilots.length;
        // Per block, the correlation at all 256 offsets is a circular cross-correlation of the folded tile with
        // the pilots. It runs pilot by pilot over contiguous rows of a mirrored, doubled copy of the fold (so
        // the JIT can vectorise it) instead of gathering 256 x pilots scattered reads; each offset still adds
        // its pilots in the same order from 0, so the sums are bit for bit those of the gather.
        double[] mirrored = new double[TILE * 2 * TILE];
        double[] cb = new double[TILE * TILE];
        for (int b = 0; b < nb; b++) {
            Arrays.fill(fold, 0);
            count[b] = g.foldBlock(b % bx, b / bx, fold) * np / (TILE * TILE);
            // mirrored[row * 2T + m] = fold[row * T + ((T - m) mod T)], m in 0..2T-1: then for an offset
            // (qu, qv) the pilot at (pu, pv) reads fold[(pv - qv) mod T][(pu - qu) mod T] = mirrored[.. + qu - pu + T]
            for (int row = 0; row < TILE; row++) {
                for (int m = 0; m < 2 * TILE; m++) {
                    mirrored[row * 2 * TILE + m] = fold[row * TILE + ((TILE - m) & (TILE - 1))];
                }
            }
            Arrays.fill(cb, 0);
            for (int k = 0; k < np; k++) {
                double pn = pilotPn[k];
                int pu = pilots[k] % TILE;
                int pv = pilots[k] / TILE;
                for (int qv = 0; qv < TILE; qv++) {
                    int src = ((pv - qv) & (TILE - 1)) * 2 * TILE + TILE - pu;
                    int dst = qv * TILE;
                    for (int qu = 0; qu < TILE; qu++) {
                        cb[dst + qu] += pn * mirrored[src + qu];
                    }
                }
            }
            for (int q = 0; q < TILE * TILE; q++) {
                corr[q][b] = cb[q];
            }
        }
        Hypothesis bestGlobal = null;
        double[] localZ = new double[TILE * TILE];
        Arrays.fill(localZ, Double.NEGATIVE_INFINITY);
        for (int q = 0; q < TILE * TILE; q++) {
            double c = 0;
            int n = 0;
            double[] cq = corr[q];
            for (int b = 0; b < nb; b++) {
                c += cq[b];
                n += count[b];
            }
            if (n > 0) {
                double z = c / Math.sqrt(n);
                if (bestGlobal == null || z > bestGlobal.z) {
                    bestGlobal = new Hypothesis(g.scale, g.px, g.py, g.chroma, q, z);
                }
            }
            // windows of 1x1, 2x2 and 3x3 blocks: a face-sized mark fills at least one of them
            for (int size = 1; size <= 3; size++) {
                for (int wy = 0; wy + size <= Math.max(size, by); wy++) {
                    for (int wx = 0; wx + size <= Math.max(size, bx); wx++) {
                        double cw = 0;
                        int nw = 0;
                        for (int dy = 0; dy < size && wy + dy < by; dy++) {
                            for (int dx = 0; dx < size && wx + dx < bx; dx++) {
                                int b = (wy + dy) * bx + wx + dx;
                                cw += cq[b];
                                nw += count[b];
                            }
                        }
                        if (nw > 0) {
                            localZ[q] = Math.max(localZ[q], cw / Math.sqrt(nw));
                        }
                    }
                }
            }
        }
        if (bestGlobal != null) {
            out.add(bestGlobal);
        }
        // the best few offsets by their best window: a weak face mark is often not the very best
        for (int k = 0; k < LOCAL_PER_GRID; k++) {
            int bestQ = -1;
            for (int q = 0; q < TILE * TILE; q++) {
                if (localZ[q] > Double.NEGATIVE_INFINITY && (bestQ < 0 || localZ[q] > localZ[bestQ])) {
                    bestQ = q;
                }
            }
            if (bestQ < 0) {
                break;
            }
            out.add(new Hypothesis(g.scale, g.px, g.py, g.chroma, bestQ, localZ[bestQ]));
            localZ[bestQ] = Double.NEGATIVE_INFINITY;
        }
    }

    private MarkReading decode(CellGrid g, Hypothesis h) {
        int qx = h.q % TILE;
        int qy = h.q / TILE;
        // Per-cell weights from the pilot evidence around each cell: a region-sized mark gets its weight
        // where it is, and the unmarked rest of the frame adds no noise.
        float[] weight = g.pilotEvidence(qx, qy, searchSign, EVIDENCE_RADIUS);
        double[] soft = new double[WatermarkCodec.CODED_BITS];
        g.accumulateSoft(qx, qy, weight, pattern, soft);
        Payload p = WatermarkCodec.decode(soft);
        if (p != null && p.isManyFaces()) {
            byte[] coded = WatermarkCodec.encode(p);
            double z = g.messageZ(qx, qy, weight, pattern, coded);
            if (z >= threshold) {
                return new MarkReading(true, p, z / (z + threshold), z, h.scale);
            }
        }
        // informed: the message cells alone (the search cells chose the hypothesis and the weights, so they
        // are left out), folded onto one tile, against each payload ManyFaces is known to write. The score is
        // a t-statistic against the fold's own energy, not the cells': picture structure that repeats with
        // the tile (JPEG and codec block grids are 8 or 16 px, a whole number of tiles at several scales)
        // adds up coherently in the fold and would otherwise pass for a mark (measured: z 6.5 on an unmarked
        // 910x1137 JPEG portrait). A keyed random pattern against any fixed fold has a variance of exactly the
        // fold's energy, so the score stays about N(0,1) on unmarked frames whatever the picture; the
        // payload's own component is taken out of that energy first, or a true mark would count as noise
        // (which cost 5 of 45 face frames after all attacks combined).
        double[] fold = g.messageFold(qx, qy, weight, searchSign);
        double energy = 0;
        int cells = 0;
        for (double f : fold) {
            energy += f * f;
            cells += f != 0 ? 1 : 0;
        }
        MarkReading best = MarkReading.none();
        if (energy <= 0 || cells < 2) {
            return best;
        }
        for (int i = 0; i < known.size(); i++) {
            byte[] coded = knownCoded.get(i);
            double c = 0;
            for (int idx = 0; idx < fold.length; idx++) {
                if (fold[idx] != 0) {
                    c += pattern.chip(idx, coded) * fold[idx];
                }
            }
            // t-statistic: the correlation against the fold's energy left after taking out this
            // payload's own component (a true mark's energy must not count as noise)
            double rest = Math.max(cells * energy - c * c, 1e-9 * cells * energy);
            double z = c * Math.sqrt(cells - 1) / Math.sqrt(rest);
            if (z >= informedThreshold && z > best.score()) {
                best = new MarkReading(true, known.get(i), z / (z + informedThreshold), z, h.scale);
            }
        }
        return best;
    }

    private record Hypothesis(double scale, int px, int py, boolean chroma, int q, double z) {
        boolean sameAs(Hypothesis o) {
            return scale == o.scale && px == o.px && py == o.py && chroma == o.chroma && q == o.q;
        }
    }

    /**
     * Whitened, normalised cell residuals of the frame for one scale and sub-cell phase. Cell (a, b)
     * of the grid is marked-frame cell (i, j) = (a + i0, b + j0); its tile column is (i + qx) mod TILE
     * for the tile offset qx the search finds.
     */
    static final class CellGrid {
        final double scale;
        final int px;
        final int py;
        final int nx;
        final int ny;
        final int i0;
        final int j0;
        final float[] r;
        /** True when r combines luma and chroma residuals. */
        final boolean chroma;

        /** The grid of one frame, or the sum of the frames' grids over the square root of their number. */
        static CellGrid of(List<LumaIntegral> lumas, double scale, int px, int py, int cellSize) {
            CellGrid g = new CellGrid(lumas.get(0), scale, px, py, cellSize);
            if (lumas.size() > 1) {
                for (int f = 1; f < lumas.size(); f++) {
                    float[] r2 = new CellGrid(lumas.get(f), scale, px, py, cellSize).r;
                    for (int i = 0; i < g.r.length; i++) {
                        g.r[i] += r2[i];
                    }
                }
                float norm = (float) (1 / Math.sqrt(lumas.size()));
                for (int i = 0; i < g.r.length; i++) {
                    g.r[i] *= norm;
                }
            }
            return g;
        }

        private CellGrid(CellGrid luma, float[] combined) {
            this.scale = luma.scale;
            this.px = luma.px;
            this.py = luma.py;
            this.nx = luma.nx;
            this.ny = luma.ny;
            this.i0 = luma.i0;
            this.j0 = luma.j0;
            this.r = combined;
            this.chroma = true;
        }

        /**
         * Luma and blue-difference residuals combined: chroma chips move B - Y against luma
         * (see WatermarkEmbedder), so the sum is Y - (B - Y), over sqrt(2) to stay at unit variance.
         */
        CellGrid withChroma(CellGrid blueDifference) {
            float[] c = new float[r.length];
            float k = (float) (1 / Math.sqrt(2));
            for (int i = 0; i < c.length; i++) {
                c[i] = (r[i] - blueDifference.r[i]) * k;
            }
            return new CellGrid(this, c);
        }

        CellGrid(LumaIntegral luma, double scale, int px, int py, int cellSize) {
            this.chroma = false;
            this.scale = scale;
            this.px = px;
            this.py = py;
            double cell = cellSize;
            // marked-frame cell i spans frame x in [scale*(i*cell - px), scale*((i+1)*cell - px))
            i0 = px > 0 ? 1 : 0;
            j0 = py > 0 ? 1 : 0;
            nx = Math.max(0, (int) Math.floor((luma.width() / scale + px) / cell) - i0);
            ny = Math.max(0, (int) Math.floor((luma.height() / scale + py) / cell) - j0);
            float[] m = new float[nx * ny];
            double margin = (1 - INNER) / 2 * cell;
            for (int b = 0; b < ny; b++) {
                double y0 = scale * ((b + j0) * cell - py + margin);
                double y1 = scale * ((b + j0 + 1) * cell - py - margin);
                for (int a = 0; a < nx; a++) {
                    double x0 = scale * ((a + i0) * cell - px + margin);
                    double x1 = scale * ((a + i0 + 1) * cell - px - margin);
                    m[b * nx + a] = (float) luma.mean(x0, y0, x1, y1);
                }
            }
            r = whiten(m, nx, ny);
        }

        /** Cell minus the mean of its 4-neighbours, over the local residual level, clipped. */
        private static float[] whiten(float[] m, int nx, int ny) {
            float[] res = new float[nx * ny];
            for (int b = 0; b < ny; b++) {
                for (int a = 0; a < nx; a++) {
                    double s = 0;
                    int n = 0;
                    if (a > 0) { s += m[b * nx + a - 1]; n++; }
                    if (a + 1 < nx) { s += m[b * nx + a + 1]; n++; }
                    if (b > 0) { s += m[(b - 1) * nx + a]; n++; }
                    if (b + 1 < ny) { s += m[(b + 1) * nx + a]; n++; }
                    res[b * nx + a] = n == 0 ? 0f : (float) (m[b * nx + a] - s / n);
                }
            }
            // local level: RMS over a 7x7-cell neighbourhood (integral of squares), with a floor so flat
            // (e.g. black) areas do not turn quantisation noise into strong evidence
            int w1 = nx + 1;
            double[] sq = new double[w1 * (ny + 1)];
            for (int b = 0; b < ny; b++) {
                double row = 0;
                for (int a = 0; a < nx; a++) {
                    double v = res[b * nx + a];
                    row += v * v;
                    sq[(b + 1) * w1 + a + 1] = sq[b * w1 + a + 1] + row;
                }
            }
            float[] out = new float[nx * ny];
            final int rad = 3;
            final double floor2 = 0.5 * 0.5; // in 0..255 luma units
            for (int b = 0; b < ny; b++) {
                int b0 = Math.max(0, b - rad);
                int b1 = Math.min(ny, b + rad + 1);
                for (int a = 0; a < nx; a++) {
                    int a0 = Math.max(0, a - rad);
                    int a1 = Math.min(nx, a + rad + 1);
                    double s = sq[b1 * w1 + a1] - sq[b0 * w1 + a1] - sq[b1 * w1 + a0] + sq[b0 * w1 + a0];
                    double rms = Math.sqrt(s / ((a1 - a0) * (b1 - b0)) + floor2);
                    double v = res[b * nx + a] / rms;
                    out[b * nx + a] = (float) Math.max(-CLIP, Math.min(CLIP, v));
                }
            }
            return out;
        }

        int blocksX() {
            return Math.max(1, (nx + BLOCK - 1) / BLOCK);
        }

        int blocksY() {
            return Math.max(1, (ny + BLOCK - 1) / BLOCK);
        }

        /**
         * Adds the residuals of block (bx, by) into a tile-sized fold indexed by marked-frame cell mod
         * TILE; returns the number of cells added.
         */
        int foldBlock(int bx, int by, double[] fold) {
            int a1 = Math.min(nx, (bx + 1) * BLOCK);
            int b1 = Math.min(ny, (by + 1) * BLOCK);
            for (int b = by * BLOCK; b < b1; b++) {
                int v = Math.floorMod(b + j0, TILE);
                for (int a = bx * BLOCK; a < a1; a++) {
                    int idx = v * TILE + Math.floorMod(a + i0, TILE);
                    fold[idx] += r[b * nx + a];
                }
            }
            return Math.max(0, a1 - bx * BLOCK) * Math.max(0, b1 - by * BLOCK);
        }

        private int tileIndex(int a, int b, int qx, int qy) {
            return Math.floorMod(b + j0 + qy, TILE) * TILE + Math.floorMod(a + i0 + qx, TILE);
        }

        /**
         * Pilot z-score in the (2 radius + 1)^2-cell window around every cell, floored at 0: how strongly
         * the mark is present there (per-cell weights for decoding).
         */
        float[] pilotEvidence(int qx, int qy, int[] searchSign, int radius) {
            int w1 = nx + 1;
            double[] se = new double[w1 * (ny + 1)];
            int[] sn = new int[w1 * (ny + 1)];
            for (int b = 0; b < ny; b++) {
                double row = 0;
                int rowN = 0;
                for (int a = 0; a < nx; a++) {
                    int idx = tileIndex(a, b, qx, qy);
                    if (searchSign[idx] != 0) {
                        row += searchSign[idx] * r[b * nx + a];
                        rowN++;
                    }
                    se[(b + 1) * w1 + a + 1] = se[b * w1 + a + 1] + row;
                    sn[(b + 1) * w1 + a + 1] = sn[b * w1 + a + 1] + rowN;
                }
            }
            float[] w = new float[nx * ny];
            for (int b = 0; b < ny; b++) {
                int b0 = Math.max(0, b - radius);
                int b1 = Math.min(ny, b + radius + 1);
                for (int a = 0; a < nx; a++) {
                    int a0 = Math.max(0, a - radius);
                    int a1 = Math.min(nx, a + radius + 1);
                    double e = se[b1 * w1 + a1] - se[b0 * w1 + a1] - se[b1 * w1 + a0] + se[b0 * w1 + a0];
                    int n = sn[b1 * w1 + a1] - sn[b0 * w1 + a1] - sn[b1 * w1 + a0] + sn[b0 * w1 + a0];
                    w[b * nx + a] = n == 0 ? 0f : (float) Math.max(0, e / Math.sqrt(n));
                }
            }
            return w;
        }

        void accumulateSoft(int qx, int qy, float[] weight, WatermarkPattern pat, double[] soft) {
            for (int b = 0; b < ny; b++) {
                for (int a = 0; a < nx; a++) {
                    double w = weight[b * nx + a];
                    if (w <= 0) {
                        continue;
                    }
                    int idx = tileIndex(a, b, qx, qy);
                    int k = pat.codedBit(idx);
                    if (k >= 0) {
                        soft[k] += w * pat.pn(idx) * r[b * nx + a];
                    }
                }
            }
        }

        /**
         * Weighted residuals of the message cells (search cells excluded) summed per tile cell: index =
         * tile cell index at offset (qx, qy); search cells stay 0.
         */
        double[] messageFold(int qx, int qy, float[] weight, int[] searchSign) {
            double[] fold = new double[TILE * TILE];
            for (int b = 0; b < ny; b++) {
                for (int a = 0; a < nx; a++) {
                    double w = weight[b * nx + a];
                    if (w <= 0) {
                        continue;
                    }
                    int idx = tileIndex(a, b, qx, qy);
                    if (searchSign[idx] == 0) {
                        fold[idx] += w * r[b * nx + a];
                    }
                }
            }
            return fold;
        }

        /** z-score of the full expected chip pattern (pilots and message) against the residuals. */
        double messageZ(int qx, int qy, float[] weight, WatermarkPattern pat, byte[] coded) {
            double c = 0;
            double e = 0;
            for (int b = 0; b < ny; b++) {
                for (int a = 0; a < nx; a++) {
                    double w = weight[b * nx + a];
                    if (w <= 0) {
                        continue;
                    }
                    double v = r[b * nx + a];
                    c += w * pat.chip(tileIndex(a, b, qx, qy), coded) * v;
                    e += w * w * v * v;
                }
            }
            return e <= 0 ? 0 : c / Math.sqrt(e);
        }
    }
}
