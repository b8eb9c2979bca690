package org.manyfaces.effect.translate;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.PixelOps;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.common.DisclosureStamp;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.translate.ImageTranslateEffect.Region;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelKind;
import org.manyfaces.inference.ModelSpec;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.translate.Feather;
import org.manyfaces.pipeline.translate.FitMode;
import org.manyfaces.pipeline.translate.ImageTranslatePipeline;
import org.manyfaces.pipeline.translate.ManifestContracts;
import org.manyfaces.pipeline.translate.TranslateRegion;
import org.manyfaces.pipeline.translate.TranslateSettings;
import org.manyfaces.pipeline.translate.TranslatorContract;

/**
 * The Image Translate render path: maps the effect's parameters, read at the render time, onto the
 * translation pipeline ({@link ImageTranslatePipeline}) and runs it on the frame, the faces or the masked
 * part of it.
 *
 * <p>Each instance owns its own pipeline (translator, scratch buffers, face detector); instances share only
 * the inference engine's session cache, so two instances with the same model file load it once. The
 * diagnostic colour negative needs no model and never touches ONNX Runtime.
 *
 * <p>Problems with a model (file missing, contract mismatch) are thrown with a message naming the problem:
 * the host façade turns that into a failed frame and a host message, and the next frame is rendered afresh.
 * Only an empty model file field passes frames through, with one warning, so a newly applied effect does not
 * fail before the user has chosen anything.
 */
public final class ImageTranslateRenderer implements EffectRenderer {
    static final String NO_MODEL = "org.manyfaces.noModel";
    static final String NO_REGION = "org.manyfaces.noRegion";
    static final String MODEL_STATUS = "org.manyfaces.modelStatus";
    /** Mask blur parameter 1 means this many pixels of blur at full resolution for the Mask clip region. */
    static final double MASK_BLUR_FULL_PIXELS = 100;

    private final EffectMessages messages;
    private final ModelCatalogue models;
    private final Supplier<InferenceEngine> engine;
    private ImageTranslatePipeline pipeline;
    private boolean warnedNoModel;
    private boolean warnedRegion;
    private Payload cachedPayload;
    private int cachedPayloadModel;
    private String cachedPayloadFile;
    private final DisclosureStamp disclosure = new DisclosureStamp();
    private String announced = "";
    /** Scale &gt; 1 with a render window smaller than the output: the whole upscaled frame, reused. */
    private ImageView scratch;

    /** A renderer finding its models (named ones, files the manifest knows, face detectors) through {@code models}. */
    public ImageTranslateRenderer(EffectMessages messages, ModelCatalogue models) {
        this(messages, models, InferenceEngine::shared);
    }

    /** With an engine of the caller's (tests); the engine is asked for only when a model runs. */
    ImageTranslateRenderer(EffectMessages messages, ModelCatalogue models, Supplier<InferenceEngine> engine) {
        this.messages = messages;
        this.models = models;
        this.engine = engine;
    }

    @Override
    public void render(RenderRequest request, HostParams params) {
        ImageTranslateParams s = ImageTranslateParams.read(params, request.time());
        DisclosureParams d = DisclosureParams.read(params, request.time());
        request.cancel().check("before the translation");
        if (translate(request, s, d) == Outcome.TO_MARK) {
            request.cancel().check("before marking the translated frame");
            disclose(request, s, d);
        }
    }

    /** What a render left to do for the disclosure. */
    private enum Outcome {
        /** The frame passed through: nothing changed, nothing to mark. */
        PASSED_THROUGH,
        /** The output holds the translation; the watermark and label go onto it. */
        TO_MARK,
        /** Marked already on the whole upscaled frame, before its window was copied out (frame-anchored). */
        MARKED
    }

    /**
     * Marks the translated frame: the watermark over the whole output when the whole frame was translated
     * (or upscaled), else over the pixels the faces or mask region changed; the visible label when on.
     */
    /** The payload of the last (model, model file), kept: it hashes a name and looks up the catalogue. */
    private Payload payloadFor(int model, String modelFile) {
        if (cachedPayload == null || model != cachedPayloadModel || !Objects.equals(modelFile, cachedPayloadFile)) {
            cachedPayload = ImageTranslateProfile.payload(model, modelFile);
            cachedPayloadModel = model;
            cachedPayloadFile = modelFile;
        }
        return cachedPayload;
    }

    private void disclose(RenderRequest request, ImageTranslateParams s, DisclosureParams d) {
        disclose(request.source(), request.output(), s, d, s.region() == Region.WHOLE_FRAME || !request.sameSize());
    }

