package org.manyfaces.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.image.ImageView;
import org.manyfaces.video.FrameProcessor;

/**
 * Drives an effect's own {@link EffectRenderer} (the one the OFX host runs) frame by frame, the way a host
 * does: a full-frame render window at render scale 1, every parameter read at the frame's time, and
 * {@link EffectRenderer#isIdentity} honoured (the source is copied and the render skipped).
 *
 * <p>Renderers render one frame at a time per instance ({@code ThreadSafety.INSTANCE_SAFE}), so each
 * pipeline worker thread gets its own instance, as a host with several instances would.
 */
final class EffectFrameProcessor implements FrameProcessor, AutoCloseable {
    private final EffectDescriptor effect;
    private final EffectContext context;
    private final HostParams params;
    private final long firstFrame;
    private final Map<Thread, EffectRenderer> renderers = new ConcurrentHashMap<>();

    /**
     * @param firstFrame input frame number of pipeline index 0 (the time of the first rendered frame)
     */
    EffectFrameProcessor(EffectDescriptor effect, EffectContext context, HostParams params, long firstFrame) {
        this.effect = effect;
        this.context = context;
        this.params = params;
        this.firstFrame = firstFrame;
    }

    @Override
    public void process(long index, ImageView source, ImageView destination) {
        double time = firstFrame + index;
        EffectRenderer r = renderers.computeIfAbsent(Thread.currentThread(),
                t -> effect.rendererFactory().create(context));
        if (r.isIdentity(params, time)) {
            destination.copyFrom(source);
            return;
        }
        PixelRect window = new PixelRect(0, 0, source.width(), source.height());
        r.render(new RenderRequest(time, 1.0, 1.0, window, source, destination), params);
    }

    /** Closes every renderer instance (models and caches are released). */
    @Override
    public void close() {
        List<EffectRenderer> all = new ArrayList<>(renderers.values());
        renderers.clear();
        for (EffectRenderer r : all) {
            r.close();
        }
    }
}
