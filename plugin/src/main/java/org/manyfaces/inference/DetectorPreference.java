package org.manyfaces.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which face detector model stands for each detector family, best first, and its usual score threshold.
 * The one place this is decided: Face Swap's "Face detector" choice, Image Translate's "Faces only" region
 * and {@code manyfaces detect --detector} all ask the {@link ModelCatalogue}, which asks this class.
 */
public final class DetectorPreference {
    /** The families, in the order of Face Swap's "Face detector" choice and of the fallback for "Faces only". */
    public static final List<String> FAMILIES = List.of("yunet", "scrfd", "retinaface");

    /**
     * Manifest ids tried for each family, best first. YuNet: the dynamic-size model first (it runs at the
     * frame's aspect instead of a padded 640x640), then OpenCV's fixed one, then FaceFusion's copy of it.
     * SCRFD and RetinaFace: the small model shipped for tests, then FaceFusion's larger one.
     */
    private static final Map<String, List<String>> BEST_FIRST = Map.of(
            "yunet", List.of("yunet_s_dynamic", "yunet_2023mar", "yunet_2023_mar_facefusion"),
            "scrfd", List.of("scrfd_500m_bnkps", "scrfd_2.5g"),
            "retinaface", List.of("retinaface_mbnet0.25", "retinaface_10g"));

    /**
     * Threshold of an entry whose manifest gives no {@code extras.defaultScoreThreshold}: the publishers'
     * defaults (YuNet and RetinaFace 0.9, SCRFD 0.5; see the models README).
     */
    private static final Map<String, Float> FALLBACK_THRESHOLD = Map.of("yunet", 0.9f, "scrfd", 0.5f, "retinaface", 0.9f);

    private DetectorPreference() {
    }

    /** Whether {@code family} is one of {@link #FAMILIES} (case-insensitive). */
    public static boolean isFamily(String family) {
        return FAMILIES.contains(family.toLowerCase(Locale.ROOT));
    }

    /**
     * The detector entries of {@code family} in the manifest, best first: the preferred ids, then any other
     * detector entry of the family the manifest adds, in manifest order.
     */
    public static List<ModelSpec> candidates(ModelManifest manifest, String family) {
        String fam = family.toLowerCase(Locale.ROOT);
        List<String> preferred = BEST_FIRST.getOrDefault(fam, List.of());
        List<ModelSpec> out = new ArrayList<>();
        for (String id : preferred) {
            manifest.find(id).ifPresent(out::add);
        }
        for (ModelSpec m : manifest.ofKind(ModelKind.DETECTOR)) {
            // retinaface_10g is decoded like SCRFD (family "scrfd") but stands for RetinaFace: the id decides.
            boolean ofFamily = m.id().startsWith(fam) || (fam.equals(m.family()) && !m.id().startsWith("retinaface"));
            if (ofFamily && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The score threshold the model's publisher recommends: the manifest's, else the family's usual one. */
    public static float defaultThreshold(ModelSpec spec) {
        Object v = spec.extras() == null ? null : spec.extras().get("defaultScoreThreshold");
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.floatValue();
        }
        return FALLBACK_THRESHOLD.getOrDefault(spec.family() == null ? "" : spec.family(), 0.5f);
    }
}
