package org.manyfaces.ofx.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.PixelOps;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.image.ImageView;
import org.manyfaces.preset.ModelCatalog;
import org.manyfaces.preset.PresetActions;
import org.manyfaces.preset.PresetLibrary;

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
    private final EffectRenderer renderer;
    private final PresetActions presets;
    private final ReentrantLock lock = new ReentrantLock();

    EffectInstance(HostSuites suites, EffectDescriptor effect, long handle, Optional<Path> resourcesDir,
                   List<PresetLibrary.Entry> offeredPresets) {
        this.effect = effect;
        this.params = new InstanceParams(suites, new ParamSet(suites, handle), effect.params());
        this.source = new Clip(suites, handle, ClipSpec.SOURCE);
        this.output = new Clip(suites, handle, ClipSpec.OUTPUT);
        HostMessages messages = new HostMessages(suites, handle);
        this.renderer = effect.rendererFactory().create(new EffectContext(messages, resourcesDir,
                effect.temporalClipAccess() ? new HostSourceClip(source) : org.manyfaces.effect.SourceClip.NONE));
        this.presets = new PresetActions(effect.id(), effect.params(), offeredPresets,
                ModelCatalog.standard(resourcesDir), messages);
    }

    EffectDescriptor effect() {
        return effect;
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
            try (HostImage src = source.image(time)) {
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
                renderer.render(new RenderRequest(time, scaleX, scaleY, covered, srcView, outView), params);
            }
        } finally {
            lock.unlock();
        }
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
            if (PresetControls.isPresetControl(id)) {
                // Presets are effect-independent: handled here, never seen by the renderer.
                presets.changed(id, params, time);
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
