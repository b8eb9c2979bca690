package org.manyfaces.pipeline.chain;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.Embedding;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceFace;
import org.manyfaces.pipeline.embed.SourceIdentity;
import org.manyfaces.pipeline.paste.BoxMask;
import org.manyfaces.pipeline.paste.CropMask;
import org.manyfaces.pipeline.paste.LabColourTransfer;
import org.manyfaces.pipeline.paste.PasteBack;
import org.manyfaces.pipeline.select.FaceSelector;
import org.manyfaces.pipeline.select.SelectionMode;
import org.manyfaces.pipeline.swap.FaceSwapper;

/**
 * The face-swap render: detect → select → for each face: align → swap → (colour match) → paste.
 *
 * <p>{@code dst} starts as a copy of {@code src} (one row-wise copy) and then only the face regions
 * are written; detection and every crop read {@code src}, so faces do not influence each other.
 * Thread-safe: models and masks are shared and immutable, crops are per thread. Concurrent renders
 * into different destinations are fine.
 */
public final class FaceSwapPipeline {
    private static final int MASK_CACHE_LIMIT = 64;

    private final FaceSwapComponents components;
    private final Map<MaskKey, CropMask> masks = new ConcurrentHashMap<>();
    private final ThreadLocal<Map<Integer, FaceCrop[]>> crops = ThreadLocal.withInitial(java.util.HashMap::new);

    private record MaskKey(BoxMask box, FaceSwapper swapper) {
    }

    private record ReferenceIdentity(SourceFace face, FaceEmbedder embedder, Embedding identity) {
    }

    private volatile ReferenceIdentity lastReference;

    /** What a render did, for UIs and tests. */
    public record RenderReport(List<Face> detected, List<Face> swapped) {
    }

    public FaceSwapPipeline(FaceSwapComponents components) {
        this.components = Objects.requireNonNull(components, "components");
    }

    /** Renders without timing. */
    public RenderReport render(ImageView src, ImageView dst, FaceSwapSettings s) {
        return render(src, dst, s, StageTimer.NONE);
    }

    /** Renders, adding each stage's time to {@code timer}. */
    public RenderReport render(ImageView src, ImageView dst, FaceSwapSettings s, StageTimer timer) {
        return render(src, dst, s, timer, () -> { });
    }

    /**
     * Renders, adding each stage's time to {@code timer}, and runs {@code checkpoint} after the source identity
     * is loaded and before each face: a checkpoint that throws (the host cancelled the render) stops the
     * render there, between two stages, with the exception.
     */
    public RenderReport render(ImageView src, ImageView dst, FaceSwapSettings s, StageTimer timer, Runnable checkpoint) {
        Objects.requireNonNull(s, "settings");
        if (src.width() != dst.width() || src.height() != dst.height()) {
            throw new IllegalArgumentException("source " + src + " and destination " + dst + " differ in size");
        }
        if (s.sourceImages().isEmpty()) {
            throw new IllegalArgumentException("no source face image is set: choose at least one picture of the face to swap in");
        }
        long t = timer.now();
        if (src != dst) {
            dst.copyFrom(src);
        }
        t = timer.lap(Stage.COPY, t);

        List<Face> detected = components.detector(s).detect(src, s.detectorThreshold());
        t = timer.lap(Stage.DETECT, t);

        List<Face> chosen = List.of();
        if (!detected.isEmpty()) {
            FaceSwapper swapper = components.swapper(s);
            FaceMaskers maskers = components.maskers(s);
            SourceIdentity source = components.sources(s).load(s.sourceImages());
            t = timer.lap(Stage.SOURCE, t);
            long[] embedNanos = {0};
            chosen = select(src, detected, s, embedNanos, timer);
            timer.add(Stage.EMBED, embedNanos[0]);
            long now = timer.now();
            timer.add(Stage.SELECT, now - t - embedNanos[0]);
            t = now;
            for (Face face : chosen) {
                checkpoint.run();
                t = swapOne(src, dst, face, swapper, maskers, source, s, timer, t);
            }
        }
        if (s.showDetections()) {
            Set<Face> picked = new HashSet<>(chosen);
            for (Face f : detected) {
                DetectionOverlay.draw(dst, f, picked.contains(f) ? DetectionOverlay.GREEN : DetectionOverlay.YELLOW);
            }
            timer.lap(Stage.OVERLAY, t);
        }
        return new RenderReport(detected, chosen);
    }

