package org.manyfaces.effect.faceswap;

import org.manyfaces.effect.common.MaskRows;
import org.manyfaces.effect.common.RestoreModel;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.ThreadSafety;
import org.manyfaces.effect.common.DisclosureParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.StringKind;

/**
 * The "Face Swap" effect ({@code org.manyfaces.FaceSwap}): its parameter pages and OFX capabilities. Its
 * render path is {@link FaceSwapRenderer}; faces come from a temporal analysis of the neighbouring source
 * frames (so the effect declares temporal clip access).
 */
public final class FaceSwapEffect {
    public static final String ID = "org.manyfaces.FaceSwap";

    public static final String PAGE_SWAP = "pageSwap";
    public static final String SOURCE_FACES = "sourceFaces";
    public static final String SWAP_MODEL = "swapModel";
    public static final String DETECTOR = FaceFindingRows.DETECTOR;
    public static final String DETECTION_THRESHOLD = FaceFindingRows.DETECTION_THRESHOLD;
    public static final String GROUP_SELECTION = "groupSelection";
    public static final String SELECTION_MODE = "selectionMode";
    public static final String FACE_INDEX = "faceIndex";
    public static final String REFERENCE_FACE = "referenceFace";
    public static final String REFERENCE_DISTANCE = "referenceDistance";
    public static final String BLEND = "blend";
    public static final String PAGE_MASK = "pageMask";
    public static final String MASK_BLUR = "maskBlur";
    public static final String MASK_PAD_TOP = "maskPadTop";
    public static final String MASK_PAD_BOTTOM = "maskPadBottom";
    public static final String MASK_PAD_LEFT = "maskPadLeft";
    public static final String MASK_PAD_RIGHT = "maskPadRight";
    public static final String COLOUR_MATCH = "colourMatch";
    public static final String PIXEL_BOOST = "pixelBoost";
    public static final String SHOW_DETECTIONS = "showDetections";
    public static final String PAGE_TRACKING = "pageTracking";
    public static final String PAGE_RESTORE = "pageRestore";
    public static final String SMOOTHING = FaceFindingRows.SMOOTHING;
    public static final String DETECT_EVERY = FaceFindingRows.DETECT_EVERY;
    public static final String PAGE_ENGINE = EngineRows.PAGE_ENGINE;
    public static final String EXECUTION_PROVIDER = EngineRows.EXECUTION_PROVIDER;
    public static final String PROVIDER_STATUS = EngineRows.PROVIDER_STATUS;
    public static final String MODELS_FOLDER = EngineRows.MODELS_FOLDER;
    public static final String WATERMARK = DisclosureParams.WATERMARK;
    public static final String WATERMARK_LABEL = DisclosureParams.LABEL_TEXT;
    public static final String FACE_MARK = "faceMark";

    /** The code of Face Swap in the disclosure watermark (never reused). */
    public static final int PAYLOAD_CODE = 1;
    /** The model identity hashed into the watermark of a Classic (model-free) swap. */
    public static final String CLASSIC_MODEL_ID = "manyfaces-classic-swap";

    /** Swap model options; Classic (the pure-Java swapper) first so that a fresh instance needs no download. */
    public enum SwapModel implements ChoiceOption {
        CLASSIC("Classic", null),
        INSWAPPER_128("inswapper 128", "inswapper_128"),
        INSWAPPER_128_FP16("inswapper 128 (fp16)", "inswapper_128_fp16"),
        HYPERSWAP_1A_256("hyperswap 1a 256", "hyperswap_1a_256");

        private final String label;
        private final String manifestId;

        SwapModel(String label, String manifestId) {
            this.label = label;
            this.manifestId = manifestId;
        }

        @Override
        public String label() {
            return label;
        }

        /** The swapper's entry in {@code models/manifest.json}; empty for Classic, which has no model. */
        @Override
        public Optional<String> modelId() {
            return Optional.ofNullable(manifestId);
        }

        /** The model identity the disclosure watermark hashes. */
        String disclosedModel() {
            return manifestId == null ? CLASSIC_MODEL_ID : manifestId;
        }
    }

    /** Which detected faces are swapped. */
    public enum SelectionMode implements ChoiceOption {
        ALL("All faces"), LARGEST("Largest face"), BY_INDEX("By index"), REFERENCE("Reference face");

