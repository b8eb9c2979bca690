package org.manyfaces.pipeline.translate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.translate.ImageTranslator.Fit;

/**
 * Everything one Image Translate render needs to know, as the effect reads it from its parameters at a
 * given time. Immutable; equal settings give equal renders.
 *
 * @param model       the ONNX generator
 * @param contract    the manifest's (or the caller's) contract for the model; empty to use a sidecar or inference
 * @param fitMode     how the frame is fitted to the model
 * @param tileSize    tile size for TILES and working size (longer side) for RESIZE on dynamic models
 * @param overlap     tile overlap in input pixels
 * @param feather     seam weight shape
 * @param region      where the effect applies
 * @param mix         0 keeps the source, 1 is the model's answer
 * @param maskPadding pixels by which the mask grows (negative shrinks)
 * @param maskBlur    softness of the mask edge in pixels
 * @param provider    CUDA/CPU choice for the session
 * @param faceDetector detector model for FACES_ONLY (YuNet, SCRFD or RetinaFace); empty when faces are
 *                     given to the render call instead
 * @param faceThreshold detector score threshold for FACES_ONLY
 */
public record TranslateSettings(Path model, Optional<TranslatorContract> contract, FitMode fitMode, int tileSize,
                                int overlap, Feather feather, TranslateRegion region, float mix, int maskPadding,
                                int maskBlur, ProviderChoice provider, Optional<Path> faceDetector,
                                float faceThreshold) {

    public TranslateSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(fitMode, "fitMode");
        Objects.requireNonNull(feather, "feather");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(faceDetector, "faceDetector");
        if (!(faceThreshold >= 0f && faceThreshold <= 1f)) {
            throw new IllegalArgumentException("face threshold " + faceThreshold + " must be within 0..1");
        }
        if (!(mix >= 0f && mix <= 1f)) {
            throw new IllegalArgumentException("mix " + mix + " must be within 0..1");
        }
        if (tileSize < 8 || tileSize > 8192) {
            throw new IllegalArgumentException("tile size " + tileSize + " must be within 8..8192");
        }
        if (overlap < 0 || overlap >= tileSize) {
            throw new IllegalArgumentException("tile overlap " + overlap + " must be within 0.." + (tileSize - 1));
        }
        if (Math.abs(maskPadding) > 2048) {
            throw new IllegalArgumentException("mask padding " + maskPadding + " must be within -2048..2048");
        }
        if (maskBlur < 0 || maskBlur > 2048) {
            throw new IllegalArgumentException("mask blur " + maskBlur + " must be within 0..2048");
        }
    }

    /** Default YuNet threshold (OpenCV's). */
    public static final float DEFAULT_FACE_THRESHOLD = 0.9f;

    /** Whole frame, resized to the model, full mix, automatic provider. */
    public static TranslateSettings of(Path model) {
        return new TranslateSettings(model, Optional.empty(), FitMode.RESIZE, Fit.DEFAULT_TILE, Fit.DEFAULT_OVERLAP,
                Feather.COSINE, TranslateRegion.WHOLE_FRAME, 1f, 0, 0, ProviderChoice.AUTO, Optional.empty(),
                DEFAULT_FACE_THRESHOLD);
    }

    public TranslateSettings withContract(TranslatorContract c) {
        return new TranslateSettings(model, Optional.of(c), fitMode, tileSize, overlap, feather, region, mix, maskPadding,
                maskBlur, provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withFit(FitMode mode, int tile, int tileOverlap) {
        return new TranslateSettings(model, contract, mode, tile, tileOverlap, feather, region, mix, maskPadding,
                maskBlur, provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withFeather(Feather f) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, f, region, mix, maskPadding,
                maskBlur, provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withRegion(TranslateRegion r) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, feather, r, mix, maskPadding, maskBlur,
                provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withMix(float m) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, feather, region, m, maskPadding,
                maskBlur, provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withMask(int padding, int blur) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, feather, region, mix, padding, blur,
                provider, faceDetector, faceThreshold);
    }

    public TranslateSettings withProvider(ProviderChoice p) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, feather, region, mix, maskPadding,
                maskBlur, p, faceDetector, faceThreshold);
    }

    public TranslateSettings withFaceDetector(Path detector, float threshold) {
        return new TranslateSettings(model, contract, fitMode, tileSize, overlap, feather, region, mix, maskPadding,
                maskBlur, provider, Optional.of(detector), threshold);
    }

    /** The fitting part, as the translator takes it. */
    public Fit fit() {
        return new Fit(fitMode, tileSize, overlap, feather);
    }
}
