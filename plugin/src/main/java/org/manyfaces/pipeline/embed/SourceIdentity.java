package org.manyfaces.pipeline.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.align.FaceCrop;

/**
 * The identity to swap in: one or more source faces, their averaged embedding (raw and normed averaged
 * separately, FaceFusion's {@code average_face_identity}), and lazily built aligned crops of the first
 * source face for swappers that work on pixels.
 *
 * <p>Immutable apart from the crop cache; safe to share between concurrent renders.
 */
public final class SourceIdentity {
    private final List<SourceFace> faces;
    private final Embedding embedding;
    private final Map<String, FaceCrop> crops = new ConcurrentHashMap<>();

    public SourceIdentity(List<SourceFace> faces) {
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("a source identity needs at least one source face");
        }
        this.faces = List.copyOf(faces);
        List<Embedding> es = new ArrayList<>();
        for (SourceFace f : faces) {
            if (f.embedding() != null) {
                es.add(f.embedding());
            }
        }
        if (!es.isEmpty() && es.size() != faces.size()) {
            throw new IllegalArgumentException("either every source face has an embedding or none has");
        }
        this.embedding = es.isEmpty() ? null : Embedding.average(es);
    }

    /** An identity known only by its embedding (no pixels), e.g. for tests or a stored identity. */
    public static SourceIdentity ofEmbedding(Embedding e) {
        return new SourceIdentity(e);
    }

    private SourceIdentity(Embedding e) {
        this.faces = List.of();
        this.embedding = java.util.Objects.requireNonNull(e, "embedding");
    }

    public List<SourceFace> faces() {
        return faces;
    }

    /** The averaged embedding, absent when the identity was built without a recogniser. */
    public Optional<Embedding> embedding() {
        return Optional.ofNullable(embedding);
    }

    /** The averaged embedding; throws a clear error for a swapper that needs one when none was computed. */
    public Embedding requireEmbedding(String who) {
        if (embedding == null) {
            throw new IllegalStateException(who + " needs a source face embedding, but no face recogniser model is configured");
        }
        return embedding;
    }

    /**
     * The first source face aligned to {@code template} at {@code size}, built once and cached.
     * The returned crop is shared: read it, never write it.
     */
    public FaceCrop alignedCrop(AlignTemplate template, int size) {
        if (faces.isEmpty()) {
            throw new IllegalStateException("this source identity has no source image to align (embedding only)");
        }
        return crops.computeIfAbsent(template.name() + "@" + size, k -> {
            SourceFace f = faces.get(0);
            FaceCrop c = new FaceCrop(size);
            AffineWarp.warp(f.image(), template.frameToCrop(f.face().landmarks(), size), c);
            return c;
        });
    }
}
