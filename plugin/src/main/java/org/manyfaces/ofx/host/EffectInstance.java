package org.manyfaces.ofx.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.HostCapabilities;
import org.manyfaces.effect.InstanceControls;
import org.manyfaces.effect.OncePerProcess;
import org.manyfaces.effect.PixelOps;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderCancel;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.ModelCatalogue;

/**
 * The Java side of one OFX effect instance: its cached param and clip handles and its renderer.
 *
 * <p>Render calls on one instance are serialised by a lock. The effects declare instance-safe rendering,
 * so a conforming host never renders one instance from two threads; the lock keeps a host that does from
 * corrupting per-instance caches, at no cost when uncontended.
 */
final class EffectInstance {
    private final EffectDescriptor effect;
    private final InstanceParams params;
    private final Clip source;
    private final Clip output;
    /** The optional mask input; null when the effect has none or the instance lives in a context without it. */
    private final Clip mask;
    private final EffectRenderer renderer;
    /** The controls beside the effect's own (the Presets page) and this instance's handler of them. */
    private final InstanceControls controls;
    private final InstanceControls.Handler controlHandler;
    private final ReentrantLock lock = new ReentrantLock();
    /** Polls the host's abort for the render in progress (the image-effect suite's {@code abort}). */
    private final RenderCancel cancel;

    EffectInstance(HostSuites suites, EffectDescriptor effect, long handle, ModelCatalogue models,
                   InstanceControls controls, Optional<Path> bundleResources) {
        this.effect = effect;
        this.params = new InstanceParams(suites, new ParamSet(suites, handle), effect.params());
        this.source = Clip.require(suites, handle, ClipSpec.SOURCE);
        this.output = Clip.require(suites, handle, ClipSpec.OUTPUT);
        ClipSpec maskSpec = effect.clips().stream().filter(ClipSpec::mask).findFirst().orElse(null);
        this.mask = maskSpec == null ? null : Clip.find(suites, handle, maskSpec.name());
        HostMessages messages = new HostMessages(suites, handle);
        HostCapabilities host = suites.profile.capabilities();
        // Other frames only where the host says it gives them; HostSourceClip checks that word at render time.
        SourceClip clip = effect.temporalClipAccess() && host.temporalClipAccess()
                ? new HostSourceClip(source, suites.profile) : SourceClip.NONE;
        this.renderer = effect.rendererFactory().create(new EffectContext(new OncePerProcess(effect.id(), messages),
                models, clip, host));
        this.controls = controls;
        this.controlHandler = controls.attach(effect, bundleResources, models, messages);
        this.cancel = () -> suites.effects.abort(handle) != 0;
    }

    EffectDescriptor effect() {
        return effect;
    }

    /** Names of the input clips this instance has (Source, and the mask when present). */
    List<String> inputClipNames() {
        List<String> names = new ArrayList<>(List.of(ClipSpec.SOURCE));
        if (mask != null) {
            names.add(mask.name());
        }
        return names;
    }

    /** The renderer's output scale at {@code time} (1 unless the effect enlarges the frame). */
    int outputScale(double time) {
        lock.lock();
        try {
            return Math.max(1, renderer.outputScale(params, time));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The output's region of definition (canonical coordinates) when it differs from the host's default,
     * the Source's region times the renderer's output scale; null for the default.
     */
    double[] regionOfDefinition(double time) {
        int scale = outputScale(time);
        if (scale == 1) {
            return null;
        }
        double[] rod = source.regionOfDefinition(time);
        for (int i = 0; i < 4; i++) {
            rod[i] *= scale;
        }
        return rod;
    }

    /** Renders {@code window} of frame {@code time} into the output clip's image. */
    void render(double time, double scaleX, double scaleY, PixelRect window) {
        lock.lock();
        try (HostImage out = output.image(time)) {
            if (out == null) {
                throw new OfxException(OfxStatus.FAILED, "the host gave no output image at frame " + time);
            }
            PixelRect target = window.intersect(out.bounds());
            if (target.isEmpty()) {
                return;
            }
            int scale = Math.max(1, renderer.outputScale(params, time));
            try (HostImage src = source.image(time); HostImage maskImage = connectedMask(time)) {
                if (scale > 1) {
                    renderScaled(time, scaleX, scaleY, target, out, src, maskImage, scale);
                    return;
                }
                PixelRect covered = src == null ? null : target.intersect(src.bounds());
                if (covered == null || !covered.equals(target)) {
                    // Outside the source image the result is transparent black.
                    PixelOps.clear(out.view(target));
                }
                if (covered == null || covered.isEmpty()) {
                    return;
                }
                ImageView srcView = src.view(covered);
                ImageView outView = out.view(covered);
                renderer.render(new RenderRequest(time, scaleX, scaleY, covered, srcView, outView, covered,
                        maskView(maskImage, covered), cancel), params);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * An enlarging render: the whole source image the host gave is the input, the output grid is its bounds
     * times {@code scale}, and the part of the render window outside that grid is transparent black.
     */
    private void renderScaled(double time, double scaleX, double scaleY, PixelRect target, HostImage out,
                              HostImage src, HostImage maskImage, int scale) {
        PixelRect sb = src == null ? null : src.bounds();
        PixelRect grid = sb == null ? null
                : new PixelRect(sb.x1() * scale, sb.y1() * scale, sb.x2() * scale, sb.y2() * scale);
        PixelRect covered = grid == null ? null : target.intersect(grid);
        if (covered == null || !covered.equals(target)) {
            PixelOps.clear(out.view(target));
        }
        if (covered == null || covered.isEmpty()) {
            return;
        }
        renderer.render(new RenderRequest(time, scaleX, scaleY, covered, src.view(sb), out.view(covered), sb,
                maskView(maskImage, sb), cancel), params);
    }

    /** The mask image when a mask clip exists and is connected, else null (the caller closes it). */
    private HostImage connectedMask(double time) {
        return mask != null && mask.connected() ? mask.image(time) : null;
    }

    /** The mask over {@code r}, or null when there is none or it does not cover {@code r}. */
    private static ImageView maskView(HostImage maskImage, PixelRect r) {
        return maskImage == null || !maskImage.bounds().contains(r) ? null : maskImage.view(r);
    }

    boolean isIdentity(double time) {
        lock.lock();
        try {
            return renderer.isIdentity(params, time);
        } finally {
            lock.unlock();
        }
    }

    void paramChanged(String id, double time) {
        lock.lock();
        try {
            if (controls.owns(id)) {
                // Presets are effect-independent: handled by their own layer, never seen by the renderer.
                controlHandler.changed(id, params, time);
            } else {
                renderer.paramChanged(id, params, time);
            }
        } finally {
            lock.unlock();
        }
    }

    void purgeCaches() {
        lock.lock();
        try {
            renderer.purgeCaches();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            renderer.close();
        } finally {
            lock.unlock();
        }
    }
}
