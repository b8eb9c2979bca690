package org.manyfaces.pipeline.chain;

import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;

/**
 * What the face-swap pipeline needs from a face detector. Shaped like
 * {@code org.manyfaces.pipeline.detect.FaceDetector#detect}, so a detector adapts with a method
 * reference ({@code detector::detect}); kept separate so the pipeline can be driven by any face source
 * (a detector, a tracker, fixed test faces). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface FaceFinder {
    /** Faces in {@code frame} scoring at least {@code threshold}, in frame pixels (top-down). */
    List<Face> detect(ImageView frame, float threshold);
}
