package org.manyfaces.effect.common;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongToDoubleFunction;

import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.chain.FaceFinder;
import org.manyfaces.pipeline.track.Detection;
import org.manyfaces.pipeline.track.FrameSampler;
import org.manyfaces.pipeline.track.FrameSignature;
import org.manyfaces.pipeline.track.SmoothingCurve;
import org.manyfaces.pipeline.track.TrackAnalysis;
import org.manyfaces.pipeline.track.TrackAnalysisCache;
import org.manyfaces.pipeline.track.TrackedFace;
import org.manyfaces.pipeline.track.TrackerSettings;

/**
 * The analysis pass of one Face Swap instance: tracked, gap-filled and smoothed faces for any frame,
 * whatever order the host renders frames in and from whichever thread.
 *
 * <p>The clip's frame range is cut into fixed blocks of {@value #BLOCK} frames counted from the clip's
 * first frame. A frame's faces come from the analysis of its block, widened by {@value #MARGIN} frames on
 * both sides so that the zero-lag smoothing has context at the block edges. Every input of that analysis
 * (the source frames of the widened block, fetched through {@link SourceClip}, the detector, its
 * threshold, the smoothing curve sampled at every frame, "detect every N", the frame rate and the render
 * scale) is fixed by the frame number alone, so rendering order cannot change a result. Results are kept
 * in a {@link TrackAnalysisCache}; a block is analysed again when any of those inputs changes, and when
 * the source frame being rendered no longer matches the one analysed (the upstream clip was edited).
 */
public final class FaceTrackPass {
    static final int BLOCK = 48;
    static final int MARGIN = 12;
    private static final int CACHED_BLOCKS = 4;

    /** Raw detections kept for reuse, for all instances together: about sixteen widened blocks. */
    private static final int CACHED_DETECTIONS = 16 * (BLOCK + 2 * MARGIN);

