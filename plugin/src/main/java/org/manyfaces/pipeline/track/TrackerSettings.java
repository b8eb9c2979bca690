package org.manyfaces.pipeline.track;

import java.util.Objects;

/**
 * How faces are followed from frame to frame. Immutable and compared by value (part of the
 * {@link TrackAnalysisCache} key); start from {@link #defaults()}.
 *
 * @param smoothing        smoothing strength per frame (0 = raw detections, 1 = strongest)
 * @param minIou           a detection continues a track when its box overlaps the track's predicted box
 *                         by at least this intersection-over-union
 * @param maxGapFrames     a face the detector misses is carried (not dropped) for up to this many frames;
 *                         with detection every N frames the limit is rounded up to whole intervals
 * @param detectEvery      run the detector on every N-th frame (1 = every frame); frames between are carried.
 *                         A shot cut always triggers a detection on its first frame.
 * @param minEmbeddingSimilarity when both a track and a detection carry identity embeddings, they may only
 *                         be joined when their cosine similarity is at least this (stops two crossing
 *                         people from swapping tracks); with matching identities any overlap suffices
 * @param cutThreshold     mean absolute difference (0..1) of two consecutive frames' downscaled luma above
 *                         which a shot cut is declared (tracks end; nothing is dragged into the new shot);
 *                         values above 1 disable cut detection
 */
public record TrackerSettings(SmoothingCurve smoothing, float minIou, int maxGapFrames, int detectEvery,
                              float minEmbeddingSimilarity, float cutThreshold) {

    public TrackerSettings {
        Objects.requireNonNull(smoothing, "smoothing");
        if (!(minIou >= 0 && minIou <= 1)) {
            throw new IllegalArgumentException("minIou must be in 0..1, got " + minIou);
        }
        if (maxGapFrames < 0) {
            throw new IllegalArgumentException("maxGapFrames must not be negative, got " + maxGapFrames);
        }
        if (detectEvery < 1) {
            throw new IllegalArgumentException("detectEvery must be at least 1, got " + detectEvery);
        }
        if (!(cutThreshold > 0)) {
            throw new IllegalArgumentException("cutThreshold must be positive, got " + cutThreshold);
        }
    }

    /** Strength 0.5, IoU 0.3, gaps up to 5 frames, detect every frame, similarity 0.3, cut at 0.12. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(SmoothingCurve.constant(0.5), 0.3f, 5, 1, 0.3f, 0.12f);
    }

    public TrackerSettings withSmoothing(SmoothingCurve c) {
        return new TrackerSettings(c, minIou, maxGapFrames, detectEvery, minEmbeddingSimilarity, cutThreshold);
    }

    public TrackerSettings withSmoothing(double strength) {
        return withSmoothing(SmoothingCurve.constant(strength));
    }

    public TrackerSettings withMinIou(float v) {
        return new TrackerSettings(smoothing, v, maxGapFrames, detectEvery, minEmbeddingSimilarity, cutThreshold);
    }

    public TrackerSettings withMaxGapFrames(int v) {
        return new TrackerSettings(smoothing, minIou, v, detectEvery, minEmbeddingSimilarity, cutThreshold);
    }

    public TrackerSettings withDetectEvery(int v) {
        return new TrackerSettings(smoothing, minIou, maxGapFrames, v, minEmbeddingSimilarity, cutThreshold);
    }

    public TrackerSettings withMinEmbeddingSimilarity(float v) {
        return new TrackerSettings(smoothing, minIou, maxGapFrames, detectEvery, v, cutThreshold);
    }

    public TrackerSettings withCutThreshold(float v) {
        return new TrackerSettings(smoothing, minIou, maxGapFrames, detectEvery, minEmbeddingSimilarity, v);
    }

    /** The longest run of frames without an observation that a track survives. */
    public int gapLimit() {
        return maxGapFrames + detectEvery - 1;
    }
}
