package org.manyfaces.effect.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ParamSpecTest {
    @Test
    void numericParamsAnimateByDefaultOthersDoNot() {
        assertTrue(ParamSpec.of("a", ParamType.DOUBLE, "A", "Hint.").range(0, 1).build().animates());
        assertTrue(ParamSpec.of("b", ParamType.INT, "B", "Hint.").range(0, 1).build().animates());
        assertFalse(ParamSpec.of("c", ParamType.BOOL, "C", "Hint.").build().animates());
        assertFalse(ParamSpec.of("d", ParamType.CHOICE, "D", "Hint.").choices("x").build().animates());
    }

    @Test
    void displayRangeDefaultsToHardRange() {
        ParamSpec p = ParamSpec.of("a", ParamType.DOUBLE, "A", "Hint.").range(-2, 3).build();
        assertEquals(-2, p.displayMin());
        assertEquals(3, p.displayMax());
    }

    @Test
    void rejectsDefaultOutsideRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParamSpec.of("blend", ParamType.DOUBLE, "Blend", "Hint.").range(0, 1).defaultValue(2).build());
        assertTrue(e.getMessage().contains("blend"), e.getMessage());
    }

    @Test
    void rejectsDisplayRangeOutsideHardRange() {
        assertThrows(IllegalArgumentException.class,
                () -> ParamSpec.of("a", ParamType.DOUBLE, "A", "Hint.").range(0, 1).display(0, 2).build());
    }

    @Test
    void rejectsChoiceDefaultPastOptions() {
        assertThrows(IllegalArgumentException.class,
                () -> ParamSpec.of("m", ParamType.CHOICE, "M", "Hint.").choices("a", "b").defaultValue(2).build());
    }

    @Test
    void rejectsMissingHintAndBadIdAndAnimatedString() {
        assertThrows(IllegalArgumentException.class, () -> ParamSpec.of("a", ParamType.BOOL, "A", " ").build());
        assertThrows(IllegalArgumentException.class, () -> ParamSpec.of("1a", ParamType.BOOL, "A", "Hint.").build());
        assertThrows(IllegalArgumentException.class,
                () -> ParamSpec.of("s", ParamType.STRING, "S", "Hint.").animates(true).build());
    }

    @Test
    void tableRejectsDuplicatesAndUnknownParents() {
        ParamSpec a = ParamSpec.of("a", ParamType.BOOL, "A", "Hint.").build();
        assertThrows(IllegalArgumentException.class, () -> new ParamTable(List.of(a, a)));
        ParamSpec orphan = ParamSpec.of("b", ParamType.BOOL, "B", "Hint.").parent("nowhere").build();
        assertThrows(IllegalArgumentException.class, () -> new ParamTable(List.of(orphan)));
        ParamSpec underBool = ParamSpec.of("c", ParamType.BOOL, "C", "Hint.").parent("a").build();
        assertThrows(IllegalArgumentException.class, () -> new ParamTable(List.of(a, underBool)));
    }

    @Test
    void pageChildrenIncludeParamsInsideItsGroups() {
        ParamTable t = new ParamTable(List.of(
                ParamSpec.page("p", "P"),
                ParamSpec.group("g", "G", "p"),
                ParamSpec.of("x", ParamType.BOOL, "X", "Hint.").parent("g").build(),
                ParamSpec.of("y", ParamType.BOOL, "Y", "Hint.").parent("p").build(),
                ParamSpec.page("q", "Q"),
                ParamSpec.of("z", ParamType.BOOL, "Z", "Hint.").parent("q").build()));
        assertEquals(List.of("g", "x", "y"), t.childrenOfPage("p").stream().map(ParamSpec::id).toList());
        assertEquals(List.of("z"), t.childrenOfPage("q").stream().map(ParamSpec::id).toList());
        assertEquals(2, t.indexOf("x"));
        assertThrows(IllegalArgumentException.class, () -> t.indexOf("nope"));
    }
}
