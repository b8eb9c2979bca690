package org.manyfaces.ofx.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    @Test
    void emptyMeansNoFaults() {
        assertTrue(FaultInjection.parse(null).isEmpty());
        assertTrue(FaultInjection.parse(" ").isEmpty());
        assertDoesNotThrow(() -> FaultInjection.parse("").check("render", 3));
    }

    @Test
    void renderAtFrameThrowsOnlyThere() {
        FaultInjection f = FaultInjection.parse("render@3, render@5:oom");
        assertDoesNotThrow(() -> f.check("render", 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.check("render", 3));
        assertTrue(e.getMessage().contains("frame 3"), e.getMessage());
        assertThrows(OutOfMemoryError.class, () -> f.check("render", 5));
        assertDoesNotThrow(() -> f.check("describe", 3));
    }

    @Test
    void malformedEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("render3"));
        assertTrue(e.getMessage().contains("render3"));
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("render@x"));
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("render@1:segv"));
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("describe@1"));
    }
}
