package org.manyfaces.effect.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.manyfaces.disclosure.Payload;
import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.FaceReport;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.PixelOps;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.effect.common.DisclosureStamp;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.common.FrameFaces;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.effect.common.TimedStages;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.chain.FaceFinder;
import org.manyfaces.pipeline.chain.FaceRestoreStep;
import org.manyfaces.pipeline.chain.FaceSwapSettings;
import org.manyfaces.pipeline.chain.ModelComponents;
import org.manyfaces.pipeline.chain.RestoreSettings;
import org.manyfaces.pipeline.chain.Stage;
import org.manyfaces.pipeline.chain.StageTimer;

/**
 * The Face Restore render path: reads every parameter at the render's time, finds the faces of the frame (as
 * Face Swap does: a detection, or with smoothing or sparse detection the instance's track pass), restores each
 * with {@link FaceRestoreStep}, and marks the restored pixels.
 *
 * <p>What the user sees when something is missing: the chosen restore model not installed: the frame passes
 * through unchanged and a warning says once which file is missing and how to get it (a freshly applied effect on
 * a machine without restore models must not fail frames); a mask model not installed: that mask is off, said
 * once; no face in the frame: it passes through.
 */
public final class FaceRestoreRenderer implements EffectRenderer, TimedStages {
    static final String MODEL_MISSING = "org.manyfaces.restoreModelMissing";
    /**
     * Margin around the face box, as a fraction of its size, searched for restored pixels to mark: the FFHQ-aligned
     * crop reaches further around the face than a swap's (hair, chin, neck), about a box size on each side.
     */
    private static final double PASTE_MARGIN = 1.0;

    private final EffectMessages messages;
    private final Supplier<FaceRestoreModels> models;
    private final Supplier<ModelComponents> components;
    private final FrameFaces frameFaces;
    private final FaceRestoreStep step = new FaceRestoreStep();
    private final DisclosureStamp disclosure = new DisclosureStamp();
    private StageTimer timer = StageTimer.NONE;
    private FaceReport faceReport = FaceReport.NONE;
    private FaceRestoreModels resolvedModels;
    /** The Status line: where the restorer runs, or why nothing is restored (written in {@link #paramChanged}). */
    private String status = EngineRows.NO_MODEL_YET;
    private Object statusKey;

    /** The renderer of an effect instance inside a host (models found through the context's catalogue). */
    public FaceRestoreRenderer(EffectContext context) {
        this(context.messages(), context.sourceClip(), context.host().label(),
                () -> new FaceRestoreModels(context.models()), ModelComponents::shared);
    }

