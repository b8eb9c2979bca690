package org.manyfaces.pipeline.embed;

import java.util.Objects;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;

/**
 * One source image and the face found in it.
 *
 * @param image     the decoded source image (kept so that swappers that need pixels, such as the classic swapper, can align it)
 * @param face      the face chosen in that image (the largest)
 * @param embedding its identity, or null when no recogniser was configured
 */
public record SourceFace(ImageView image, Face face, Embedding embedding) {
    public SourceFace {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(face, "face");
    }
}
