package org.manyfaces.effect.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.LongToDoubleFunction;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.chain.FaceFinder;

/**
 * The faces of the frame being rendered, for an effect that works face by face: a detection on the frame, or,
 * with smoothing or sparse detection, the instance's {@link FaceTrackPass} over the neighbouring frames.
 *
 * <p>Where the host gives no other frames of the clip, Smoothing and "Detect every N" cannot work: they are off
 * and each frame is detected on its own, said once per process and on the Status line. Why off rather than
 * smoothing over the frames this process happens to have seen: what was seen depends on the host's render
 * order and on which frames it re-renders, so such a result would change from one render of the same frame to
 * the next; detection alone gives every frame the same answer.
 */
public final class FrameFaces {
    /** Message id of the "tracking is off on this host" note. */
    public static final String TRACKING_OFF = "org.manyfaces.trackingOff";
    /** What the Status line adds where the host gives no other frames of the clip. */
    public static final String TRACKING_OFF_STATUS =
            "; tracking off: the host gives no other frames, each frame is detected alone";

    private final String effectLabel;
    private final EffectMessages messages;
    private final SourceClip clip;
    private final String hostLabel;
    private final FaceTrackPass trackPass;
    /** Set once a render wanted tracking and the clip offered no other frames. */
    private boolean trackingOff;

    /**
     * @param effectLabel names the effect in messages ("Face Swap")
     * @param hostLabel   names the host in the message that tracking is off there
     */
    public FrameFaces(String effectLabel, EffectMessages messages, SourceClip clip, String hostLabel) {
        this.effectLabel = Objects.requireNonNull(effectLabel, "effectLabel");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clip = Objects.requireNonNull(clip, "clip");
        this.hostLabel = Objects.requireNonNull(hostLabel, "hostLabel");
        this.trackPass = new FaceTrackPass(clip);
    }

    /**
     * The faces at the request's time.
     *
     * @param detector    finds faces on one frame
     * @param model       the detector's model file and {@code provider} its execution provider: with the
     *                    threshold and render scale they say when tracked faces must be found again
     * @param smoothingAt the smoothing parameter at a frame (it may be animated)
     */
    public List<Face> find(RenderRequest request, FaceFinder detector, Path model, ProviderChoice provider,
                           FaceFindingRows.Settings settings, LongToDoubleFunction smoothingAt) {
        float threshold = (float) Math.max(0, Math.min(1, settings.threshold()));
        double time = request.time();
        if (settings.temporal() && !trackingOff && !clip.offersOtherFrames(time)) {
            noteTrackingOff();
        }
        if (!settings.temporal() || trackingOff) {
            return detector.detect(request.source(), threshold);
        }
        try {
            return trackPass.facesAt(request, detector, new FaceTrackPass.DetectorIdentity(model, provider,
                    threshold, request.renderScaleX(), request.renderScaleY()), smoothingAt,
                    settings.detectEvery());
        } catch (RuntimeException e) {
            throw e; // already says what went wrong (missing model, bad image ...)
        } catch (Exception e) {
            // Only checked exceptions of the frame sampler land here; keep the cause for the log.
            throw new IllegalStateException(effectLabel + ": the tracking pass failed: " + e.getMessage(), e);
        }
    }

    /** Whether tracking turned out impossible on this host (the Status line says so). */
    public boolean trackingOff() {
        return trackingOff;
    }

    /** Forgets tracked faces (the host purges caches). */
    public void clear() {
        trackPass.clear();
    }

    private void noteTrackingOff() {
        trackingOff = true;
        messages.warning(TRACKING_OFF, effectLabel + ": " + hostLabel + " does not give this effect other frames of "
                + "the clip, so Smoothing and Detect every N are off and faces are detected on each frame alone.");
    }
}