        private final String label;

        SelectionMode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The size the face is swapped at; 0 = the model's own size. */
    public enum PixelBoost implements ChoiceOption {
        MODEL_SIZE("Model size", 0), PX_256("256 px", 256), PX_512("512 px", 512), PX_1024("1024 px", 1024);

        private final String label;
        private final int size;

        PixelBoost(String label, int size) {
            this.label = label;
            this.size = size;
        }

        @Override
        public String label() {
            return label;
        }

        public int size() {
            return size;
        }
    }

    /**
     * Which invisible disclosure mark goes into the swapped faces (docs/disclosure.md has the measurements).
     * Robust first, and the default: a disclosure mark that a platform's re-encode removes discloses nothing.
     */
    public enum FaceMark implements ChoiceOption {
        /** The frame-anchored region mark ({@code WatermarkEmbedder}): 96-100 % found after re-encoding, ~40 dB. */
        ROBUST("Robust (survives re-encoding)"),
        /** The face mark in the face's aligned coordinates ({@code FaceMarkEmbedder}): ~45 dB, weak after re-encoding. */
        INVISIBLE("Invisible (aligned to the face, weaker)");

        private final String label;

        FaceMark(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    private FaceSwapEffect() {
    }

    /** The watermark payload of a swap with {@code model}. */
    public static Payload payload(SwapModel model) {
        return FaceSwapProfile.payload(model);
    }

    /** The effect with the current render path. */
    public static EffectDescriptor descriptor() {
        return new EffectDescriptor(ID, "Face Swap", EffectCatalogue.GROUPING,
                "Replaces the faces in the clip with a source face using neural face swapping. "
                        + "Runs locally on ONNX Runtime (CUDA when available, otherwise CPU).",
                1, 0, List.of(ClipSpec.source(), ClipSpec.output()), params(), false,
                // One instance renders one frame at a time: the face pipeline keeps per-instance caches
                // (embeddings, sessions). Different instances share nothing mutable.
                ThreadSafety.INSTANCE_SAFE,
                // Detection needs the whole frame; a tile would cut faces in half.
                false,
                // Spatial params are fractions of the face or scaled by the render scale.
                true,
                FaceSwapRenderer::new,
                // The analysis pass reads neighbouring source frames (tracking, gap filling, smoothing).
                true,
                // The output is always the source's size (FaceSwapRenderer keeps outputScale 1).
                true,
                FaceSwapProfile.PROFILE);
    }

    public static ParamTable params() {
        List<ParamSpec> rows = new ArrayList<>(List.of(
                ParamSpec.page(PAGE_SWAP, "Face Swap"),
                ParamSpec.of(SOURCE_FACES, ParamType.STRING, "Source face image(s)",
                        "Image file with the face to put into the clip. Several files separated by ';' are "
                                + "averaged into one identity, which usually looks more like the person.")
                        .stringKind(StringKind.FILE_PATH).parent(PAGE_SWAP).build(),
                ParamSpec.of(SWAP_MODEL, ParamType.CHOICE, "Swap model",
                        "Network that paints the source identity onto each face. Classic needs no extra "
                                + "download; inswapper 128 is sharper but must be installed separately.")
                        .choices(SwapModel.class).parent(PAGE_SWAP).build(),
                FaceFindingRows.detector(PAGE_SWAP),
                FaceFindingRows.threshold(PAGE_SWAP, "swapped"),
                ParamSpec.group(GROUP_SELECTION, "Face selection", PAGE_SWAP),
                ParamSpec.of(SELECTION_MODE, ParamType.CHOICE, "Faces to swap",
                        "Which of the detected faces are replaced: every face, the largest one, the one at a "
                                + "given index (left to right), or the ones that look like a reference face.")
                        .choices(SelectionMode.class).parent(GROUP_SELECTION).build(),
                ParamSpec.of(FACE_INDEX, ParamType.INT, "Face index",
                        "With 'By index': the face to swap, counted from 0 at the left of the frame.")
                        .defaultValue(0).range(0, 255).display(0, 10).parent(GROUP_SELECTION).build(),
                ParamSpec.of(REFERENCE_FACE, ParamType.STRING, "Reference face image",
                        "With 'Reference face': an image of the person whose face should be replaced; other "
                                + "people in the clip are left alone.")
                        .stringKind(StringKind.FILE_PATH).parent(GROUP_SELECTION).build(),
                ParamSpec.of(REFERENCE_DISTANCE, ParamType.DOUBLE, "Reference distance",
                        "With 'Reference face': how different a face may look from the reference and still be "
                                + "swapped (cosine distance of the identity embeddings). Lower is stricter.")
                        .defaultValue(0.5).range(0, 2).display(0, 1).parent(GROUP_SELECTION).build(),
                ParamSpec.of(BLEND, ParamType.DOUBLE, "Blend",
                        "How much of the swapped face is shown: 1 shows the swap fully, 0 shows the original "
                                + "face. Animate it to fade the swap in or out.")
                        .defaultValue(1).range(0, 1).parent(PAGE_SWAP).build(),

                ParamSpec.page(PAGE_MASK, "Mask"),
                ParamSpec.of(MASK_BLUR, ParamType.DOUBLE, "Mask blur",
                        "Softness of the edge where the swapped face meets the frame, as a fraction of the "
                                + "face size. Raise it if a seam is visible.")
                        .defaultValue(0.3).range(0, 1).parent(PAGE_MASK).build(),
                padding(MASK_PAD_TOP, "Mask padding top", "top (forehead)"),
                padding(MASK_PAD_BOTTOM, "Mask padding bottom", "bottom (chin)"),
                padding(MASK_PAD_LEFT, "Mask padding left", "left"),
                padding(MASK_PAD_RIGHT, "Mask padding right", "right"),
                ParamSpec.of(COLOUR_MATCH, ParamType.DOUBLE, "Colour match",
                        "Matches the swapped face's colours (Lab mean and spread) to the original face: any "
                                + "value above 0 switches it on; 0 keeps the swap's own colours. The Classic swap "
                                + "always matches colours itself, so this applies to model swaps.")
                        .defaultValue(0.5).range(0, 1).parent(PAGE_MASK).build(),
                ParamSpec.of(PIXEL_BOOST, ParamType.CHOICE, "Pixel boost",
                        "Swaps the face at a larger size in several passes for more detail on large faces. "
                                + "Higher values cost proportionally more time.")
                        .choices(PixelBoost.class).parent(PAGE_MASK).build(),
                ParamSpec.of(SHOW_DETECTIONS, ParamType.BOOL, "Show detections",
                        "Draws the detected face boxes and landmarks on the output, to check which faces "
                                + "are found and selected.")
                        .parent(PAGE_MASK).build(),

                ParamSpec.page(PAGE_TRACKING, "Tracking"),
                FaceFindingRows.smoothing(PAGE_TRACKING),
                FaceFindingRows.detectEvery(PAGE_TRACKING)));
        rows.addAll(MaskRows.rows("swap", "swapped face"));
        rows.add(ParamSpec.page(PAGE_RESTORE, "Restore"));
        rows.addAll(RestoreRows.rows(PAGE_RESTORE, RestoreModel.OFF, "the swapped faces are not restored"));
        rows.addAll(EngineRows.rows("the swapped faces", List.of(faceMarkRow()), EngineRows.modelsFolder()));
        return new ParamTable(rows);
    }

    /** The "Face mark" choice, right after the watermark switch on the Engine page. */
    private static ParamSpec faceMarkRow() {
        return ParamSpec.of(FACE_MARK, ParamType.CHOICE, "Face mark",
                        "Which invisible watermark goes into the swapped faces. Robust (the default) survives "
                                + "re-encoding, downscaling and cropping far better (reliably on faces of about 200 px "
                                + "and more) but can show as a faint mottling at close inspection; Invisible is "
                                + "aligned to the face and harder to see, but a platform's re-encode or downscale "
                                + "usually removes it. Both are read by 'manyfaces verify'.")
                .choices(FaceMark.class).parent(PAGE_ENGINE).build();
    }

    private static ParamSpec padding(String id, String label, String side) {
        return ParamSpec.of(id, ParamType.DOUBLE, label,
                        "Grows the face mask at the " + side + " by this percentage of the face size, to cover "
                                + "more of the original face.")
                .defaultValue(0).range(0, 100).display(0, 50).parent(PAGE_MASK).build();
    }
}
