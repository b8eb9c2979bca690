package org.manyfaces.pipeline.chain;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MouthKeep;

/**
 * The model masks and landmarks of a face-swap render, beside the box mask of {@link FaceSwapSettings}.
 * Every mask is combined with the box mask by minimum; a null model means that stage is off.
 *
 * @param occluderModel   XSeg occlusion model (null: no occlusion mask)
 * @param parserModel     BiSeNet face parser (needed by the region mask and by {@link MouthKeep#FROM_REGIONS})
 * @param regionMask      paste only where the parser finds one of {@code regions}
 * @param regions         the regions pasted when {@code regionMask} is on (none: nothing is pasted)
 * @param mouthKeep       keep the target's mouth, and from what
 * @param landmarkerModel 2DFAN4 68-point landmarker (null: the detector's five points are used as they are)
 * @param landmarkerScore minimum landmark score for the 68 points to replace the detector's five and to
 *                        shape masks (FaceFusion's default 0.5)
 */
public record MaskSettings(Path occluderModel, Path parserModel, boolean regionMask, Set<FaceRegion> regions,
                           MouthKeep mouthKeep, Path landmarkerModel, float landmarkerScore) {
    /** No model masks, no landmarker: the box mask alone. */
    public static final MaskSettings NONE = new MaskSettings(null, null, false, Set.of(), MouthKeep.OFF, null, 0.5f);

    public MaskSettings {
        regions = regions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(regions));
        java.util.Objects.requireNonNull(mouthKeep, "mouthKeep");
        if (!(landmarkerScore >= 0f && landmarkerScore <= 1f)) {
            throw new IllegalArgumentException("landmarker score must be in 0..1, got " + landmarkerScore);
        }
        if (regionMask && parserModel == null) {
            throw new IllegalArgumentException("the region mask needs a face parser model (BiSeNet); none is set");
        }
        if (mouthKeep == MouthKeep.FROM_REGIONS && parserModel == null) {
            throw new IllegalArgumentException("keeping the mouth from regions needs a face parser model (BiSeNet); none is set");
        }
        if (mouthKeep == MouthKeep.FROM_LANDMARKS && landmarkerModel == null) {
            throw new IllegalArgumentException("keeping the mouth from landmarks needs a 68-point landmark model (2DFAN4); none is set");
        }
    }

    /** Whether the parser runs at all. */
    public boolean parses() {
        return regionMask || mouthKeep == MouthKeep.FROM_REGIONS;
    }
}
