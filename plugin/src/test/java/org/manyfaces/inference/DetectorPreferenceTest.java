package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one choice of detector model and default threshold per family. */
class DetectorPreferenceTest {
    private static List<String> ids(String family) {
        return DetectorPreference.candidates(ModelCatalogue.packedManifest(), family).stream().map(ModelSpec::id).toList();
    }

    @Test
    void eachFamilyListsItsModelsBestFirst() {
        assertEquals(List.of("yunet_s_dynamic", "yunet_2023mar", "yunet_2023_mar_facefusion"), ids("yunet"));
        assertEquals(List.of("scrfd_500m_bnkps", "scrfd_2.5g"), ids("SCRFD"));
        // FaceFusion's retinaface_10g is decoded like SCRFD (its manifest family) but stands for RetinaFace.
        assertEquals(List.of("retinaface_mbnet0.25", "retinaface_10g"), ids("retinaface"));
        assertEquals(List.of(), ids("ultraface-is-no-family"));
    }

    @Test
    void thresholdsAreTheManifestsPublisherDefaults() {
        ModelManifest m = ModelCatalogue.packedManifest();
        assertEquals(0.9f, DetectorPreference.defaultThreshold(m.require("yunet_s_dynamic")));
        assertEquals(0.5f, DetectorPreference.defaultThreshold(m.require("scrfd_500m_bnkps")));
        assertEquals(0.9f, DetectorPreference.defaultThreshold(m.require("retinaface_mbnet0.25")));
    }
}
