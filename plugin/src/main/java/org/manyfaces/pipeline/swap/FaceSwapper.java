package org.manyfaces.pipeline.swap;

import java.util.Optional;

import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.SourceIdentity;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * Replaces the identity of a face in an aligned crop. The pipeline warps the target face with
 * {@link #template()} at {@link #cropSize()}, calls {@link #swap}, then pastes the crop back.
 *
 * <p>Implementations hold only immutable state (models, constants) and must allow concurrent calls.
 */
public interface FaceSwapper {
    /** The alignment the swapper expects its target crop in. */
    AlignTemplate template();

    /** The crop size the pipeline must warp to (the model size, or larger with pixel boost). */
    int cropSize();

    /**
     * The crop size to warp this face to, given its frame landmarks. Model swappers need their fixed
     * {@link #cropSize()} (the default); a swapper that works at any size may pick a smaller one for a face
     * that is small on screen. The result is never larger than {@link #cropSize()}.
     */
    default int cropSizeFor(float[] landmarks) {
        return cropSize();
    }

    /** Swaps {@code source}'s identity into {@code target} in place (planar RGB 0..1). */
    void swap(FaceCrop target, SourceIdentity source);

    /**
     * An extra mask, in this swapper's crop space, that limits what may be pasted back (combined with
     * the box mask by minimum); empty when the whole crop is valid.
     */
    default Optional<CropMask> pasteMask() {
        return Optional.empty();
    }

    /** {@link #pasteMask()} for a crop of {@code size} (a size {@link #cropSizeFor} returned). */
    default Optional<CropMask> pasteMask(int size) {
        if (size != cropSize()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " works at " + cropSize() + " px only, not " + size);
        }
        return pasteMask();
    }

    /**
     * Where, in a crop of {@code size}, the swapped crop stands for the face and replaces the frame pixels
     * (1) rather than adding its change to them (0); see {@link org.manyfaces.pipeline.paste.SwapComposite}.
     * Empty (the default): the crop replaces the frame wherever it is pasted, as model swappers need, whose
     * output is a new picture of the whole crop.
     */
    default Optional<CropMask> replaceMask(int size) {
        return Optional.empty();
    }

    /**
     * Nanoseconds the calling thread has spent inside model runs of this swapper so far (monotonic;
     * take differences). Lets benchmarks split swap time into inference and everything around it.
     */
    /**
     * True when the swapped crop already has the original face's colours (mean and spread in Lab), as the
     * classic swap's own recolouring gives it: the pipeline then skips its colour-match pass, which would
     * measure and re-apply almost the same statistics (a whole-crop Lab round trip per face).
     */
    default boolean matchesTargetColour() {
        return false;
    }

    default long threadInferenceNanos() {
        return 0L;
    }

    /**
     * As {@link #threadInferenceNanos()}, in the calling thread's CPU time: what a benchmark on a CPU clock
     * subtracts (with one inference thread the model runs on the calling thread, so this is its whole cost).
     */
    default long threadInferenceCpuNanos() {
        return 0L;
    }
}
