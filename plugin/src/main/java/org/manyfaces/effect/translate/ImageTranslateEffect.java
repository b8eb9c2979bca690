package org.manyfaces.effect.translate;

import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.ThreadSafety;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.pipeline.translate.FitMode;
import org.manyfaces.pipeline.translate.TranslateRegion;
import java.util.ArrayList;
import java.util.List;

import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PathRole;
import org.manyfaces.effect.params.StringKind;

/**
 * The "Image Translate" effect ({@code org.manyfaces.ImageTranslate}): image-to-image networks (style
 * transfer, pix2pix, AnimeGAN-like models) applied to the frame, mixed with the source by Mix.
 *
 * <p>Besides model files it offers one built-in, documented <b>diagnostic</b> translation: the colour
 * negative ({@code 1 - v} on R, G, B). It needs no model, its result is known in closed form, and so it lets
 * a user (and the host-driven tests) check that the chain, the pixel layout and the animated Mix work.
 */
public final class ImageTranslateEffect {
    public static final String ID = "org.manyfaces.ImageTranslate";

    public static final String PAGE_TRANSLATE = "pageTranslate";
    public static final String MODEL = "model";
    public static final String MODEL_FILE = "modelFile";
    public static final String FITTING = "fitting";
    public static final String TILE_SIZE = "tileSize";
    public static final String TILE_OVERLAP = "tileOverlap";
    public static final String REGION = "region";
    public static final String MIX = "mix";
    public static final String MASK_BLUR = "maskBlur";
    public static final String MASK_PADDING = "maskPadding";
    public static final String PAGE_ENGINE = EngineRows.PAGE_ENGINE;
    public static final String EXECUTION_PROVIDER = EngineRows.EXECUTION_PROVIDER;
    public static final String PROVIDER_STATUS = EngineRows.PROVIDER_STATUS;

    /** Index of the model option that reads {@link #MODEL_FILE}. */
    public static final int MODEL_FROM_FILE = 0;
    /** Index of the built-in diagnostic colour negative. */
    public static final int MODEL_DIAGNOSTIC_NEGATIVE = 1;
    /** Index of the first manifest model ({@link TranslateModelMenu#translators()} in order). */
    public static final int MODEL_FIRST_MANIFEST = 2;
    /** The Model options: model file, the diagnostic, then every translator of the manifest. */
    public static final List<String> MODELS = modelOptions();
    /** Name of the optional mask input (general context), whose alpha limits the effect. */
    public static final String MASK_CLIP = "Mask";
    /** The code of Image Translate in the disclosure watermark (never reused). */
    public static final int PAYLOAD_CODE = 2;

    /** How the frame is fitted to the network's input. */
    public enum Fitting implements ChoiceOption {
        RESIZE("Resize", FitMode.RESIZE), TILES("Tiles", FitMode.TILES), NATIVE("Native", FitMode.NATIVE);

        private final String label;
        private final FitMode mode;

        Fitting(String label, FitMode mode) {
            this.label = label;
            this.mode = mode;
        }

        @Override
        public String label() {
            return label;
        }

        public FitMode mode() {
            return mode;
        }
    }

    /** Where the translation is shown. */
    public enum Region implements ChoiceOption {
        WHOLE_FRAME("Whole frame", TranslateRegion.WHOLE_FRAME),
        FACES_ONLY("Faces only", TranslateRegion.FACES_ONLY),
        MASK_CLIP("Mask clip", TranslateRegion.MASK);

        private final String label;
        private final TranslateRegion region;

        Region(String label, TranslateRegion region) {
            this.label = label;
            this.region = region;
        }

        @Override
        public String label() {
            return label;
        }

        public TranslateRegion region() {
            return region;
        }
    }

    private ImageTranslateEffect() {
    }

    /** Per Model option, the manifest translator it runs (null for the model file and the diagnostic). */
    private static List<String> modelOptionIds() {
        List<String> ids = new ArrayList<>(java.util.Collections.nCopies(MODEL_FIRST_MANIFEST, (String) null));
        TranslateModelMenu.translators().forEach(m -> ids.add(m.id()));
        return ids;
    }