    /** @param embedNanos receives the time spent recognising faces */
    private List<Face> select(ImageView src, List<Face> detected, FaceSwapSettings s, long[] embedNanos, StageTimer timer) {
        if (s.selection() != SelectionMode.REFERENCE) {
            return FaceSelector.select(detected, s.selection(), s.faceIndex(), null, s.referenceDistance(), f -> null);
        }
        if (s.referenceImage() == null) {
            throw new IllegalArgumentException("reference selection needs a reference face image");
        }
        FaceEmbedder embedder = components.embedder(s).orElseThrow(() -> new IllegalArgumentException(
                "reference selection needs a face recogniser model to compare faces; none is set"));
        long t0 = timer.now();
        Embedding reference = referenceIdentity(components.sources(s).face(s.referenceImage()), embedder);
        embedNanos[0] += timer.now() - t0;
        return FaceSelector.byReference(detected, reference, s.referenceDistance(), f -> {
            long t1 = timer.now();
            Embedding e = embedder.embed(src, f);
            embedNanos[0] += timer.now() - t1;
            return e;
        });
    }

    /**
     * The reference face's identity. The source cache of a classic swap skips recognition, so then it is
     * computed here, once per reference face and recogniser.
     */
    private Embedding referenceIdentity(SourceFace ref, FaceEmbedder embedder) {
        if (ref.embedding() != null) {
            return ref.embedding();
        }
        ReferenceIdentity last = lastReference;
        if (last != null && last.face() == ref && last.embedder() == embedder) {
            return last.identity();
        }
        Embedding e = embedder.embed(ref.image(), ref.face());
        lastReference = new ReferenceIdentity(ref, embedder, e);
        return e;
    }

    private long swapOne(ImageView src, ImageView dst, Face face, FaceSwapper swapper, FaceMaskers maskers,
                         SourceIdentity source, FaceSwapSettings s, StageTimer timer, long t) {
        FaceMaskPass maskPass = new FaceMaskPass(maskers, s.masks(), s.swapper() == SwapperKind.CLASSIC, timer);
        long[] clock = {t};
        face = maskPass.landmark(src, face, clock);
        t = clock[0];
        // The swapper may work smaller than its full size for a face that is small on screen.
        int size = swapper.cropSizeFor(face.landmarks());
        // Per thread: the working crop, and (only once colour match is used) a copy of the original.
        FaceCrop[] pair = crops.get().computeIfAbsent(size, k -> new FaceCrop[] {new FaceCrop(k), null});
        FaceCrop crop = pair[0];
        AffineWarp.warp(src, swapper.template().frameToCrop(face.landmarks(), size), crop);
        boolean colourMatch = s.colourMatch() && !swapper.matchesTargetColour();
        if (colourMatch) {
            if (pair[1] == null) {
                pair[1] = new FaceCrop(size);
            }
            pair[1].copyFrom(crop);
        }
        t = timer.lap(Stage.ALIGN, t);
        t = maskPass.beforeSwap(crop, t);

        boolean cpu = timer.cpuClock();
        long inf0 = cpu ? swapper.threadInferenceCpuNanos() : swapper.threadInferenceNanos();
        swapper.swap(crop, source);
        timer.add(Stage.SWAP_INFERENCE, (cpu ? swapper.threadInferenceCpuNanos() : swapper.threadInferenceNanos()) - inf0);
        t = timer.lap(Stage.SWAP, t);

        clock[0] = t;
        CropMask mask = maskPass.afterSwap(crop, mask(s, swapper, size), clock);
        t = clock[0];
        if (colourMatch) {
            LabColourTransfer.transfer(crop, pair[1], mask, 1f);
            t = timer.lap(Stage.COLOUR, t);
        }
        PasteBack.paste(dst, crop, mask, s.blend());
        return timer.lap(Stage.PASTE, t);
    }

    /** The box mask for these settings, narrowed by the swapper's own paste mask; computed once per combination. */
    private CropMask mask(FaceSwapSettings s, FaceSwapper swapper, int size) {
        BoxMask box = new BoxMask(size, s.maskBlur(), s.padTop(), s.padRight(), s.padBottom(), s.padLeft());
        MaskKey key = new MaskKey(box, swapper);
        CropMask m = masks.get(key);
        if (m == null) {
            if (masks.size() > MASK_CACHE_LIMIT) {
                masks.clear(); // settings being scrubbed through many values; keep memory bounded
            }
            CropMask boxMask = box.create();
            Optional<CropMask> own = swapper.pasteMask(size);
            m = own.map(boxMask::min).orElse(boxMask);
            masks.put(key, m);
        }
        return m;
    }
}
