package org.manyfaces.pipeline.detect;

import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;

/**
 * Finds faces, with their 5 landmarks, in a frame. Results are in the frame's pixel coordinates
 * (top-down), sorted by descending score, after non-maximum suppression.
 *
 * <p>Implementations keep reusable buffers, so one instance serves one render at a time
 * ({@code detect} is synchronized); the underlying model session is shared between instances.
 */
public interface FaceDetector {

    /**
     * @param frame          any {@link org.manyfaces.image.PixelFormat}, any row order
     * @param scoreThreshold faces scoring below this are dropped; the usable range depends on the model
     *                       (YuNet 0.9, RetinaFace 0.9, SCRFD 0.5 are typical)
     */
    List<Face> detect(ImageView frame, float scoreThreshold);

    /** Human-readable model name for messages and logs. */
    String name();
}
