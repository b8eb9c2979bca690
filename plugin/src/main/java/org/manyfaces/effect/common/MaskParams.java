package org.manyfaces.effect.common;

import java.util.EnumSet;
import java.util.Set;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.common.MaskRows.Landmarker;
import org.manyfaces.effect.common.MaskRows.Mouth;
import org.manyfaces.effect.common.MaskRows.Occluder;
import org.manyfaces.effect.common.MaskRows.Parser;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.pipeline.mask.FaceRegion;

/** The "Masks" page of Face Swap as the host holds it at one time. */
public record MaskParams(Occluder occluder, boolean regionMask, Parser parser,
                         Set<FaceRegion> regions, Mouth mouth, Landmarker landmarker) {

    public MaskParams {
        regions = regions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(regions));
    }

    /** Reads the page at {@code time}; each region switch follows its own keyframes. */
    public static MaskParams read(HostParams p, double time) {
        Set<FaceRegion> regions = EnumSet.noneOf(FaceRegion.class);
        for (FaceRegion r : FaceRegion.values()) {
            if (p.getBool(MaskRows.regionParam(r), time)) {
                regions.add(r);
            }
        }
        return new MaskParams(ChoiceOption.at(Occluder.class, p.getChoice(MaskRows.OCCLUSION_MASK, time)),
                p.getBool(MaskRows.REGION_MASK, time),
                ChoiceOption.at(Parser.class, p.getChoice(MaskRows.FACE_PARSER, time)),
                regions,
                ChoiceOption.at(Mouth.class, p.getChoice(MaskRows.MOUTH_KEEP, time)),
                ChoiceOption.at(Landmarker.class, p.getChoice(MaskRows.LANDMARKER, time)));
    }
}
