package org.manyfaces.pipeline.translate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;

/**
 * The Image Translate render: resolves the model's contract, keeps one {@link ImageTranslator} per model
 * and provider, and applies it to the whole frame or to the part a mask selects.
 *
 * <p>For {@link TranslateRegion#FACES_ONLY} each face (given, or found by the settings' detector) is aligned,
 * translated and pasted back under a feathered box mask ({@link FaceRegionTranslator}).
 *
 * <p>For {@link TranslateRegion#MASK} with TILES or NATIVE fitting at scale 1, only the mask's bounding box
 * (plus a context margin so the model sees the surroundings) is translated; RESIZE always takes the whole
 * frame because its result depends on the frame it is given.
 *
 * <p>Renders are serialised on this object: the translator's scratch buffers are reused from frame to frame.
 */
public final class ImageTranslatePipeline implements AutoCloseable {
    /** Pixels of context around a mask's bounding box, so the model does not see a hard crop edge. */
    static final int MASK_CONTEXT = 32;

    private final InferenceEngine engine;
    private final MaskShaper maskShaper = new MaskShaper();
    private Key key;
    private ImageTranslator translator;
    private OnnxTranslatorSession session;

    private final FaceRegionTranslator faceRegion = new FaceRegionTranslator();
    private DetectorKey detectorKey;
    private FaceDetector detector;
    private int lastFaceCount;

