package org.manyfaces.disclosure;

/**
 * The keyed, tiled chip pattern shared by the embedder and the detector.
 *
 * <p>The marked area is divided into square cells of {@link #cellSize()} pixels on a grid anchored at
 * the embedder's anchor (the marked region's top-left corner; the frame's for a whole-frame mark); each
 * cell carries one chip (the whole cell is raised or lowered in luma).
 * Cells repeat with a period of {@link #TILE} x {@link #TILE} cells, so every tile carries the whole
 * message and a crop that removes part of the frame only shifts the phase the detector has to find.
 * Within a tile the key chooses, pseudo-randomly:
 * <ul>
 *   <li>a sign {@code pn(u,v)} per cell (spreads the message as noise-like chips);</li>
 *   <li>{@link #PILOT_CELLS} pilot cells that always carry +pn: the detector finds the grid phase and
 *       the tile offset with them before decoding;</li>
 *   <li>for every other cell, which coded bit it carries (a keyed interleaver, so a small region or a
 *       damaged part of the frame erases scattered coded bits, not a burst).</li>
 * </ul>
 */
final class WatermarkPattern {
    /** Tile side in cells. */
    static final int TILE = 16;
    static final int PILOT_CELLS = 64;

    private final int cellSize;
    private final byte[] pn = new byte[TILE * TILE];
    /** Coded bit index per tile cell, -1 for a pilot cell. */
    private final short[] codedBit = new short[TILE * TILE];
    private final int[] pilotIndex = new int[PILOT_CELLS];

    WatermarkPattern(String key, int cellSize) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("watermark key must not be empty");
        }
        if (cellSize < 2 || cellSize > 32) {
            throw new IllegalArgumentException("watermark cell size must be 2..32 pixels, got " + cellSize);
        }
        this.cellSize = cellSize;
        KeyStream ks = new KeyStream(key);
        int cells = TILE * TILE;
        for (int i = 0; i < cells; i++) {
            pn[i] = (byte) ((ks.next() & 1) == 0 ? 1 : -1);
        }
        int[] order = new int[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
        }
        for (int i = cells - 1; i > 0; i--) { // keyed Fisher-Yates shuffle
            int j = (int) Long.remainderUnsigned(ks.next(), i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < PILOT_CELLS; i++) {
            codedBit[order[i]] = -1;
            pilotIndex[i] = order[i];
        }
        java.util.Arrays.sort(pilotIndex);
        for (int i = PILOT_CELLS; i < cells; i++) {
            codedBit[order[i]] = (short) ((i - PILOT_CELLS) % WatermarkCodec.CODED_BITS);
        }
    }

    int cellSize() {
        return cellSize;
    }

    /** Tile cell index of cell column u, row v (both already reduced modulo {@link #TILE}). */
    static int index(int u, int v) {
        return v * TILE + u;
    }

    int pn(int index) {
        return pn[index];
    }

    /** Coded bit carried by a tile cell, or -1 for a pilot. */
    int codedBit(int index) {
        return codedBit[index];
    }

    /** Tile cell indices of the pilots, ascending. */
    int[] pilots() {
        return pilotIndex.clone();
    }

    /** Chip (+1/-1) of a tile cell for a coded message ({@link WatermarkCodec#encode}). */
    int chip(int index, byte[] coded) {
        int b = codedBit[index];
        int sign = b < 0 ? 1 : (coded[b] == 1 ? 1 : -1);
        return sign * pn[index];
    }
}
