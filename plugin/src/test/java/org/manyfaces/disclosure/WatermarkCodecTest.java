package org.manyfaces.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WatermarkCodecTest {
    private static final Payload P = new Payload(Payload.MANYFACES_MARK, 2, 0xBEEF);

    @Test
    void crcMatchesThePublishedCheckValue() {
        // CRC-16/CCITT-FALSE check value from the CRC catalogue
        assertEquals(0x29B1, WatermarkCodec.crc16("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void payloadBitLayoutIsMarkEffectHash() {
        assertEquals(0x4D02BEEF, P.toBits());
        assertEquals(P, Payload.fromBits(P.toBits()));
        assertEquals(0xE3B0, Payload.shortModelHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThrows(IllegalArgumentException.class, () -> Payload.shortModelHash("abc"));
        assertThrows(IllegalArgumentException.class, () -> new Payload(256, 0, 0));
    }

    @Test
    void cleanCodewordDecodes() {
        assertEquals(P, WatermarkCodec.decode(soft(WatermarkCodec.encode(P))));
        assertEquals(162, WatermarkCodec.CODED_BITS);
    }

    @Test
    void scatteredHardErrorsAreCorrected() {
        double[] s = soft(WatermarkCodec.encode(P));
        for (int i = 5; i < s.length; i += 17) { // 10 wrong coded bits, spread out
            s[i] = -s[i];
        }
        assertEquals(P, WatermarkCodec.decode(s));
    }

    @Test
    void aThirdErasedStillDecodes() {
        double[] s = soft(WatermarkCodec.encode(P));
        Random r = new Random(1);
        for (int i = 0; i < s.length / 3; i++) {
            s[r.nextInt(s.length)] = 0;
        }
        assertEquals(P, WatermarkCodec.decode(s));
    }

    @Test
    void noisySoftValuesDecodeMostOfTheTime() {
        // Es/N0 = 0.5 per coded bit (sigma 1 around +-1 ... scaled): well inside what K=7, rate 1/3 handles
        Random r = new Random(7);
        byte[] coded = WatermarkCodec.encode(P);
        int ok = 0;
        for (int t = 0; t < 100; t++) {
            double[] s = soft(coded);
            for (int i = 0; i < s.length; i++) {
                s[i] += 1.0 * r.nextGaussian();
            }
            if (P.equals(WatermarkCodec.decode(s))) {
                ok++;
            }
        }
        assertTrue(ok >= 95, "decoded " + ok + "/100 at sigma 1");
    }

    @Test
    void pureNoiseAlmostNeverPassesTheCrc() {
        Random r = new Random(3);
        int passed = 0;
        for (int t = 0; t < 2000; t++) {
            double[] s = new double[WatermarkCodec.CODED_BITS];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextGaussian();
            }
            if (WatermarkCodec.decode(s) != null) {
                passed++;
            }
        }
        // expected 2000 / 65536 = 0.03
        assertTrue(passed <= 2, "random soft values passed the CRC " + passed + " times");
    }

    @Test
    void wrongLengthIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WatermarkCodec.decode(new double[10]));
    }

    @Test
    void patternIsDeterministicAndKeyed() {
        WatermarkPattern a = new WatermarkPattern("k1", 4);
        WatermarkPattern b = new WatermarkPattern("k1", 4);
        WatermarkPattern c = new WatermarkPattern("k2", 4);
        int same = 0;
        int pilots = 0;
        for (int i = 0; i < 256; i++) {
            assertEquals(a.pn(i), b.pn(i));
            assertEquals(a.codedBit(i), b.codedBit(i));
            same += a.pn(i) == c.pn(i) ? 1 : 0;
            pilots += a.codedBit(i) < 0 ? 1 : 0;
        }
        assertEquals(WatermarkPattern.PILOT_CELLS, pilots);
        assertTrue(same > 90 && same < 166, "another key should give an unrelated pattern, " + same + "/256 equal");
        // every coded bit is carried at least once per tile
        boolean[] seen = new boolean[WatermarkCodec.CODED_BITS];
        for (int i = 0; i < 256; i++) {
            if (a.codedBit(i) >= 0) {
                seen[a.codedBit(i)] = true;
            }
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    private static double[] soft(byte[] coded) {
        double[] s = new double[coded.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = coded[i] == 1 ? 1 : -1;
        }
        return s;
    }

    @Test
    void allErasedGivesNull() {
        // nothing read: the all-zero path's CRC (0x84C0 for four zero bytes) does not match zero
        assertNull(WatermarkCodec.decode(new double[WatermarkCodec.CODED_BITS]));
    }
}
