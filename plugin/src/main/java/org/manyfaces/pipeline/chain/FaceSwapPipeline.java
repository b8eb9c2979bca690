package org.manyfaces.pipeline.chain;

import org.manyfaces.image.FrameParallelism;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.Affine2D;
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
import org.manyfaces.pipeline.paste.PasteRegion;
import org.manyfaces.pipeline.paste.SwapComposite;
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
    /** Per render thread: one scratch per face of a frame, per crop size (faces may be swapped in parallel). */
    private final ThreadLocal<Map<Integer, List<FaceScratch>>> scratch = ThreadLocal.withInitial(java.util.HashMap::new);

    /** One face's working memory: the crop, the crop before the swap, and the composite's planes. */
    private static final class FaceScratch {
        final FaceCrop crop;
        FaceCrop original;
        SwapComposite composite;
        /** This face's paste mask: the box mask narrowed by the mask stages. */
        CropMask mask;
        StageTimer timer = StageTimer.NONE;

        FaceScratch(int size) {
            crop = new FaceCrop(size);
        }

        FaceCrop original() {
            if (original == null) {
                original = new FaceCrop(crop.size());
            }
            return original;
        }

        SwapComposite composite() {
            if (composite == null) {
                composite = new SwapComposite(crop.size());
            }
            return composite;
        }
    }

    /** Rows per band below which splitting a composite over threads costs more than it saves. */
    private static final int MIN_BAND_ROWS = 48;
    /**
     * Samples per axis and crop pixel of the warp for swappers composited by {@link SwapComposite}: one, whatever
     * the face size. Outside the face the composite keeps only the crop's change, in which the aliasing of a large
     * face sampled once per crop pixel cancels; inside it the source replaces the target.
     */
    private static final int COMPOSITE_WARP_SAMPLES = 1;

    private record MaskKey(BoxMask box, FaceSwapper swapper) {
    }

    private record ReferenceIdentity(SourceFace face, FaceEmbedder embedder, Embedding identity) {
    }

    private volatile ReferenceIdentity lastReference;
    private final FaceRestoreStep restoreStep = new FaceRestoreStep();

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
            checkpoint.run();
            t = swapAll(src, dst, chosen, swapper, maskers, source, s, timer, checkpoint, t);
            if (s.restore() != null && !chosen.isEmpty()) {
                // FaceFusion's order: the enhancer runs on the swapped frame, at the same faces.
                checkpoint.run();
                restoreStep.restore(dst, chosen, components.restorer(s).orElseThrow(), maskers, s.restore(), timer,
                        checkpoint);
                t = timer.now();
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

    /**
     * Swaps every chosen face, then composites them into {@code dst} in order. The faces are independent until the
     * composite (each reads {@code src}, writes its own crop), so they are aligned and swapped in parallel; the
     * composites run one face after another (faces may overlap, and a fixed order keeps the result the same
     * however the work was scheduled), each split into row bands over the threads.
     */
    private long swapAll(ImageView src, ImageView dst, List<Face> faces, FaceSwapper swapper, FaceMaskers maskers,
                         SourceIdentity source, FaceSwapSettings s, StageTimer timer, Runnable checkpoint, long t) {
        int size = swapper.cropSize();
        List<FaceScratch> work = scratch(faces.size(), size);
        boolean parallel = faces.size() > 1 && FrameParallelism.threads() > 1;
        for (FaceScratch f : work) {
            f.timer = parallel ? timer.fork() : timer;
        }
        // All faces share one working size: the swapper's (cost bounded by it, not by the face on screen).
        FrameParallelism.forEach(faces.size(), i -> swapOne(src, faces.get(i), swapper, maskers, source, s, work.get(i)));
        if (parallel) {
            // Stage times are the faces' work summed (on two cores they add up to more than the wall time).
            for (int i = 0; i < faces.size(); i++) {
                timer.addAll(work.get(i).timer);
            }
        }
        t = timer.now();
        for (int i = 0; i < faces.size(); i++) {
            if (i > 0) {
                checkpoint.run();
            }
            FaceScratch f = work.get(i);
            if (f.composite != null) {
                SwapComposite c = f.composite;
                PasteRegion roi = c.region(dst.width(), dst.height());
                FrameParallelism.forRowBands(roi.y(), roi.y() + roi.height(), MIN_BAND_ROWS,
                        (from, to) -> c.compositeRows(dst, from, to));
            } else {
                PasteRegion roi = PasteBack.region(f.crop.frameToCrop(), size, dst.width(), dst.height());
                FrameParallelism.forRowBands(roi.y(), roi.y() + roi.height(), MIN_BAND_ROWS,
                        (from, to) -> PasteBack.pasteRows(dst, f.crop, f.mask, s.blend(), from, to));
            }
            t = timer.lap(Stage.PASTE, t);
        }
        return t;
    }

    /** This render thread's scratch for {@code count} faces of {@code size}. */
    private List<FaceScratch> scratch(int count, int size) {
        List<FaceScratch> list = scratch.get().computeIfAbsent(size, k -> new java.util.ArrayList<>());
        while (list.size() < count) {
            list.add(new FaceScratch(size));
        }
        return list;
    }

    /**
     * Landmarks, align, masks, swap, colour match and (for swappers with a replace region) the composite's
     * crop-space terms.
     */
    private void swapOne(ImageView src, Face face, FaceSwapper swapper, FaceMaskers maskers, SourceIdentity source,
                         FaceSwapSettings s, FaceScratch f) {
        StageTimer timer = f.timer;
        FaceMaskPass maskPass = new FaceMaskPass(maskers, s.masks(), s.swapper() == SwapperKind.CLASSIC, timer);
        long[] clock = {timer.now()};
        face = maskPass.landmark(src, face, clock);
        long t = clock[0];
        int size = f.crop.size();
        FaceCrop crop = f.crop;
        boolean colourMatch = s.colourMatch() && !swapper.matchesTargetColour();
        Optional<CropMask> replace = swapper.replaceMask(size);
        Affine2D frameToCrop = swapper.template().frameToCrop(face.landmarks(), size);
        if (replace.isPresent()) {
            // Fixed sampling: the warp's cost does not grow with the face (see SwapComposite for why it may).
            AffineWarp.warp(src, frameToCrop, crop, COMPOSITE_WARP_SAMPLES);
        } else {
            AffineWarp.warp(src, frameToCrop, crop);
        }
        if (colourMatch || replace.isPresent()) {
            f.original().copyFrom(crop);
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
        f.mask = mask;
        t = clock[0];
        if (colourMatch) {
            LabColourTransfer.transfer(crop, f.original, mask, 1f);
            t = timer.lap(Stage.COLOUR, t);
        }
        if (replace.isPresent()) {
            f.composite().prepare(crop, f.original, mask, replace.get(), s.blend());
            timer.lap(Stage.PASTE, t);
        } else {
            f.composite = null;
        }
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
