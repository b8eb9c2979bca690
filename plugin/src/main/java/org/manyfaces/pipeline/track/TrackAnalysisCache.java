package org.manyfaces.pipeline.track;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Keeps the most recently used {@link TrackAnalysis} results, keyed by what determines them: the input's
 * identity (e.g. clip id + source file + its modification time, as the caller defines it), the frame
 * range, the tracker settings (smoothing curve included) and the frame rate.
 *
 * <p>Render threads ask for the same key concurrently; exactly one of them runs the analysis pass while
 * the others wait for its result. A failed pass is not cached (the next request tries again). When more
 * than {@code capacity} results are held the least recently used is dropped.
 */
public final class TrackAnalysisCache {
    /** What a cached analysis depends on. */
    public record Key(Object input, long first, long last, TrackerSettings settings, double frameRate) {
        public Key {
            Objects.requireNonNull(input, "input identity");
            Objects.requireNonNull(settings, "settings");
        }
    }

    private final int capacity;
    private final LinkedHashMap<Key, FutureTask<TrackAnalysis>> entries = new LinkedHashMap<>(16, 0.75f, true);

    public TrackAnalysisCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The analysis for this key, computing it with {@code sampler} if it is not cached.
     *
     * @throws Exception what the sampler threw during the pass (also to threads that waited for it)
     */
    public TrackAnalysis get(Object input, long first, long last, TrackerSettings settings, double frameRate,
                             FrameSampler sampler) throws Exception {
        Key key = new Key(input, first, last, settings, frameRate);
        FutureTask<TrackAnalysis> task;
        boolean mine = false;
        synchronized (entries) {
            task = entries.get(key);
            if (task == null) {
                task = new FutureTask<>(() -> TrackAnalysis.analyse(sampler, first, last, settings, frameRate));
                entries.put(key, task);
                mine = true;
                evict();
            }
        }
        if (mine) {
            task.run(); // outside the lock: other keys stay available while this pass runs
        }
        try {
            return task.get();
        } catch (ExecutionException | CancellationException e) {
            synchronized (entries) {
                entries.remove(key, task);
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** Results held now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Drops everything (e.g. when the input changed under the same identity). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private void evict() {
        Iterator<Map.Entry<Key, FutureTask<TrackAnalysis>>> it = entries.entrySet().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
