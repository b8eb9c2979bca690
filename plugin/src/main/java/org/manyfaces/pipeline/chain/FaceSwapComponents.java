package org.manyfaces.pipeline.chain;

import org.manyfaces.pipeline.restore.FaceRestorer;

import java.util.Optional;

import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceIdentityCache;
import org.manyfaces.pipeline.swap.FaceSwapper;

/**
 * Resolves the settings of a render into the (shared, thread-safe) objects that do the work.
 * Implementations cache: the same settings must give the same objects so that models are loaded once.
 */
public interface FaceSwapComponents {
    /** The face detector for {@code s}. */
    FaceFinder detector(FaceSwapSettings s);

    /** The recogniser for {@code s}, empty when no recogniser model is set. */
    Optional<FaceEmbedder> embedder(FaceSwapSettings s);

    /** The swapper for {@code s}, working at {@link FaceSwapSettings#cropSize()}. */
    FaceSwapper swapper(FaceSwapSettings s);

    /** The mask and landmark models of {@link FaceSwapSettings#masks()}, each empty when its stage is off. */
    FaceMaskers maskers(FaceSwapSettings s);

    /** The restorer of {@link FaceSwapSettings#restore()}, empty when the restore step is off. */
    Optional<FaceRestorer> restorer(FaceSwapSettings s);

    /** The source-image cache that goes with this detector and recogniser. */
    SourceIdentityCache sources(FaceSwapSettings s);
}
