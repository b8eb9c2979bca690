package org.manyfaces.faults;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("@1"));
        assertThrows(IllegalArgumentException.class, () -> FaultInjection.parse("render-x@1"));
    }

    @Test
    void anyActionByFullOrShortNameWithOrWithoutFrame() {
        FaultInjection f = FaultInjection.parse("createInstance,OfxImageEffectActionGetRegionOfDefinition@2,isIdentity:oom");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.check("OfxActionCreateInstance", () -> Double.NaN));
        assertTrue(e.getMessage().contains("createInstance"), e.getMessage());
        assertDoesNotThrow(() -> f.check("OfxImageEffectActionGetRegionOfDefinition", 1));
        assertThrows(IllegalStateException.class, () -> f.check("getRegionOfDefinition", 2));
        // A frame-bound fault never fires for an action without a time.
        assertDoesNotThrow(() -> f.check("getRegionOfDefinition", () -> Double.NaN));
        assertThrows(OutOfMemoryError.class, () -> f.check("OfxImageEffectActionIsIdentity", 7));
        assertDoesNotThrow(() -> f.check("OfxActionDestroyInstance", 0));
    }

    @Test
    void shortNamesDropTheOfxPrefixes() {
        assertEquals("render", FaultInjection.shortName("OfxImageEffectActionRender"));
        assertEquals("instanceChanged", FaultInjection.shortName("OfxActionInstanceChanged"));
        assertEquals("destroyInstance", FaultInjection.shortName("destroyInstance"));
    }

    @Test
    void npeStormSucceedsAfterCatchingEveryNullDereference() {
        FaultInjection f = FaultInjection.parse("render@4:npe-storm");
        assertDoesNotThrow(() -> f.check("render", 4));
        assertEquals(FaultInjection.NPE_STORM_SIZE, FaultInjection.npeStorm());
    }
}
