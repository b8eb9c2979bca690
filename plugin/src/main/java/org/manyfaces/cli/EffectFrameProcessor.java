package org.manyfaces.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.manyfaces.effect.EffectContext;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.EffectRenderer;
import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.effect.common.TimedStages;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.pipeline.chain.Stage;
import org.manyfaces.pipeline.chain.StageTimer;
import org.manyfaces.video.FrameProcessor;

/**
 * Drives an effect's own {@link EffectRenderer} (the one the OFX host runs) frame by frame, the way a host
 * does: a full-frame render window at render scale 1, every parameter read at the frame's time, and
 * {@link EffectRenderer#isIdentity} honoured (the source is copied and the render skipped).
 *
 * <p>The region of definition is honoured too: an effect whose renderer answers an output scale k &gt; 1
 * (super-resolution) gets the whole source and a render window of the source times k, as an OFX host that
 * asked the region-of-definition action would give it. A video has one size, so k is taken at the first
 * frame ({@link #outputScale}) and the output is opened at that size; a frame whose scale differs fails
 * with a sentence saying so.
 *
 * <p>An effect that declares temporal clip access gets the input as its {@link SourceClip} ({@link InputClip}),
 * as a host would give it the clip.
 *
 * <p>Renderers render one frame at a time per instance ({@code ThreadSafety.INSTANCE_SAFE}), so each
 * pipeline worker thread gets its own instance, as a host with several instances would.
 */
final class EffectFrameProcessor implements FrameProcessor, AutoCloseable {
    private final EffectDescriptor effect;
    private final EffectMessages messages;
    private final ModelCatalogue models;
    private final Supplier<InputClip> clips;
    private final HostParams params;
    private final long firstFrame;
    private final int outputScale;
    private final Map<Thread, EffectRenderer> renderers = new ConcurrentHashMap<>();
    private final List<InputClip> openedClips = new CopyOnWriteArrayList<>();
    /** One stage timer per renderer (timers are not thread-safe); empty unless stage timing is on. */
    private final Map<Thread, StageTimer> timers = new ConcurrentHashMap<>();
    private volatile boolean timeStages;
    /** Faces found in the frame each worker thread's renderer rendered last (-1: not reported). */
    private final Map<Thread, int[]> lastFound = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong framesSwapped = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean requireFaces;

    /**
     * @param models       the command's model catalogue, handed to every instance (see {@link EffectContext})
     * @param clips        makes the source clip of one effect instance (each instance decodes on its own)
     * @param firstFrame   input frame number of pipeline index 0 (the time of the first rendered frame)
     * @param outputScale  the effect's output scale for this render ({@link #outputScale}); the destination
     *                     images are the source size times this
     */
    EffectFrameProcessor(EffectDescriptor effect, EffectMessages messages, ModelCatalogue models,
                         Supplier<InputClip> clips, HostParams params, long firstFrame, int outputScale) {
        this.effect = effect;
        this.messages = messages;
        this.models = models;
        this.clips = clips;
        this.params = params;
        this.firstFrame = firstFrame;
        this.outputScale = outputScale;
    }

    /**
     * How many output pixels one source pixel becomes at {@code time}, asked of a renderer the way a host asks
     * for the region of definition. Effects that promise to keep the frame size are not asked at all.
     */
    static int outputScale(EffectDescriptor effect, EffectMessages messages, ModelCatalogue models, HostParams params,
                           double time) {
        if (effect.keepsFrameSize()) {
            return 1;
        }
        try (EffectRenderer probe = effect.rendererFactory().create(new EffectContext(messages, models))) {
            return Math.max(1, probe.outputScale(params, time));
        }
    }

    private EffectRenderer newInstance() {
        SourceClip clip = SourceClip.NONE;
        if (effect.temporalClipAccess()) {
            InputClip c = clips.get();
            openedClips.add(c);
            clip = c;
        }
        return effect.rendererFactory().create(new EffectContext(messages, models, clip));
    }

    /** From now on every renderer adds its stage times (detect, align, swap, paste, mark ...); see {@link #stageNanos}. */
    void timeStages() {
        timeStages = true;
    }

    /** From now on a frame in which the effect finds no face fails the render ({@link FrameWithoutFaceException}). */
    void requireFaces() {
        requireFaces = true;
    }

    /** Frames in which the effect swapped at least one face (Face Swap; 0 for effects that do not look for faces). */
    long framesSwapped() {
        return framesSwapped.get();
    }

    /** Stage times summed over every renderer instance (worker thread) so far; all zero unless timed. */
    Map<Stage, Long> stageNanos() {
        Map<Stage, Long> sum = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            sum.put(s, 0L);
        }
        for (StageTimer t : timers.values()) {
            t.snapshot().forEach((stage, nanos) -> sum.merge(stage, nanos, Long::sum));
        }
        return sum;
    }

    @Override
    public void process(long index, ImageView source, ImageView destination) {
        double time = firstFrame + index;
        EffectRenderer r = renderers.computeIfAbsent(Thread.currentThread(), t -> {
            EffectRenderer created = newInstance();
            if (timeStages && created instanceof TimedStages staged) {
                StageTimer timer = new StageTimer();
                timers.put(t, timer);
                staged.timeStagesWith(timer);
            }
            int[] found = lastFound.computeIfAbsent(t, k -> new int[1]);
            created.reportFacesTo((frameTime, faces, swapped) -> {
                found[0] = faces;
                if (swapped > 0) {
                    framesSwapped.incrementAndGet();
                }
            });
            return created;
        });
        int scale = Math.max(1, r.outputScale(params, time));
        if (scale != outputScale) {
            throw new IllegalStateException(effect.label() + " enlarges frame " + (long) time + " by " + scale
                    + " but the output was opened for a scale of " + outputScale + " (its first frame): a render "
                    + "has one output size, so keep the model and region the same over the frames rendered");
        }
        // A copy of the source cannot fill an enlarged frame: at a scale above 1 the effect always renders.
        if (scale == 1 && r.isIdentity(params, time)) {
            destination.copyFrom(source);
            return;
        }
        int[] found = lastFound.get(Thread.currentThread());
        found[0] = -1;
        PixelRect sourceWindow = new PixelRect(0, 0, source.width(), source.height());
        PixelRect window = new PixelRect(0, 0, source.width() * scale, source.height() * scale);
        r.render(new RenderRequest(time, 1.0, 1.0, window, source, destination, sourceWindow, null), params);
        if (requireFaces && found[0] == 0) {
            throw new FrameWithoutFaceException((long) time);
        }
    }

    /** Closes every renderer instance (models and caches are released). */
    @Override
    public void close() {
        List<EffectRenderer> all = new ArrayList<>(renderers.values());
        renderers.clear();
        for (EffectRenderer r : all) {
            r.close();
        }
        for (InputClip c : openedClips) {
            c.close();
        }
        openedClips.clear();
    }
}
