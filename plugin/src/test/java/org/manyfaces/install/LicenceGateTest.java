package org.manyfaces.install;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LicenceGateTest {
    private static ModelDownload model(String id, String licence, boolean nonCommercial) {
        return new ModelDownload(id, id + ".onnx", 1, null, List.of(), licence, nonCommercial);
    }

    @Test
    void commercialModelsPassWithoutAsking() {
        List<String> asked = new ArrayList<>();
        LicenceGate gate = LicenceGate.asking((m, text) -> asked.add(m.id()));
        assertDoesNotThrow(() -> gate.requireAccepted(model("yunet", "MIT", false)));
        assertTrue(asked.isEmpty());
    }

    @Test
    void thePromptShowsTheLicenceAndIsAskedOncePerLicence() throws Exception {
        List<String> shown = new ArrayList<>();
        LicenceGate gate = LicenceGate.asking((m, text) -> shown.add(text));

        gate.requireAccepted(model("inswapper_128", "Non-Commercial", true));
        gate.requireAccepted(model("arcface_w600k_r50", "Non-Commercial", true));

        assertEquals(1, shown.size());
        assertTrue(shown.get(0).contains("'Non-Commercial'") && shown.get(0).contains("inswapper_128"), shown.get(0));
    }

    @Test
    void aDeclinedPromptRefusesTheModel() {
        LicenceGate gate = LicenceGate.asking((m, text) -> false);
        LicenceNotAcceptedException e = assertThrows(LicenceNotAcceptedException.class,
                () -> gate.requireAccepted(model("inswapper_128", "Non-Commercial", true)));
        assertEquals("inswapper_128", e.modelId());
    }

    @Test
    void withoutAConsoleRestrictedModelsAreRefused() {
        LicenceGate gate = LicenceGate.forConsole(null);
        assertThrows(LicenceNotAcceptedException.class,
                () -> gate.requireAccepted(model("inswapper_128", "Non-Commercial", true)));
        assertDoesNotThrow(() -> LicenceGate.acceptingAll().requireAccepted(model("x", "Non-Commercial", true)));
    }
}