    /**
     * The detector's raw faces per frame, keyed by everything they depend on: the frame, the detector
     * ({@link Input}: model, provider, threshold, render scale, and the instance's generation, so an upstream
     * edit that instance noticed is never served old faces), the image bounds and the frame's signature, which
     * pins the pixels. Why: neighbouring blocks overlap by their margins (a block's analysis covers
     * {@value #MARGIN} frames of each neighbour), so without this a clip rendered from start to end detected 1.5
     * times per frame; with it each frame is detected once. Why process-wide: hosts that create an instance per
     * frame (or per render request) would otherwise analyse the whole block afresh for every frame, detecting
     * some 70 frames to render one. The key holds the content, so instances over the same clip share, and
     * instances over other clips cannot meet another clip's entries. Faces are immutable, so sharing them is
     * safe, and the result is the same in any render order.
     */
    private static final Map<DetectionKey, List<Face>> DETECTIONS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<DetectionKey, List<Face>> eldest) {
            return size() > CACHED_DETECTIONS;
        }
    };
    /** Detections being computed right now, by key (guarded by {@link #DETECTIONS}), for the threads that need them too. */
    private static final Map<DetectionKey, CompletableFuture<List<Face>>> IN_FLIGHT = new HashMap<>();
    private final SourceClip clip;
    private final TrackAnalysisCache cache = new TrackAnalysisCache(CACHED_BLOCKS);
    /** What the pass saw on each frame of each cached block: image bounds and cut signature. */
    private final Map<TrackAnalysisCache.Key, Map<Long, Seen>> seen = new LinkedHashMap<>(16, 0.75f, true);
    /** Bumped when the source changed under an unchanged key, so the next analysis is a fresh one. */
    private int generation;

    /** What determines the detections, besides the frames: compared by value. */
    public record DetectorIdentity(Object model, Object provider, float threshold, double scaleX, double scaleY) {
    }

    private record Input(DetectorIdentity detector, int generation) {
    }

    private record Seen(PixelRect bounds, FrameSignature signature) {
    }

    private record DetectionKey(long frame, Input input, PixelRect bounds, FrameSignature signature) {
    }

    public FaceTrackPass(SourceClip clip) {
        this.clip = clip;
    }

    /** The first and last frame of the block holding {@code frame}, before widening. */
    static long[] block(long frame, long clipFirst) {
        long k = Math.floorDiv(frame - clipFirst, BLOCK);
        long start = clipFirst + k * BLOCK;
        return new long[] {start, start + BLOCK - 1};
    }

    /**
     * The faces on the frame of {@code request}, in the top-down pixel coordinates of its source view.
     *
     * @param strength smoothing strength at a frame (read from the keyframed parameter)
     */
    public List<Face> facesAt(RenderRequest request, FaceFinder detector, DetectorIdentity identity,
                       LongToDoubleFunction strength, int detectEvery) throws Exception {
        long frame = Math.round(request.time());
        double[] range = clip.frameRange();
        long clipFirst = Math.min(frame, (long) Math.ceil(range[0] - 1e-6));
        long clipLast = Math.max(frame, (long) Math.floor(range[1] + 1e-6));
        long[] core = block(frame, clipFirst);
        long first = Math.max(clipFirst, core[0] - MARGIN);
        long last = Math.min(clipLast, core[1] + MARGIN);
        double[] curve = new double[(int) (last - first + 1)];
        for (int i = 0; i < curve.length; i++) {
            curve[i] = strength.applyAsDouble(first + i);
        }
        TrackerSettings settings = TrackerSettings.defaults().withSmoothing(SmoothingCurve.sampled(first, curve))
                .withDetectEvery(Math.max(1, detectEvery));
        double rate = clip.frameRate() > 0 ? clip.frameRate() : 25;

        for (int attempt = 0; ; attempt++) {
            Input input = new Input(identity, generation);
            TrackAnalysisCache.Key key = new TrackAnalysisCache.Key(input, first, last, settings, rate);
            Sampler sampler = new Sampler(detector, identity.threshold(), frame, request, input);
            TrackAnalysis analysis;
            try {
                analysis = cache.get(input, first, last, settings, rate, sampler);
            } finally {
                sampler.release();
            }
            if (sampler.ran) {
                remember(key, sampler.seen);
            }
            Seen s = seen.getOrDefault(key, Map.of()).get(frame);
            if (s != null && attempt == 0 && s.bounds().equals(request.window()) && s.signature() != null
                    && FrameSignature.of(request.source()).difference(s.signature()) != 0) {
                // The frame differs from the one analysed: the upstream clip changed. Analyse again.
                generation++;
                cache.clear();
                seen.clear();
                continue;
            }
            return toView(analysis.facesAt(frame), s == null ? request.window() : s.bounds(), request.window());
        }
    }

    /**
     * Drops every analysis (purge, or a change that the key cannot see); the shared detections go too, the
     * host having asked for memory back.
     */
    public void clear() {
        generation++;
        cache.clear();
        seen.clear();
        forgetSharedDetections();
    }

    /** Empties the process-wide detections (tests that count detector calls start from nothing). */
    public static void forgetSharedDetections() {
        synchronized (DETECTIONS) {
            DETECTIONS.clear();
        }
    }

    private void remember(TrackAnalysisCache.Key key, Map<Long, Seen> frames) {
        seen.put(key, frames);
        while (seen.size() > CACHED_BLOCKS) {
            seen.remove(seen.keySet().iterator().next());
        }
    }

    /**
     * From the top-down coordinates of an image covering {@code bounds} to those of a view covering
     * {@code window}: OFX y runs up, so the top rows are {@code bounds.y2} and {@code window.y2}.
     */
    static List<Face> toView(List<TrackedFace> tracked, PixelRect bounds, PixelRect window) {
        float dx = bounds.x1() - window.x1();
        float dy = window.y2() - bounds.y2();
        List<Face> out = new ArrayList<>(tracked.size());
        for (TrackedFace t : tracked) {
            Face f = t.face();
            if (dx == 0 && dy == 0) {
                out.add(f);
                continue;
            }
            float[] lm = f.landmarks();
            for (int i = 0; i < lm.length; i += 2) {
                lm[i] += dx;
                lm[i + 1] += dy;
            }
            Box b = f.box();
            out.add(new Face(new Box(b.x() + dx, b.y() + dy, b.width(), b.height()), f.score(), lm));
        }
        return out;
    }

    /**
     * Fetches each frame once (the signature is asked first, then maybe the detections) and keeps it until
     * the next frame. Other frames the host cannot give count as frames without faces; the frame being
     * rendered is always there (the render's own source stands in when the clip refuses it).
     */
    private final class Sampler implements FrameSampler {
        private final FaceFinder detector;
        private final float threshold;
        private final long renderFrame;
        private final RenderRequest request;
        private final Input input;
        final Map<Long, Seen> seen = new HashMap<>();
        boolean ran;
        private long heldFrame = Long.MIN_VALUE;
        private Optional<SourceClip.Frame> held = Optional.empty();

        Sampler(FaceFinder detector, float threshold, long renderFrame, RenderRequest request, Input input) {
            this.input = input;
            this.detector = detector;
            this.threshold = threshold;
            this.renderFrame = renderFrame;
            this.request = request;
        }

        private Optional<SourceClip.Frame> fetch(long frame) {
            if (heldFrame != frame) {
                release();
                held = clip.frame(frame);
                if (held.isEmpty() && frame == renderFrame) {
                    held = Optional.of(new SourceClip.Frame() {
                        @Override
                        public PixelRect bounds() {
                            return request.window();
                        }

                        @Override
                        public org.manyfaces.image.ImageView view() {
                            return request.source();
                        }

                        @Override
                        public void close() {
                            // the render's own view: nothing to release
                        }
                    });
                }
                heldFrame = frame;
            }
            return held;
        }

        @Override
        public FrameSignature signature(long frame) {
            ran = true;
            Optional<SourceClip.Frame> f = fetch(frame);
            if (f.isEmpty()) {
                return null;
            }
            FrameSignature sig = FrameSignature.of(f.get().view());
            seen.put(frame, new Seen(f.get().bounds(), sig));
            return sig;
        }

        @Override
        public List<Detection> detect(long frame) {
            // The analysis of a block detects on dozens of frames: the host's cancel is polled before each one.
            // Nothing of an unfinished analysis is kept (the cache stores whole analyses; detections are per frame).
            request.cancel().check("during the tracking analysis");
            Optional<SourceClip.Frame> f = fetch(frame);
            if (f.isEmpty()) {
                return List.of();
            }
            // Reused only when the frame was seen (its signature taken) in this very analysis: the key then
            // pins the exact pixels and bounds the detections came from.
            Seen s = seen.get(frame);
            DetectionKey key = s == null || s.signature() == null ? null
                    : new DetectionKey(frame, input, s.bounds(), s.signature());
            List<Face> faces = key == null ? List.copyOf(detector.detect(f.get().view(), threshold))
                    : sharedDetections(key, f.get().view());
            List<Detection> out = new ArrayList<>(faces.size());
            for (Face face : faces) {
                out.add(new Detection(face));
            }
            return out;
        }

        /**
         * The detections of {@code key}: from the process-wide memory, from another thread that is detecting the
         * same frame right now (waited for), or detected here. Why wait rather than detect too: the CLI's frame
         * workers (and a host's render threads) render neighbouring frames of one block at the same moment, so
         * their analyses walk the same frames in step; without this each of them detected every frame (measured:
         * detection per frame 2-4x higher with two workers than with one).
         */
        private List<Face> sharedDetections(DetectionKey key, org.manyfaces.image.ImageView view) {
            CompletableFuture<List<Face>> mine = null;
            CompletableFuture<List<Face>> theirs;
            synchronized (DETECTIONS) {
                List<Face> known = DETECTIONS.get(key);
                if (known != null) {
                    return known;
                }
                theirs = IN_FLIGHT.get(key);
                if (theirs == null) {
                    mine = new CompletableFuture<>();
                    IN_FLIGHT.put(key, mine);
                }
            }
            if (theirs != null) {
                try {
                    return theirs.join();
                } catch (CompletionException | java.util.concurrent.CancellationException failedThere) {
                    // that thread's render failed or was cancelled; its failure is its own: detect here
                    return List.copyOf(detector.detect(view, threshold));
                }
            }
            try {
                List<Face> faces = List.copyOf(detector.detect(view, threshold));
                synchronized (DETECTIONS) {
                    DETECTIONS.put(key, faces);
                    IN_FLIGHT.remove(key);
                }
                mine.complete(faces);
                return faces;
            } catch (RuntimeException | Error e) {
                synchronized (DETECTIONS) {
                    IN_FLIGHT.remove(key);
                }
                mine.completeExceptionally(e);
                throw e;
            }
        }

        void release() {
            held.ifPresent(SourceClip.Frame::close);
            held = Optional.empty();
            heldFrame = Long.MIN_VALUE;
        }
    }
}
