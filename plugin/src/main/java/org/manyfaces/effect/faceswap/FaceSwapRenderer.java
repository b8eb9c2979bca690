package org.manyfaces.effect.faceswap;

import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.FaceReport;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.PixelOps;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.common.DisclosureStamp;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.TimedStages;
import org.manyfaces.effect.common.FrameFaces;
import org.manyfaces.effect.faceswap.FaceSwapEffect.FaceMark;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceIdentityCache;
import org.manyfaces.pipeline.chain.FaceFinder;
import org.manyfaces.pipeline.chain.FaceSwapComponents;
import org.manyfaces.pipeline.chain.FaceSwapPipeline;
import org.manyfaces.pipeline.chain.FaceSwapSettings;
import org.manyfaces.pipeline.chain.ModelComponents;
import org.manyfaces.pipeline.chain.Stage;
import org.manyfaces.pipeline.chain.StageTimer;
import org.manyfaces.pipeline.swap.FaceSwapper;

/**
 * The Face Swap render path: reads every parameter at the render's time, resolves them into the face
 * pipeline's settings ({@link FaceSwapModels}), finds the faces of the frame (a detection on the frame, or
 * with smoothing or sparse detection the instance's {@link FaceTrackPass}) and runs
 * {@link FaceSwapPipeline}, which copies the source and rewrites only the face regions.
 *
 * <p>What the user sees when something is missing: no source face chosen yet: the frame passes through and
 * a warning says so once (a freshly applied effect is not an error); a source or reference image, a model
 * file or a face in the source image missing: the frame fails with a message naming what and where
 * (the host goes on with the next frame); a frame without faces: passes through, nothing to report.
 *
 * <p>The "Status" line shows the execution provider the detector session really runs on and why; OFX lets
 * a plug-in set parameters only while handling an instance change, so it is written in
 * {@link #paramChanged}, and posted once to the log when first known or when it changes.
 */
public final class FaceSwapRenderer implements EffectRenderer, TimedStages {
    static final String NO_SOURCE_FACE = "org.manyfaces.noSourceFace";
    static final String MASK_MODEL_MISSING = "org.manyfaces.maskModelMissing";
    static final String PROVIDER = "org.manyfaces.provider";
    static final String TRACKING_OFF_STATUS = FrameFaces.TRACKING_OFF_STATUS;
    static final String NO_MODEL_YET = EngineRows.NO_MODEL_YET;
    /**
     * Margin around the face box, as a fraction of its size, searched for swapped pixels to mark: the aligned crop
     * that is pasted back reaches well beyond the detection box (forehead, chin, cheeks), half the box on each side.
     */
    private static final double PASTE_MARGIN = 0.5;
    /** With the restore step the FFHQ crop reaches further: about a box size on each side. */
    private static final double RESTORE_MARGIN = 1.0;

    private final EffectMessages messages;
    private final Supplier<FaceSwapModels> models;
    private final Supplier<ModelComponents> components;
    private final FrameFaces frameFaces;
    private final FacesOfThisRender faces;
    private final FaceSwapPipeline pipeline;
    private final DisclosureStamp disclosure = new DisclosureStamp();
    private StageTimer timer = StageTimer.NONE;
    private FaceReport faceReport = FaceReport.NONE;
    private FaceSwapModels resolvedModels;
    private boolean warnedNoSource;
    private String status = NO_MODEL_YET;
    private Object statusKey;

    /** The renderer of an effect instance inside a host (models found through the context's catalogue). */
    public FaceSwapRenderer(EffectContext context) {
        this(context.messages(), context.sourceClip(), context.host().label(),
                () -> new FaceSwapModels(context.models()),
                ModelComponents::shared);
    }

    /**
     * @param models     resolves model files (called once, on the first render that needs it)
     * @param components the model objects (detectors, swappers, recognisers)
     */
    public FaceSwapRenderer(EffectMessages messages, SourceClip clip, Supplier<FaceSwapModels> models,
                            Supplier<ModelComponents> components) {
        this(messages, clip, "this host", models, components);
    }