    private void disclose(ImageView source, ImageView out, ImageTranslateParams s, DisclosureParams d,
                          boolean wholeFrame) {
        if (d.watermark()) {
            Payload payload = payloadFor(s.model(), s.modelFile());
            if (wholeFrame) {
                disclosure.watermarkWhole(out, payload);
            } else {
                disclosure.watermarkChanged(source, out, 0, 0, out.width(), out.height(), payload);
            }
        }
        disclosure.label(out, d);
    }

    /** Renders the translation and says what is left to do for the disclosure. */
    private Outcome translate(RenderRequest request, ImageTranslateParams s, DisclosureParams d) {
        float mix = (float) Math.max(0, Math.min(1, s.mix()));
        if (mix <= 0 && request.sameSize()) {
            // What isIdentity answers, for hosts that never ask it (MLT): the source, without loading a model.
            copyPassThrough(request);
            return Outcome.PASSED_THROUGH;
        }
        if (s.model() == ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE) {
            renderDiagnostic(request, s, mix);
            return mix > 0 ? Outcome.TO_MARK : Outcome.PASSED_THROUGH;
        }
        if (s.model() == ImageTranslateEffect.MODEL_FROM_FILE && s.modelFile().isBlank()) {
            if (!warnedNoModel) {
                warnedNoModel = true;
                messages.warning(NO_MODEL, "Image Translate: no model loaded: choose a model file or a named model. "
                        + "Frames pass through unchanged.");
            }
            copyPassThrough(request);
            return Outcome.PASSED_THROUGH;
        }
        double renderScale = Math.min(request.renderScaleX(), request.renderScaleY());
        TranslateSettings ts = settings(s, mix, renderScale);
        ImageTranslatePipeline p = pipeline();
        TranslatorContract contract = p.contract(ts);
        announce(s, ts, contract);
        int k = ts.region() == TranslateRegion.FACES_ONLY ? 1 : contract.scale();
        if (ts.region() == TranslateRegion.MASK && request.mask() == null) {
            throw new ManyFacesException(ErrorCode.INPUT_NOT_CONNECTED, "Image Translate: region 'Mask clip' needs the Mask input connected "
                    + "(use the effect in the general context and connect a mask)");
        }
        if (ts.region() == TranslateRegion.FACES_ONLY && contract.scale() != 1) {
            throw new ManyFacesException(ErrorCode.SETTINGS_CONFLICT, "Image Translate: region 'Faces only' needs a model that keeps the "
                    + "size; " + modelName(s) + " upscales by " + contract.scale() + " - use 'Whole frame'");
        }
        if (k == 1) {
            if (!request.sameSize()) {
                throw new IllegalStateException("Image Translate: the output window " + request.window()
                        + " does not match the source window " + request.sourceWindow() + " of a size-keeping model");
            }
            p.render(request.source(), request.output(), request.mask(), null, ts);
            return mix > 0 ? Outcome.TO_MARK : Outcome.PASSED_THROUGH;
        }
        return renderScaled(p, request, ts, k, s, d);
    }

    /** Scale k: the output grid is the source window times k; the render window lies somewhere inside it. */
    private Outcome renderScaled(ImageTranslatePipeline p, RenderRequest request, TranslateSettings ts, int k,
                                 ImageTranslateParams s, DisclosureParams d) {
        PixelRect sw = request.sourceWindow();
        PixelRect grid = new PixelRect(sw.x1() * k, sw.y1() * k, sw.x2() * k, sw.y2() * k);
        PixelRect w = request.window();
        if (!grid.contains(w) || request.sameSize()) {
            throw new IllegalStateException("Image Translate: the model upscales by " + k + " but the host's output "
                    + "window " + w + " is not inside the source " + sw + " times " + k + " (the host did not "
                    + "honour the effect's region of definition)");
        }
        if (w.equals(grid)) {
            p.render(request.source(), request.output(), request.mask(), null, ts);
            return Outcome.TO_MARK;
        }
        // A partial window (host tiles or a crop): translate the whole frame once, then copy the window.
        ImageView out = request.output();
        if (scratch == null || scratch.width() != grid.width() || scratch.height() != grid.height()
                || scratch.format() != out.format()) {
            scratch = ImageView.allocate(grid.width(), grid.height(), out.format());
        }
        p.render(request.source(), scratch, request.mask(), null, ts);
        // Mark the whole upscaled frame so the pattern and label sit where they would in a full-frame render.
        disclose(null, scratch, s, d, true);
        // Top-down: the window's top row is grid.y2 - w.y2 rows below the grid's top.
        ImageView part = new ImageView(scratch.buffer(), w.width(), w.height(), scratch.format(),
                scratch.pixelOffset(w.x1() - grid.x1(), grid.y2() - w.y2()), scratch.rowStride());
        out.copyFrom(part);
        return Outcome.MARKED;
    }