    /**
     * What the current translator was built from. The file's size and modification time are part of it, so a
     * model file replaced (or deleted) at the same path while the host runs is opened afresh on the next frame
     * instead of the old session running on (the engine's own cache is keyed the same way).
     */
    private record Key(Path model, long size, long modifiedMillis, ProviderChoice provider,
            Optional<TranslatorContract> contract) {
        static Key of(TranslateSettings s) {
            Path p = s.model().toAbsolutePath().normalize();
            long size = -1;
            long modified = -1;
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                size = a.size();
                modified = a.lastModifiedTime().toMillis();
            } catch (IOException e) {
                // Missing or unreadable: the key differs from any loaded one, and opening it reports why.
            }
            return new Key(p, size, modified, s.provider(), s.contract());
        }
    }

    private record DetectorKey(Path model, ProviderChoice provider) {
    }

    public ImageTranslatePipeline(InferenceEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The contract the settings' model runs under (manifest/caller, sidecar, or inferred), e.g. to show the
     * user what was assumed.
     */
    public synchronized TranslatorContract contract(TranslateSettings s) {
        return translatorFor(s).contract();
    }

    /** Translates the whole frame (WHOLE_FRAME region). {@code dst} is src size × the model's scale. */
    public void render(ImageView src, ImageView dst, TranslateSettings s) {
        render(src, dst, null, s);
    }

    /**
     * Translates {@code src} into {@code dst} (src size × the model's scale).
     *
     * @param mask the host's Mask clip at source size (alpha used when present), required for the MASK region
     *             and ignored otherwise
     */
    public void render(ImageView src, ImageView dst, ImageView mask, TranslateSettings s) {
        render(src, dst, mask, null, s);
    }

    /**
     * Translates {@code src} into {@code dst}; for FACES_ONLY, {@code faces} are the faces to translate (from a
     * cached detection pass), or null to detect them with the settings' face detector.
     */
    public synchronized void render(ImageView src, ImageView dst, ImageView mask, List<Face> faces,
                                    TranslateSettings s) {
        switch (s.region()) {
            case WHOLE_FRAME -> translatorFor(s).translate(src, dst, s.fit(), s.mix(), null);
            case MASK -> renderMasked(src, dst, mask, s);
            case FACES_ONLY -> renderFaces(src, dst, faces, s);
            default -> throw new IllegalStateException("unknown region " + s.region());
        }
    }

    private void renderFaces(ImageView src, ImageView dst, List<Face> faces, TranslateSettings s) {
        ImageTranslator t = translatorFor(s);
        if (dst.width() != src.width() || dst.height() != src.height()) {
            throw new IllegalArgumentException("region FACES_ONLY writes a frame of the source size " + src.width() + "x"
                    + src.height() + ", got " + dst.width() + "x" + dst.height());
        }
        List<Face> found = faces != null ? faces : detectorFor(s).detect(src, s.faceThreshold());
        lastFaceCount = found.size();
        if (src.buffer() != dst.buffer() || src.rowOffset(0) != dst.rowOffset(0)) {
            dst.copyFrom(src);
        }
        faceRegion.apply(src, dst, found, t, s);
    }

    private FaceDetector detectorFor(TranslateSettings s) {
        Path model = s.faceDetector().orElseThrow(() -> new IllegalArgumentException(
                "region FACES_ONLY needs a face detector model (YuNet, SCRFD or RetinaFace) or detected faces"));
        DetectorKey k = new DetectorKey(model.toAbsolutePath().normalize(), s.provider());
        if (!k.equals(detectorKey)) {
            detector = FaceDetectors.open(engine, k.model(), s.provider(), DetectorOptions.defaults());
            detectorKey = k;
        }
        return detector;
    }

    /** Faces translated by the last FACES_ONLY render (for messages and tests). */
    public synchronized int lastFaceCount() {
        return lastFaceCount;
    }

    private void renderMasked(ImageView src, ImageView dst, ImageView mask, TranslateSettings s) {
        if (mask == null) {
            throw new IllegalArgumentException("region MASK needs a mask image (connect the Mask input)");
        }
        if (mask.width() != src.width() || mask.height() != src.height()) {
            throw new IllegalArgumentException("mask " + mask.width() + "x" + mask.height() + " must match the source "
                    + src.width() + "x" + src.height());
        }
        ImageTranslator t = translatorFor(s);
        FloatImage shaped = maskShaper.shape(PixelGrid.maskOf(mask), s.maskPadding(), s.maskBlur());
        int[] box = MaskShaper.bounds(shaped, 0f);
        int scale = t.contract().scale();
        boolean cropToMask = scale == 1 && s.fitMode() != FitMode.RESIZE;
        if (box == null || !cropToMask) {
            // Nothing masked: the translator with mix 0 writes just the base (a copy or an upscale).
            t.translate(src, dst, s.fit(), box == null ? 0f : s.mix(), shaped);
            return;
        }
        if (src.buffer() != dst.buffer() || src.rowOffset(0) != dst.rowOffset(0)) {
            dst.copyFrom(src);
        }
        int x0 = Math.max(0, box[0] - MASK_CONTEXT);
        int y0 = Math.max(0, box[1] - MASK_CONTEXT);
        int x1 = Math.min(src.width(), box[0] + box[2] + MASK_CONTEXT);
        int y1 = Math.min(src.height(), box[1] + box[3] + MASK_CONTEXT);
        ImageView srcRoi = Views.crop(src, x0, y0, x1 - x0, y1 - y0);
        ImageView dstRoi = Views.crop(dst, x0, y0, x1 - x0, y1 - y0);
        t.translate(srcRoi, dstRoi, s.fit(), s.mix(), offset(shaped, x0, y0, x1 - x0, y1 - y0));
    }

    /** A read-only window of a one-channel float image. */
    private static PixelGrid offset(FloatImage m, int x0, int y0, int w, int h) {
        return new PixelGrid() {
            @Override
            public int width() {
                return w;
            }

            @Override
            public int height() {
                return h;
            }

            @Override
            public int channels() {
                return 1;
            }

            @Override
            public float get(int x, int y, int c) {
                return m.get(x0 + x, y0 + y, 0);
            }

            @Override
            public void set(int x, int y, int c, float v) {
                throw new UnsupportedOperationException("read-only mask window");
            }
        };
    }

    private ImageTranslator translatorFor(TranslateSettings s) {
        Key k = Key.of(s);
        if (!k.equals(key)) {
            ModelSession ms = engine.open(k.model(), s.provider());
            ModelSignature declared;
            if (s.contract().isPresent()) {
                declared = OnnxTranslatorSession.signatureOf(ms, s.contract().get().inputName(),
                        s.contract().get().outputName());
            } else {
                // A sidecar may pick the tensors of a model with several inputs or outputs.
                String[] names = ContractSidecar.find(k.model()).map(ContractSidecar::tensorNames)
                        .orElse(new String[2]);
                declared = OnnxTranslatorSession.signatureOf(ms, names[0], names[1]);
            }
            TranslatorContract c = ContractResolver.resolve(k.model(), declared, s.contract());
            OnnxTranslatorSession next = new OnnxTranslatorSession(ms, c);
            ImageTranslator t = new ImageTranslator(next, c);
            if (session != null) {
                session.close();
            }
            session = next;
            translator = t;
            key = k;
        }
        return translator;
    }

    /** Timing of the current translator (for the benchmark and diagnostics). */
    public synchronized ImageTranslator.Stats stats() {
        return translator == null ? new ImageTranslator.Stats(0, 0, 0) : translator.stats();
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
        session = null;
        translator = null;
        key = null;
        detector = null;
        detectorKey = null;
    }
}
