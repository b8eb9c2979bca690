package org.manyfaces.pipeline.chain;

import org.manyfaces.pipeline.restore.FaceRestorer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.manyfaces.error.ErrorCode;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceIdentityCache;
import org.manyfaces.pipeline.landmark.Landmarker68;
import org.manyfaces.pipeline.mask.OcclusionMasker;
import org.manyfaces.pipeline.mask.RegionMasker;
import org.manyfaces.pipeline.swap.ClassicSwapper;
import org.manyfaces.pipeline.swap.EmbeddingSwapper;
import org.manyfaces.pipeline.swap.FaceSwapper;

/**
 * The production {@link FaceSwapComponents}: opens models through an {@link InferenceEngine} (which
 * shares sessions per file and provider) and keeps one swapper, recogniser and source cache per
 * distinct configuration. The detector comes from a factory supplied by the caller (the detector
 * family is decided where the models are described).
 */
public final class ModelComponents implements FaceSwapComponents {
    /**
     * Distinct configurations kept per kind; scrubbing a setting through many values (e.g. pixel boost)
     * must not pile up crop-sized masks and sessions' wrappers forever.
     */
    private static final int MAX_CONFIGURATIONS = 16;
    /** Source files remembered per (detector, recogniser). */
    private static final int SOURCE_CACHE_FILES = 16;

    private final InferenceEngine engine;
    private final Function<FaceSwapSettings, FaceFinder> detectors;
    private final Map<Object, FaceSwapper> swappers = new ConcurrentHashMap<>();
    private final Map<Object, FaceEmbedder> embedders = new ConcurrentHashMap<>();
    private final Map<Object, SourceIdentityCache> sourceCaches = new ConcurrentHashMap<>();
    private final Map<Object, FaceFinder> finders = new ConcurrentHashMap<>();
    private final Map<Object, Object> maskModels = new ConcurrentHashMap<>();

    private record ModelKey(Path path, ProviderChoice provider, Object contract, int size) {
    }

    private record SourceKey(FaceFinder detector, FaceEmbedder embedder, float threshold) {
    }

    private record DetectorKey(Path model, ProviderChoice provider) {
    }

    private static volatile ModelComponents shared;

    /**
     * The process's components over {@link InferenceEngine#shared()} with ONNX detectors, shared by every effect
     * renderer (Face Swap, Face Restore) so that a detector, mask model or restorer is wrapped once per process.
     */
    public static ModelComponents shared() {
        ModelComponents c = shared;
        if (c == null) {
            synchronized (ModelComponents.class) {
                c = shared;
                if (c == null) {
                    c = withOnnxDetectors(InferenceEngine.shared());
                    shared = c;
                }
            }
        }
        return c;
    }

    /**
     * Components whose detector is the ONNX face detector named by {@link FaceSwapSettings#detectorModel()}
     * (YuNet, SCRFD or RetinaFace, recognised from the model's outputs).
     */
    public static ModelComponents withOnnxDetectors(InferenceEngine engine) {
        return new ModelComponents(engine, s -> {
            if (s.detectorModel() == null) {
                throw new ManyFacesException(ErrorCode.SETTING_INVALID, "no face detector model is set");
            }
            FaceDetector d = FaceDetectors.open(engine, s.detectorModel(), s.provider(), DetectorOptions.defaults());
            return d::detect;
        });
    }