    private void renderDiagnostic(RenderRequest request, ImageTranslateParams s, float mix) {
        if (s.region() != Region.WHOLE_FRAME && !warnedRegion) {
            // The diagnostic is a closed-form check of the chain; it always covers the whole frame.
            warnedRegion = true;
            messages.warning(NO_REGION, "Image Translate: the diagnostic colour negative always covers the whole "
                    + "frame; region '" + s.region().label() + "' applies to models.");
        }
        PixelOps.mixWithNegative(request.source(), request.output(), mix);
    }

    private static void copyPassThrough(RenderRequest request) {
        if (!request.sameSize()) {
            throw new IllegalStateException("Image Translate: cannot pass through into an output of another size");
        }
        PixelOps.copy(request.source(), request.output());
    }

    /** Mix 0 shows the source whatever the model: nothing to do. */
    @Override
    public boolean isIdentity(HostParams params, double time) {
        return params.getDouble(ImageTranslateEffect.MIX, time) <= 0;
    }

    /** The chosen model's scale for the whole-frame and mask regions; 1 for faces or when it cannot load. */
    @Override
    public int outputScale(HostParams params, double time) {
        // Asked twice per frame (region of definition, regions of interest): read only what decides the
        // answer before the whole settings, each read being a call into the host.
        int model = params.getChoice(ImageTranslateEffect.MODEL, time);
        if (model == ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE
                || ChoiceOption.at(Region.class, params.getChoice(ImageTranslateEffect.REGION, time)) == Region.FACES_ONLY
                || (model == ImageTranslateEffect.MODEL_FROM_FILE
                        && params.getString(ImageTranslateEffect.MODEL_FILE, time).isBlank())) {
            return 1;
        }
        ImageTranslateParams s = ImageTranslateParams.read(params, time);
        try {
            return pipeline().contract(settings(s, 1f, 1)).scale();
        } catch (RuntimeException e) {
            // The render of this frame reports the problem with its full message.
            return 1;
        }
    }

    @Override
    public void paramChanged(String id, HostParams params, double time) {
        if (ImageTranslateEffect.MODEL.equals(id) || ImageTranslateEffect.MODEL_FILE.equals(id)) {
            warnedNoModel = false;
            messages.rearm(NO_MODEL);
        }
        if (ImageTranslateEffect.REGION.equals(id)) {
            warnedRegion = false;
            messages.rearm(NO_REGION);
        }
        if (ImageTranslateEffect.MODEL.equals(id) || ImageTranslateEffect.MODEL_FILE.equals(id)
                || ImageTranslateEffect.EXECUTION_PROVIDER.equals(id)) {
            // OFX lets a plug-in set params while handling an instance change (never in a render).
            try {
                params.setString(ImageTranslateEffect.PROVIDER_STATUS, status(params, time));
            } catch (UnsupportedOperationException readOnly) {
                // Params without write access (CLI, tests): the render's log message says the same.
            }
        }
    }

    /**
     * The Status line for the current settings: the model, where it runs and under which contract, or why it
     * cannot run. Loading the model here lets the user see a contract problem before rendering.
     */
    String status(HostParams params, double time) {
        ImageTranslateParams s = ImageTranslateParams.read(params, time);
        if (s.model() == ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE) {
            return "Diagnostic colour negative: no model needed.";
        }
        if (s.model() == ImageTranslateEffect.MODEL_FROM_FILE && s.modelFile().isBlank()) {
            return EngineRows.NO_MODEL_YET;
        }
        try {
            TranslatorContract c = pipeline().contract(settings(s, 1f, 1));
            return modelName(s) + " on " + engine.get().status().describe() + "; " + describe(c)
                    + " (contract from " + c.source().name().toLowerCase() + ")";
        } catch (RuntimeException e) {
            return "Cannot use " + modelName(s) + ": " + e.getMessage();
        }
    }

    @Override
    public void purgeCaches() {
        close();
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        scratch = null;
        announced = "";
    }

    private ImageTranslatePipeline pipeline() {
        if (pipeline == null) {
            pipeline = new ImageTranslatePipeline(engine.get());
        }
        return pipeline;
    }

