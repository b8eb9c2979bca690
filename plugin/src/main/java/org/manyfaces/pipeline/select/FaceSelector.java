package org.manyfaces.pipeline.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.embed.Embedding;

/**
 * Picks the faces to swap out of a frame's detections. Pure logic over boxes and (for
 * {@link SelectionMode#REFERENCE}) identity embeddings, so it is cheap and deterministic.
 */
public final class FaceSelector {
    private FaceSelector() {
    }

    /** Faces ordered left to right by box centre (ties: top to bottom), the order {@link SelectionMode#INDEX} counts in. */
    public static List<Face> leftToRight(List<Face> faces) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble((Face f) -> f.box().centerX()).thenComparingDouble(f -> f.box().centerY()));
        return sorted;
    }

    /** All faces, left to right. */
    public static List<Face> all(List<Face> faces) {
        return leftToRight(faces);
    }

    /** The face with the largest box area, or nothing when there are no faces. */
    public static List<Face> largest(List<Face> faces) {
        return faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).map(List::of).orElse(List.of());
    }

    /** The {@code index}-th face from the left (0-based), or nothing when there are fewer faces. */
    public static List<Face> byIndex(List<Face> faces, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("face index must be 0 or more, got " + index);
        }
        List<Face> sorted = leftToRight(faces);
        return index < sorted.size() ? List.of(sorted.get(index)) : List.of();
    }

    /**
     * Faces whose identity distance ({@link Embedding#distance}, 0..1) to {@code reference} is below
     * {@code maxDistance}, nearest first.
     *
     * @param embed computes a face's identity in the current frame (called once per face)
     */
    public static List<Face> byReference(List<Face> faces, Embedding reference, float maxDistance,
                                         Function<Face, Embedding> embed) {
        Objects.requireNonNull(reference, "reference selection needs a reference face identity");
        if (!(maxDistance > 0f && maxDistance <= 1f)) {
            throw new IllegalArgumentException("reference distance must be in (0, 1], got " + maxDistance);
        }
        record Scored(Face face, float distance) {
        }
        List<Scored> hits = new ArrayList<>();
        for (Face f : faces) {
            float d = embed.apply(f).distance(reference);
            if (d < maxDistance) {
                hits.add(new Scored(f, d));
            }
        }
        hits.sort(Comparator.comparingDouble(Scored::distance));
        return hits.stream().map(Scored::face).toList();
    }

    /** Dispatches on {@code mode}; {@code reference} and {@code embed} are only used by {@link SelectionMode#REFERENCE}. */
    public static List<Face> select(List<Face> faces, SelectionMode mode, int index, Embedding reference,
                                    float maxDistance, Function<Face, Embedding> embed) {
        return switch (mode) {
            case ALL -> all(faces);
            case LARGEST -> largest(faces);
            case INDEX -> byIndex(faces, index);
            case REFERENCE -> byReference(faces, reference, maxDistance, embed);
        };
    }
}