    /** @param hostLabel names the host in the message that tracking is off there */
    public FaceSwapRenderer(EffectMessages messages, SourceClip clip, String hostLabel, Supplier<FaceSwapModels> models,
                            Supplier<ModelComponents> components) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.models = Objects.requireNonNull(models, "models");
        this.components = Objects.requireNonNull(components, "components");
        this.frameFaces = new FrameFaces("Face Swap", messages, clip, hostLabel);
        this.faces = new FacesOfThisRender();
        this.pipeline = new FaceSwapPipeline(faces);
    }

    @Override
    public void render(RenderRequest request, HostParams params) {
        double time = request.time();
        FaceSwapParams p = FaceSwapParams.read(params, time);
        if (p.sourceFaceFiles().isEmpty()) {
            if (!warnedNoSource) {
                warnedNoSource = true;
                messages.warning(NO_SOURCE_FACE, "Face Swap: no source face: choose a source face image on the "
                        + "Face Swap page. Frames pass through unchanged.");
            }
            PixelOps.copy(request.source(), request.output());
            return;
        }
        if (p.blend() <= 0) {
            // What isIdentity answers, for hosts that never ask it (MLT): the source, without any network.
            PixelOps.copy(request.source(), request.output());
            return;
        }
        FaceSwapSettings s = models().settings(p);
        ModelComponents c = components.get();
        noteProvider(s);
        for (String missing : models().missingStageModels(p)) {
            messages.warning(MASK_MODEL_MISSING, missing); // said once per process and text
        }
        FaceFinder detector = c.detector(s);
        request.cancel().check("before face detection");
        long t = timer.now();
        List<Face> found = frameFaces.find(request, detector, s.detectorModel(), s.provider(), p.finding(),
                frame -> params.getDouble(FaceSwapEffect.SMOOTHING, frame));
        t = timer.lap(Stage.DETECT, t);
        request.cancel().check("after face detection");
        if (found.isEmpty() && !s.showDetections()) {
            // No face: nothing to swap and no source identity needed; the frame passes through.
            PixelOps.copy(request.source(), request.output());
            timer.lap(Stage.COPY, t);
            faceReport.frame(time, 0, 0);
            return;
        }
        faces.use(c, found);
        FaceSwapPipeline.RenderReport report = pipeline.render(request.source(), request.output(), s, timer,
                () -> request.cancel().check("between faces"));
        request.cancel().check("before marking the swapped faces");
        t = timer.now();
        disclose(request, report, p, p.disclosure(), detector, s.detectorThreshold(),
                s.restore() == null ? PASTE_MARGIN : RESTORE_MARGIN);
        timer.lap(Stage.MARK, t);
        faceReport.frame(time, found.size(), report.swapped().size());
    }

    /**
     * Loads the source identity a render with these parameters uses, into the same cache the renderers of
     * this process use, so that a source picture that is missing, unreadable or shows no face is reported
     * before the first frame rather than at it (the command line checks this up front; the first frame then
     * finds the identity cached).
     *
     * @throws IllegalArgumentException naming the picture and what is wrong with it, also when none is given
     */
    public static void loadSourceFaces(FaceSwapModels models, FaceSwapParams p) {
        FaceSwapSettings s = models.settings(p);
        ModelComponents.shared().sources(s).load(s.sourceImages());
    }

    @Override
    public void timeStagesWith(StageTimer timer) {
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public void reportFacesTo(FaceReport report) {
        this.faceReport = Objects.requireNonNull(report, "report");
    }

    /**
     * Marks the swapped faces: the invisible mark goes into every swapped face's paste area (the pixels the
     * swap changed around the face box; see {@link DisclosureStamp}), the visible label onto the frame when on.
     * Which mark is the "Face mark" choice: {@link FaceMark#ROBUST} (the default) the frame-anchored region
     * mark, which survives re-encoding; {@link FaceMark#INVISIBLE} the face mark, aligned with the face's own
     * landmarks, less visible but weaker after re-encoding (docs/disclosure.md).
     *
     * <p>The face mark is aligned at the landmarks the detector finds on the swapped output, not on the source:
     * a reader only ever sees the output, and a swapped face moves the detector's landmarks by several pixels
     * (measured on the Obama portrait with Classic: up to 10 px and 4 degrees), enough to misalign the mark's
     * 3 px cells. One more detector pass per marked frame buys a mark aligned where {@code manyfaces verify}
     * will look; the region mark needs no landmarks and no such pass.
     */
    private void disclose(RenderRequest request, FaceSwapPipeline.RenderReport report, FaceSwapParams p,
                          DisclosureParams d, FaceFinder detector, float threshold, double margin) {
        if (d.watermark() && !report.swapped().isEmpty()) {
            Payload payload = FaceSwapProfile.payload(p.swapModel());
            boolean faceMark = p.faceMark() == FaceMark.INVISIBLE;
            List<Face> onOutput = faceMark ? detector.detect(request.output(), threshold) : List.of();
            for (Face f : report.swapped()) {
                // Only changed pixels inside the area are marked.
                DisclosureStamp.Area a = DisclosureStamp.Area.around(f.box(), margin);
                if (faceMark) {
                    Face aligned = nearest(onOutput, f);
                    disclosure.markFace(request.source(), request.output(), aligned.landmarks(), a.x(), a.y(),
                            a.width(), a.height(), payload);
                } else {
                    disclosure.watermarkFace(request.source(), request.output(), a, payload);
                }
            }
        }
        disclosure.label(request.output(), d);
    }

    /** The face of {@code candidates} whose box centre is within half a box of {@code f}'s, else {@code f}. */
    private static Face nearest(List<Face> candidates, Face f) {
        Face best = f;
        double bestDistance = 0.5 * Math.max(f.box().width(), f.box().height());
        double cx = f.box().x() + f.box().width() / 2;
        double cy = f.box().y() + f.box().height() / 2;
        for (Face c : candidates) {
            double d = Math.hypot(c.box().x() + c.box().width() / 2 - cx, c.box().y() + c.box().height() / 2 - cy);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private FaceSwapModels models() {
        if (resolvedModels == null) {
            resolvedModels = models.get();
        }
        return resolvedModels;
    }

    /** The Status line: where the sessions run, and that tracking is off where it is. */
    String statusLine() {
        return frameFaces.trackingOff() ? status + TRACKING_OFF_STATUS : status;
    }

    /** Finds out (once per detector model and provider choice) where the sessions really run. */
    private void noteProvider(FaceSwapSettings s) {
        Object key = List.of(s.detectorModel(), s.provider());
        if (key.equals(statusKey)) {
            return;
        }
        statusKey = key;
        String now = InferenceEngine.shared().open(s.detectorModel(), s.provider()).provider().describe();
        if (s.provider() == ProviderChoice.CPU) {
            now = "CPU (chosen in Execution provider)";
        }
        if (!now.equals(status)) {
            status = now;
            messages.log(PROVIDER, "Face Swap runs on " + now);
            if (s.provider() == ProviderChoice.CUDA && !now.startsWith("CUDA")) {
                messages.warning(PROVIDER, "Face Swap: CUDA was asked for but is not usable; running on " + now);
            }
        }
    }

    /** Blend 0 shows the original faces: nothing to do. */
    @Override
    public boolean isIdentity(HostParams params, double time) {
        return params.getDouble(FaceSwapEffect.BLEND, time) <= 0;
    }

    @Override
    public void paramChanged(String id, HostParams params, double time) {
        if (FaceSwapEffect.SOURCE_FACES.equals(id)) {
            // A new source face deserves a fresh explanation when it is cleared again.
            warnedNoSource = false;
            messages.rearm(NO_SOURCE_FACE);
        }
        if (FaceSwapEffect.MODELS_FOLDER.equals(id)) {
            resolvedModels = null;
        }
        if (!FaceSwapEffect.PROVIDER_STATUS.equals(id)) {
            // Instance-changed is where OFX allows setting a value: show the provider really in use.
            try {
                if (!params.getString(FaceSwapEffect.PROVIDER_STATUS, time).equals(statusLine())) {
                    params.setString(FaceSwapEffect.PROVIDER_STATUS, statusLine());
                }
            } catch (UnsupportedOperationException readOnly) {
                // Outside a host (tests, CLI) there is no status line to update.
            }
        }
    }

    @Override
    public void purgeCaches() {
        frameFaces.clear();
        resolvedModels = null;
    }

    /**
     * The pipeline's components with the detector replaced by the faces already found for the frame being
     * rendered (detected or tracked); source images are still detected by the real detector. One instance
     * renders one frame at a time, so one field suffices.
     */
    private static final class FacesOfThisRender implements FaceSwapComponents {
        private ModelComponents models;
        private List<Face> faces = List.of();

        void use(ModelComponents m, List<Face> f) {
            this.models = m;
            this.faces = f;
        }

        @Override
        public FaceFinder detector(FaceSwapSettings s) {
            List<Face> f = faces;
            return (frame, threshold) -> f;
        }

        @Override
        public Optional<FaceEmbedder> embedder(FaceSwapSettings s) {
            return models.embedder(s);
        }

        @Override
        public FaceSwapper swapper(FaceSwapSettings s) {
            return models.swapper(s);
        }

        @Override
        public org.manyfaces.pipeline.chain.FaceMaskers maskers(FaceSwapSettings s) {
            return models.maskers(s);
        }

        @Override
        public Optional<org.manyfaces.pipeline.restore.FaceRestorer> restorer(FaceSwapSettings s) {
            return models.restorer(s);
        }

        @Override
        public SourceIdentityCache sources(FaceSwapSettings s) {
            return models.sources(s);
        }
    }
}