    /**
     * @param detectors builds (and should cache) the detector for a settings object
     */
    public ModelComponents(InferenceEngine engine, Function<FaceSwapSettings, FaceFinder> detectors) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.detectors = Objects.requireNonNull(detectors, "detectors");
    }

    /** One detector per (model, provider): the factory runs once per configuration, so caches keyed on it stay warm. */
    @Override
    public FaceFinder detector(FaceSwapSettings s) {
        return cached(finders, new DetectorKey(s.detectorModel(), s.provider()),
                k -> Objects.requireNonNull(detectors.apply(s), "the detector factory returned null"));
    }

    private static <K, V> V cached(Map<K, V> map, K key, java.util.function.Function<K, V> make) {
        V v = map.get(key);
        if (v != null) {
            return v;
        }
        if (map.size() >= MAX_CONFIGURATIONS) {
            map.clear();
        }
        return map.computeIfAbsent(key, make);
    }

    @Override
    public Optional<FaceEmbedder> embedder(FaceSwapSettings s) {
        if (s.recognizerModel() == null) {
            return Optional.empty();
        }
        ModelKey key = new ModelKey(s.recognizerModel(), s.provider(), s.recognizer(), 0);
        return Optional.of(cached(embedders, key,
                k -> new FaceEmbedder(engine.open(s.recognizerModel(), s.provider()), s.recognizer().contract())));
    }

    @Override
    public FaceSwapper swapper(FaceSwapSettings s) {
        int size = s.cropSize();
        if (!s.swapper().needsModel()) {
            return cached(swappers, new ModelKey(null, null, SwapperKind.CLASSIC, size),
                    k -> new ClassicSwapper(org.manyfaces.pipeline.align.AlignTemplate.ARCFACE_128, size));
        }
        if (s.swapperModel() == null) {
            throw new ManyFacesException(ErrorCode.SETTING_INVALID, s.swapper() + " needs a swap model file; none is set");
        }
        if (s.recognizerModel() == null) {
            throw new ManyFacesException(ErrorCode.SETTING_INVALID, s.swapper() + " needs a face recogniser model (ArcFace) for the source identity; none is set");
        }
        ModelKey key = new ModelKey(s.swapperModel(), s.provider(), s.swapper(), size);
        return cached(swappers, key,
                k -> new EmbeddingSwapper(engine.open(s.swapperModel(), s.provider()), s.swapper().contract(), size));
    }

    /** One occluder, parser and landmarker per (model file, provider), shared by every render that names it. */
    @Override
    public FaceMaskers maskers(FaceSwapSettings s) {
        return maskers(s.masks(), s.provider());
    }

    /** The mask and landmark models of {@code m} on {@code provider}. */
    public FaceMaskers maskers(MaskSettings m, ProviderChoice provider) {
        if (m.occluderModel() == null && !m.parses() && m.landmarkerModel() == null) {
            return FaceMaskers.NONE;
        }
        Optional<OcclusionMasker> occluder = Optional.ofNullable(m.occluderModel()).map(p -> (OcclusionMasker) cached(
                maskModels, new ModelKey(p, provider, OcclusionMasker.class, 0),
                k -> new OcclusionMasker(engine.open(p, provider))));
        Optional<RegionMasker> parser = Optional.ofNullable(m.parses() ? m.parserModel() : null).map(p -> (RegionMasker) cached(
                maskModels, new ModelKey(p, provider, RegionMasker.class, 0),
                k -> new RegionMasker(engine.open(p, provider))));
        Optional<Landmarker68> landmarker = Optional.ofNullable(m.landmarkerModel()).map(p -> (Landmarker68) cached(
                maskModels, new ModelKey(p, provider, Landmarker68.class, 0),
                k -> new Landmarker68(engine.open(p, provider))));
        return new FaceMaskers(occluder, parser, landmarker);
    }

    @Override
    public Optional<FaceRestorer> restorer(FaceSwapSettings s) {
        return Optional.ofNullable(s.restore()).map(r -> restorer(r, s.provider()));
    }

    /** One restorer per (model file, provider, template), shared by every render that names it. */
    public FaceRestorer restorer(RestoreSettings r, ProviderChoice provider) {
        return (FaceRestorer) cached(maskModels, new ModelKey(r.model(), provider, r.template(), r.size()),
                k -> new FaceRestorer(engine.open(r.model(), provider), r.template(), r.size()));
    }

    @Override
    public SourceIdentityCache sources(FaceSwapSettings s) {
        FaceFinder det = detector(s);
        // The classic swapper needs no identity vector: skip recognising source faces.
        FaceEmbedder emb = s.swapper().needsModel() ? embedder(s).orElse(null) : null;
        float threshold = s.detectorThreshold();
        return cached(sourceCaches, new SourceKey(det, emb, threshold),
                k -> new SourceIdentityCache(img -> det.detect(img, threshold), emb, SOURCE_CACHE_FILES));
    }
}