    /**
     * @param hostLabel  names the host in the message that tracking is off there
     * @param models     resolves model files (called once, on the first render that needs it)
     * @param components the model objects (detectors, restorers, masks)
     */
    public FaceRestoreRenderer(EffectMessages messages, SourceClip clip, String hostLabel,
                               Supplier<FaceRestoreModels> models, Supplier<ModelComponents> components) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.models = Objects.requireNonNull(models, "models");
        this.components = Objects.requireNonNull(components, "components");
        this.frameFaces = new FrameFaces(FaceRestoreModels.LABEL, messages, clip, hostLabel);
    }

    @Override
    public void render(RenderRequest request, HostParams params) {
        double time = request.time();
        FaceRestoreParams p = FaceRestoreParams.read(params, time);
        if (p.restore().blend() <= 0) {
            PixelOps.copy(request.source(), request.output());
            return;
        }
        FaceRestoreModels m = models();
        for (String missing : m.missing(p)) {
            messages.warning(MODEL_MISSING, missing); // said once per process and text
        }
        Optional<RestoreSettings> restore = m.settings(p);
        if (restore.isEmpty()) {
            statusKey = null;
            status = m.restoreModelNotInstalled(p).map(why -> "Not restoring: " + why)
                    .orElse("Not restoring: Restore model is Off");
            PixelOps.copy(request.source(), request.output());
            return;
        }
        RestoreSettings rs = restore.get();
        ProviderChoice provider = p.provider();
        Object key = List.of(rs.model(), provider);
        if (!key.equals(statusKey)) {
            // Once per model and provider: where its session really runs (CUDA may have fallen back to the CPU).
            statusKey = key;
            status = provider == ProviderChoice.CPU ? "CPU (chosen in Execution provider)"
                    : InferenceEngine.shared().open(rs.model(), provider).provider().describe();
        }
        ModelComponents c = components.get();
        // The detector cache is keyed by model file and provider; these settings carry just those.
        Path detectorModel = m.detectorModel(p);
        FaceFinder detector = c.detector(FaceSwapSettings.builder()
                .detector(detectorModel, (float) Math.max(0, Math.min(1, p.finding().threshold())))
                .provider(provider).build());
        request.cancel().check("before face detection");
        long t = timer.now();
        List<Face> found = frameFaces.find(request, detector, detectorModel, provider, p.finding(),
                frame -> params.getDouble(FaceFindingRows.SMOOTHING, frame));
        t = timer.lap(Stage.DETECT, t);
        request.cancel().check("after face detection");
        PixelOps.copy(request.source(), request.output());
        t = timer.lap(Stage.COPY, t);
        if (!found.isEmpty()) {
            step.restore(request.output(), found, c.restorer(rs, provider), c.maskers(rs.masks(), provider), rs,
                    timer, () -> request.cancel().check("between faces"));
            request.cancel().check("before marking the restored faces");
            t = timer.now();
            if (p.disclosure().watermark()) {
                mark(request, found, FaceRestoreProfile.payload(p.restore().model()));
            }
        }
        disclosure.label(request.output(), p.disclosure());
        timer.lap(Stage.MARK, t);
        faceReport.frame(time, found.size(), found.size());
    }

    /** The watermark goes into the pixels the restore changed around each face (see {@link DisclosureStamp}). */
    private void mark(RenderRequest request, List<Face> faces, Payload payload) {
        for (Face f : faces) {
            DisclosureStamp.Area a = DisclosureStamp.Area.around(f.box(), PASTE_MARGIN);
            disclosure.watermarkFace(request.source(), request.output(), a, payload);
        }
    }

    private FaceRestoreModels models() {
        if (resolvedModels == null) {
            resolvedModels = models.get();
        }
        return resolvedModels;
    }

    @Override
    public void timeStagesWith(StageTimer timer) {
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public void reportFacesTo(FaceReport report) {
        this.faceReport = Objects.requireNonNull(report, "report");
    }

    /** Blend 0 shows the original faces: nothing to do. */
    @Override
    public boolean isIdentity(HostParams params, double time) {
        return params.getDouble(RestoreRows.RESTORE_BLEND, time) <= 0;
    }

    @Override
    public void paramChanged(String id, HostParams params, double time) {
        if (EngineRows.MODELS_FOLDER.equals(id)) {
            resolvedModels = null;
        }
        if (RestoreRows.RESTORE_MODEL.equals(id)) {
            messages.rearm(MODEL_MISSING); // a newly chosen model deserves its own sentence
        }
        if (!EngineRows.PROVIDER_STATUS.equals(id)) {
            // Instance-changed is where OFX allows setting a value: show what the last render found.
            String line = statusLine();
            try {
                if (!params.getString(EngineRows.PROVIDER_STATUS, time).equals(line)) {
                    params.setString(EngineRows.PROVIDER_STATUS, line);
                }
            } catch (UnsupportedOperationException readOnly) {
                // Outside a host (tests, CLI) there may be no status line to update.
            }
        }
    }

    /** The Status line: where the restorer runs or why nothing is restored, and that tracking is off where it is. */
    String statusLine() {
        return frameFaces.trackingOff() ? status + FrameFaces.TRACKING_OFF_STATUS : status;
    }

    @Override
    public void purgeCaches() {
        frameFaces.clear();
        resolvedModels = null;
    }
}
