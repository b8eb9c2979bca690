package org.manyfaces.disclosure;

/**
 * Channel code of the watermark: 32 payload bits + CRC-16 (error detection), then a rate-1/3,
 * constraint-length-7 convolutional code (generators 133, 171, 165 octal) terminated with 6 zero bits
 * (error correction), decoded with a soft-decision Viterbi decoder.
 *
 * <p>Why this code: the watermark channel is very noisy (the host image is the noise) and the number
 * of chips a detector can read varies with the region size and the attacks; a low-rate code with soft
 * decoding gains several dB over repetition alone, and the CRC turns "decoded something" into "decoded
 * exactly what was written" with a 1 in 65536 chance of a random pass (1 in 2^24 with the product mark).
 */
final class WatermarkCodec {
    static final int INFO_BITS = Payload.BITS + 16;
    private static final int K = 7;
    private static final int TAIL = K - 1;
    private static final int[] GENERATORS = {0133, 0171, 0165};
    static final int CODED_BITS = (INFO_BITS + TAIL) * GENERATORS.length;
    private static final int STATES = 1 << (K - 1);
    /**
     * Coded bits that are the same in every ManyFaces payload of effect 1 or 2: the first 14 info bits
     * (product mark 0x4D and the six leading zeros of the effect id) fix the encoder's first 14 steps.
     */
    static final int SHARED_CODED_BITS = 14 * 3;

    private WatermarkCodec() {
    }

    /** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of the 32 payload bits, most significant first. */
    static int crc16(int payloadBits) {
        return crc16(new byte[] {(byte) (payloadBits >>> 24), (byte) (payloadBits >>> 16), (byte) (payloadBits >>> 8),
                (byte) payloadBits});
    }

    /** CRC-16/CCITT-FALSE of bytes, bits most significant first (check value of "123456789": 0x29B1). */
    static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            for (int i = 7; i >= 0; i--) {
                int bit = (b >>> i) & 1;
                int top = (crc >>> 15) & 1;
                crc = (crc << 1) & 0xFFFF;
                if ((top ^ bit) != 0) {
                    crc ^= 0x1021;
                }
            }
        }
        return crc;
    }

    /** Payload + CRC, encoded: {@link #CODED_BITS} bits, each 0 or 1. */
    static byte[] encode(Payload p) {
        int bits = p.toBits();
        int crc = crc16(bits);
        int[] info = new int[INFO_BITS + TAIL];
        for (int i = 0; i < 32; i++) {
            info[i] = (bits >>> (31 - i)) & 1;
        }
        for (int i = 0; i < 16; i++) {
            info[32 + i] = (crc >>> (15 - i)) & 1;
        }
        byte[] out = new byte[CODED_BITS];
        int reg = 0;
        for (int t = 0; t < info.length; t++) {
            reg = ((reg << 1) | info[t]) & ((1 << K) - 1);
            for (int g = 0; g < GENERATORS.length; g++) {
                out[t * GENERATORS.length + g] = (byte) (Integer.bitCount(reg & GENERATORS[g]) & 1);
            }
        }
        return out;
    }

    /**
     * Soft-decision Viterbi decoding. {@code soft[i] > 0} favours coded bit 1, {@code < 0} bit 0, and the
     * magnitude is the reliability (0 = erased). Returns the payload when the CRC matches, else null.
     */
    static Payload decode(double[] soft) {
        if (soft.length != CODED_BITS) {
            throw new IllegalArgumentException("expected " + CODED_BITS + " soft values, got " + soft.length);
        }
        int steps = INFO_BITS + TAIL;
        double[] metric = new double[STATES];
        double[] next = new double[STATES];
        java.util.Arrays.fill(metric, Double.NEGATIVE_INFINITY);
        metric[0] = 0;
        // survivor[t][state] = input bit that led to state at step t, plus previous state (implicit)
        byte[][] decision = new byte[steps][STATES];
        int n = GENERATORS.length;
        int[][] outBits = new int[1 << K][n];
        for (int reg = 0; reg < (1 << K); reg++) {
            for (int g = 0; g < n; g++) {
                outBits[reg][g] = Integer.bitCount(reg & GENERATORS[g]) & 1;
            }
        }
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            boolean tail = t >= INFO_BITS;
            for (int s = 0; s < STATES; s++) {
                double m = metric[s];
                if (m == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int bit = 0; bit <= (tail ? 0 : 1); bit++) {
                    int reg = (s << 1) | bit;
                    int ns = reg & (STATES - 1);
                    double bm = 0;
                    for (int g = 0; g < n; g++) {
                        double l = soft[t * n + g];
                        bm += outBits[reg][g] == 1 ? l : -l;
                    }
                    double cand = m + bm;
                    if (cand > next[ns]) {
                        next[ns] = cand;
                        // remember the oldest register bit (which previous state) in bit 1, input in bit 0
                        decision[t][ns] = (byte) (((s >>> (K - 2)) & 1) << 1 | bit);
                    }
                }
            }
            double[] tmp = metric;
            metric = next;
            next = tmp;
        }
        int[] info = new int[steps];
        int state = 0;
        for (int t = steps - 1; t >= 0; t--) {
            int d = decision[t][state];
            info[t] = d & 1;
            int oldest = (d >>> 1) & 1;
            state = (state >>> 1) | (oldest << (K - 2));
        }
        int bits = 0;
        for (int i = 0; i < 32; i++) {
            bits = (bits << 1) | info[i];
        }
        int crc = 0;
        for (int i = 0; i < 16; i++) {
            crc = (crc << 1) | info[32 + i];
        }
        return crc16(bits) == crc ? Payload.fromBits(bits) : null;
    }
}
