package org.manyfaces.pipeline.chain;

import java.util.Optional;

import org.manyfaces.pipeline.landmark.Landmarker68;
import org.manyfaces.pipeline.mask.OcclusionMasker;
import org.manyfaces.pipeline.mask.RegionMasker;

/**
 * The mask and landmark models of one render's {@link MaskSettings}, opened and shared; each is empty when
 * its stage is off.
 */
public record FaceMaskers(Optional<OcclusionMasker> occluder, Optional<RegionMasker> parser,
                          Optional<Landmarker68> landmarker) {
    public static final FaceMaskers NONE = new FaceMaskers(Optional.empty(), Optional.empty(), Optional.empty());
}
