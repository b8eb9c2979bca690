package org.manyfaces.pipeline.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OneEuroFilterTest {
    private static final double DT = 0.04;

    @Test
    void withoutBetaItIsTheExponentialLowPassOfItsCutoff() {
        // Cutoff 1 Hz at 25 fps: tau = 1/(2π), alpha = 1 / (1 + tau/dt).
        double alpha = 1 / (1 + (1 / (2 * Math.PI)) / DT);
        OneEuroFilter f = new OneEuroFilter(new OneEuroFilter.Settings(1.0, 0, 1.0));
        assertEquals(0.0, f.filter(0, DT), 0);
        for (int k = 1; k <= 20; k++) {
            double expected = 1 - Math.pow(1 - alpha, k); // step response of y += alpha (x - y)
            assertEquals(expected, f.filter(1, DT), 1e-12, "sample " + k);
        }
    }

    @Test
    void speedRaisesTheCutoffSoARampLagsLess() {
        OneEuroFilter still = new OneEuroFilter(new OneEuroFilter.Settings(1.0, 0, 1.0));
        OneEuroFilter adaptive = new OneEuroFilter(new OneEuroFilter.Settings(1.0, 0.5, 1.0));
        double lagStill = 0;
        double lagAdaptive = 0;
        for (int k = 0; k < 100; k++) {
            double x = 10.0 * k * DT; // 10 units per second
            lagStill = x - still.filter(x, DT);
            lagAdaptive = x - adaptive.filter(x, DT);
        }
        // Steady-state lag of a first-order low-pass on a ramp of speed v is v·tau (discrete: v·dt·(1−α)/α).
        double alpha = 1 / (1 + (1 / (2 * Math.PI)) / DT);
        assertEquals(10 * DT * (1 - alpha) / alpha, lagStill, 1e-6);
        // With beta 0.5 the filter measures speed against its own previous output, so in steady state it sees
        // d = v + L/dt and settles at cutoff 1 + 0.5 d, where L is the lag of that cutoff: solve the fixed point.
        double lag = 0;
        for (int i = 0; i < 200; i++) {
            double cutoff = 1 + 0.5 * (10 + lag / DT);
            double a = 1 / (1 + (1 / (2 * Math.PI * cutoff)) / DT);
            lag = 10 * DT * (1 - a) / a;
        }
        assertEquals(lag, lagAdaptive, 1e-6);
        assertTrue(lagAdaptive < lagStill / 3);
    }

    @Test
    void strengthMapsOntoTheParameters() {
        assertSame(OneEuroFilter.Settings.OFF, OneEuroFilter.Settings.fromStrength(0));
        assertSame(OneEuroFilter.Settings.OFF, OneEuroFilter.Settings.fromStrength(-1));
        assertEquals(0.4, OneEuroFilter.Settings.fromStrength(1).minCutoff(), 1e-12);
        assertEquals(0.4, OneEuroFilter.Settings.fromStrength(7).minCutoff(), 1e-12);
        assertEquals(Math.sqrt(8 * 0.4), OneEuroFilter.Settings.fromStrength(0.5).minCutoff(), 1e-12);
        double previous = Double.POSITIVE_INFINITY;
        for (double s = 0.1; s <= 1.0; s += 0.1) {
            double c = OneEuroFilter.Settings.fromStrength(s).minCutoff();
            assertTrue(c < previous, "cutoff must fall as strength rises");
            previous = c;
        }
        OneEuroFilter off = new OneEuroFilter(OneEuroFilter.Settings.OFF);
        off.filter(5, DT);
        assertEquals(-3.25, off.filter(-3.25, DT), 0);
        assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter.Settings(0, 1, 1));
    }

    @Test
    void resetForgetsTheHistory() {
        OneEuroFilter f = new OneEuroFilter(OneEuroFilter.Settings.fromStrength(1));
        f.filter(0, DT);
        f.filter(100, DT);
        f.reset();
        assertEquals(42.0, f.filter(42, DT), 0);
    }
}