    /**
     * The pipeline settings for these parameter values. Spatial parameters are given at full resolution and
     * scaled by {@code renderScale}, so a proxy render looks like a small full render.
     */
    TranslateSettings settings(ImageTranslateParams s, float mix, double renderScale) {
        Path model;
        Optional<TranslatorContract> contract;
        if (s.model() == ImageTranslateEffect.MODEL_FROM_FILE) {
            model = Path.of(s.modelFile().trim());
            // A file the manifest knows by content runs under the manifest's contract, as the named model would;
            // only unknown files fall back to a sidecar or an inferred contract.
            contract = models.identify(model).filter(spec -> spec.kind() == ModelKind.TRANSLATOR)
                    .map(ManifestContracts::fromSpec);
        } else {
            ModelSpec spec = manifestModel(s.model());
            model = models.locator().locate(spec);
            contract = Optional.of(ManifestContracts.fromSpec(spec));
        }
        FitMode fit = s.fitting().mode();
        int tile = Math.max(8, (int) Math.round(s.tileSize() * renderScale));
        int overlap = Math.min(tile - 1, Math.max(0, (int) Math.round(s.tileOverlap() * renderScale)));
        TranslateRegion region = s.region().region();
        ProviderChoice provider = s.executionProvider();
        int padding;
        int blur;
        if (region == TranslateRegion.MASK) {
            padding = clampPixels(s.maskPadding() * renderScale);
            blur = Math.max(0, clampPixels(s.maskBlur() * MASK_BLUR_FULL_PIXELS * renderScale));
        } else {
            padding = 0;
            blur = 0;
        }
        TranslateSettings ts = new TranslateSettings(model, contract, fit, tile, overlap, Feather.COSINE, region, mix,
                padding, blur, provider, Optional.empty(), TranslateSettings.DEFAULT_FACE_THRESHOLD);
        if (region == TranslateRegion.FACES_ONLY) {
            ModelCatalogue.Detector detector = models.anyDetector(models.locator()).orElseThrow(
                    () -> new ManyFacesException(ErrorCode.MODEL_FILE, "Image Translate: region 'Faces only' needs a face detector "
                            + "model (for example yunet_s_dynamic.onnx) in one of " + models.searchPath()));
            ts = ts.withFaceDetector(detector.file(), detector.defaultThreshold());
            ts = facesMask(ts, s);
        }
        return ts;
    }

    /**
     * Faces only: the blur is a fraction of half the aligned crop and the padding a percentage of the crop
     * that shrinks the box; the pipeline takes both in crop pixels, so they are converted at the crop size the
     * model will use.
     */
    private TranslateSettings facesMask(TranslateSettings ts, ImageTranslateParams s) {
        TranslatorContract c = pipeline().contract(ts);
        int size = c.isDynamic() ? c.legalSize(ts.tileSize()) : c.height();
        // 0 pixels would select the pipeline's default blur; a blur of 0 here means a hard edge (1 pixel).
        int blur = Math.max(1, (int) Math.round(s.maskBlur() * 0.5 * size));
        int shrink = s.maskPadding() > 0 ? -(int) Math.round(s.maskPadding() / 100.0 * size) : 0;
        return ts.withMask(shrink, blur);
    }

    private static int clampPixels(double v) {
        return (int) Math.max(-2048, Math.min(2048, Math.round(v)));
    }

    /**
     * The catalogue's entry for a named option. The options were fixed from the packed manifest when the
     * effect was described; the entry (file, hash, contract) comes from the catalogue, which is the same
     * manifest unless the command line named another one.
     */
    private ModelSpec manifestModel(int choice) {
        List<ModelSpec> offered = TranslateModelMenu.translators();
        int i = choice - ImageTranslateEffect.MODEL_FIRST_MANIFEST;
        if (i < 0 || i >= offered.size()) {
            throw new ManyFacesException(ErrorCode.SETTING_INVALID, "Image Translate: model option " + choice + " is unknown (this build "
                    + "offers " + ImageTranslateEffect.MODELS.size() + " options)");
        }
        String id = offered.get(i).id();
        return models.byId(id).orElseThrow(() -> new ManyFacesException(ErrorCode.MODEL_FILE, "Image Translate: model '" + id
                + "' is not in the models manifest " + models.manifestSource()));
    }

    private static String modelName(ImageTranslateParams s) {
        return s.model() == ImageTranslateEffect.MODEL_FROM_FILE ? Path.of(s.modelFile().trim()).getFileName().toString()
                : ImageTranslateEffect.MODELS.get(s.model());
    }

    private static String describe(TranslatorContract c) {
        return c.layout() + " " + (c.isLuma() ? "luma" : c.colorOrder().toString()) + " " + c.range()
                + (c.isDynamic() ? " any size (multiple of " + c.sizeMultiple() + ")" : " " + c.width() + "x" + c.height())
                + ", scale " + c.scale();
    }

    /** Says once per model and provider what runs where and under which contract (the Status of the engine). */
    private void announce(ImageTranslateParams s, TranslateSettings ts, TranslatorContract c) {
        String key = ts.model() + "|" + ts.provider();
        if (key.equals(announced)) {
            return;
        }
        announced = key;
        String text = "Image Translate: " + modelName(s) + " loaded (" + engine.get().status().describe()
                + "); contract from " + c.source().name().toLowerCase() + ": " + describe(c)
                + (c.assumptions().isEmpty() ? "" : "; " + c.assumptions());
        messages.log(MODEL_STATUS, text);
    }
}
