package org.manyfaces.effect.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MouthKeep;

/**
 * The "Masks" page of the effects that paste a processed face back (Face Swap, Face Restore): the occlusion
 * mask (XSeg), the region mask (BiSeNet) with one switch per face part, mouth keep, and the 68-point
 * landmarker. The same ids on every effect, so presets and {@code --set} spell them alike. Everything is off on a fresh instance, so a missing model can
 * never fail a default render; the region switches animate, so a part can be kept for a few frames only.
 */
public final class MaskRows {
    public static final String PAGE_MASKS = "pageMasks";
    public static final String OCCLUSION_MASK = "occlusionMask";
    public static final String REGION_MASK = "regionMask";
    public static final String FACE_PARSER = "faceParser";
    public static final String GROUP_REGIONS = "groupRegions";
    public static final String MOUTH_KEEP = "mouthKeep";
    public static final String LANDMARKER = "landmarker";

    /**
     * The occlusion mask: off, or the XSeg model that finds the occluders (XSeg 1 is FaceFusion's default). One
     * menu for both, so that an instance with the mask off names no model (a preset of it needs none installed).
     */
    public enum Occluder implements ChoiceOption {
        OFF("Off", null), XSEG_1("XSeg 1", "xseg_1"), XSEG_2("XSeg 2", "xseg_2"), XSEG_3("XSeg 3", "xseg_3");

        private final String label;
        private final String modelId;

        Occluder(String label, String modelId) {
            this.label = label;
            this.modelId = modelId;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public Optional<String> modelId() {
            return Optional.ofNullable(modelId);
        }
    }

    /**
     * BiSeNet face parsers; ResNet-34 is FaceFusion's default. The menu always shows a parser, also while neither
     * the region mask nor mouth keep uses one, so its options do not declare their model as a choice model
     * (that would make every preset of Face Swap demand a parser file); {@link #manifestId()} names it.
     */
    public enum Parser implements ChoiceOption {
        BISENET_RESNET_34("BiSeNet ResNet-34", "bisenet_resnet_34"), BISENET_RESNET_18("BiSeNet ResNet-18", "bisenet_resnet_18");

        private final String label;
        private final String modelId;

        Parser(String label, String modelId) {
            this.label = label;
            this.modelId = modelId;
        }

        @Override
        public String label() {
            return label;
        }

        /** The parser's entry in {@code models/manifest.json}. */
        public String manifestId() {
            return modelId;
        }
    }

    /** Mouth keep, as the menu offers it. */
    public enum Mouth implements ChoiceOption {
        OFF("Off", MouthKeep.OFF),
        FROM_REGIONS("From face parsing", MouthKeep.FROM_REGIONS),
        FROM_LANDMARKS("From 68 landmarks", MouthKeep.FROM_LANDMARKS);

        private final String label;
        private final MouthKeep keep;

        Mouth(String label, MouthKeep keep) {
            this.label = label;
            this.keep = keep;
        }

        @Override
        public String label() {
            return label;
        }

        public MouthKeep keep() {
            return keep;
        }
    }

    /** The 68-point landmarker; off by default. */
    public enum Landmarker implements ChoiceOption {
        OFF("Off (detector's 5 points)", null), FAN_2DFAN4("2DFAN4 (68 points)", "2dfan4");

        private final String label;
        private final String modelId;

        Landmarker(String label, String modelId) {
            this.label = label;
            this.modelId = modelId;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public Optional<String> modelId() {
            return Optional.ofNullable(modelId);
        }
    }

    private MaskRows() {
    }

    /** The parameter id of a region's switch: "region" + its name in camel case ("regionLeftEyebrow"). */
    public static String regionParam(FaceRegion r) {
        StringBuilder b = new StringBuilder("region");
        for (String part : r.id().split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    private static String regionLabel(FaceRegion r) {
        String s = r.id().replace('-', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The page's rows.
     *
     * @param change what the effect does to the face, in the words of the help texts ("swap", "restore")
     * @param changed the face after it ("swapped face", "restored face")
     */
    public static List<ParamSpec> rows(String change, String changed) {
        List<ParamSpec> rows = new ArrayList<>(List.of(
                ParamSpec.page(PAGE_MASKS, "Masks"),
                ParamSpec.of(OCCLUSION_MASK, ParamType.CHOICE, "Occlusion mask",
                        "Keeps what is in front of the face (hands, hair, glasses, a microphone) on top of the " + change + ", "
                                + "found by the chosen XSeg model on the original face. Needs that model file.")
                        .choices(Occluder.class).parent(PAGE_MASKS).build(),
                ParamSpec.of(REGION_MASK, ParamType.BOOL, "Region mask",
                        "Pastes only the face parts switched on below, as a face parser (BiSeNet) finds them on "
                                + "the " + changed + ". Needs the chosen BiSeNet model file.")
                        .parent(PAGE_MASKS).build(),
                ParamSpec.of(FACE_PARSER, ParamType.CHOICE, "Face parser",
                        "The BiSeNet model of the region mask and of mouth keep 'From face parsing'.")
                        .choices(Parser.class).parent(PAGE_MASKS).build(),
                ParamSpec.group(GROUP_REGIONS, "Regions", PAGE_MASKS)));
        for (FaceRegion r : FaceRegion.values()) {
            rows.add(ParamSpec.of(regionParam(r), ParamType.BOOL, regionLabel(r),
                            "With 'Region mask': whether the " + r.id().replace('-', ' ') + " of the " + changed + " is "
                                    + "pasted. Animate it to switch the part on or off over time.")
                    .defaultValue(true).animates(true).parent(GROUP_REGIONS).build());
        }
        rows.add(ParamSpec.of(MOUTH_KEEP, ParamType.CHOICE, "Keep mouth",
                        "Keeps the original mouth (speech, teeth, expression) and changes the rest of the face: found "
                                + "by the face parser, or by the 68-point landmarker.")
                .choices(Mouth.class).parent(PAGE_MASKS).build());
        rows.add(ParamSpec.of(LANDMARKER, ParamType.CHOICE, "Landmarks",
                        "A 68-point landmarker refines the detector's five points before alignment; the Classic swap "
                                + "then pastes a face-shaped region, so the original brows stay whole.")
                .choices(Landmarker.class).parent(PAGE_MASKS).build());
        return rows;
    }
}