    private static List<String> modelOptions() {
        List<String> options = new ArrayList<>(List.of("Model file", "Diagnostic: colour negative (no model)"));
        TranslateModelMenu.translators().forEach(m -> options.add(TranslateModelMenu.label(m)));
        return List.copyOf(options);
    }

    public static EffectDescriptor descriptor() {
        return new EffectDescriptor(ID, "Image Translate", EffectCatalogue.GROUPING,
                "Transforms the whole frame, or just the faces, with an image-to-image network such as a "
                        + "style-transfer or cartoon model, mixed with the original by Mix.",
                1, 0, List.of(ClipSpec.source(), new ClipSpec(MASK_CLIP, true, true, true), ClipSpec.output()),
                params(), true,
                ThreadSafety.INSTANCE_SAFE,
                // Networks see the whole frame (Resize) or tile it themselves with overlap; host tiles would
                // show seams.
                false,
                true,
                context -> new ImageTranslateRenderer(context.messages(), context.models()),
                ImageTranslateProfile.PROFILE);
    }

    public static ParamTable params() {
        List<ParamSpec> rows = new ArrayList<>(List.of(
                ParamSpec.page(PAGE_TRANSLATE, "Image Translate"),
                ParamSpec.of(MODEL, ParamType.CHOICE, "Model",
                        "The translation to apply. 'Model file' runs the ONNX file chosen below; the diagnostic "
                                + "colour negative needs no model and shows that the plug-in works; the named models "
                                + "are looked up in $MANYFACES_MODELS, the bundle's Resources/models and the "
                                + "installed models folder.")
                        .choices(MODELS.toArray(String[]::new)).optionModels(modelOptionIds())
                        .parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(MODEL_FILE, ParamType.STRING, "Model file",
                        "An ONNX image-to-image model (one RGB or luma image in, one out). Its layout, value "
                                + "range and scale come from a sidecar FILE.onnx.json when present, else they are "
                                + "inferred from the model and the Status line says what was assumed.")
                        .stringKind(StringKind.FILE_PATH).pathRole(PathRole.MODEL).parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(FITTING, ParamType.CHOICE, "Fitting",
                        "How the frame is fed to a model with a fixed input size: Resize scales the whole frame, "
                                + "Tiles cuts it into overlapping tiles, Native uses the frame size as it is.")
                        .choices(Fitting.class).parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(TILE_SIZE, ParamType.INT, "Tile size",
                        "With 'Tiles': the edge of one square tile in pixels at full resolution.")
                        .defaultValue(512).range(64, 4096).display(128, 1024)
                        .parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(TILE_OVERLAP, ParamType.INT, "Tile overlap",
                        "With 'Tiles': pixels shared by neighbouring tiles and cross-faded to hide seams.")
                        .defaultValue(32).range(0, 512).display(0, 128)
                        .parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(REGION, ParamType.CHOICE, "Region",
                        "Where the translation is shown: the whole frame, only the detected faces, or where "
                                + "the Mask input's alpha is set (general context).")
                        .choices(Region.class).parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(MIX, ParamType.DOUBLE, "Mix",
                        "How much of the translated image is shown: 1 shows it fully, 0 shows the source. "
                                + "Animate it to fade the effect in or out.")
                        .defaultValue(1).range(0, 1).parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(MASK_BLUR, ParamType.DOUBLE, "Mask blur",
                        "With 'Faces only' or 'Mask clip': softness of the region edge. Faces only: a fraction "
                                + "of half the aligned face crop (0.3 is FaceFusion's default). Mask clip: a "
                                + "fraction of 100 pixels at full resolution (0 keeps the mask's own edge).")
                        .defaultValue(0.3).range(0, 1).parent(PAGE_TRANSLATE).build(),
                ParamSpec.of(MASK_PADDING, ParamType.DOUBLE, "Mask padding",
                        "With 'Faces only': shrinks each face box by this percentage of the crop (the box "
                                + "already spans the whole aligned crop, so it cannot grow). Mask clip: grows the "
                                + "mask by this many pixels at full resolution (negative shrinks).")
                        .defaultValue(0).range(-100, 100).display(-50, 50).parent(PAGE_TRANSLATE).build()));
        rows.addAll(EngineRows.rows("the translated frame, faces or mask area"));
        return new ParamTable(rows);
    }
}
