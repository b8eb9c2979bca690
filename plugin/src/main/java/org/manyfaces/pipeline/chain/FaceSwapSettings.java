package org.manyfaces.pipeline.chain;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.select.SelectionMode;

/**
 * Everything one face-swap render depends on. Immutable; build with {@link #builder()}.
 *
 * @param swapper            which swapper
 * @param swapperModel       the swap model file (null for {@link SwapperKind#CLASSIC})
 * @param pixelBoost         working crop size; 0 = the swapper's native size; for model swappers a
 *                           multiple of the model size up to 1024
 * @param detectorModel      the face detector model file (its kind is decided by whoever builds the detector)
 * @param detectorThreshold  minimum detection score, 0..1
 * @param recognizer         the recogniser contract
 * @param recognizerModel    the recogniser model file; needed by model swappers and reference selection
 * @param selection          which faces to swap
 * @param faceIndex          for {@link SelectionMode#INDEX}: 0-based, counted from the left
 * @param referenceImage     for {@link SelectionMode#REFERENCE}: a picture of the person to replace
 * @param referenceDistance  for {@link SelectionMode#REFERENCE}: maximum face distance (0..1; FaceFusion default 0.3)
 * @param blend              0..1 strength of the pasted face
 * @param maskBlur           0..1 box-mask blur (FaceFusion default 0.3)
 * @param padTop             box-mask padding in percent of the crop, per side
 * @param colourMatch        recolour the swapped face towards the original face (Lab mean/std)
 * @param showDetections     draw every detected box and its landmarks
 * @param provider           where models run
 * @param sourceImages       pictures of the face to swap in (embeddings are averaged)
 * @param masks              occlusion, region and mouth masks and the 68-point landmarker ({@link MaskSettings#NONE}: off)
 * @param restore            the face restoration run on each swapped face as the last step, or null (off)
 */
public record FaceSwapSettings(SwapperKind swapper, Path swapperModel, int pixelBoost,
                               Path detectorModel, float detectorThreshold,
                               RecognizerKind recognizer, Path recognizerModel,
                               SelectionMode selection, int faceIndex, Path referenceImage, float referenceDistance,
                               float blend, float maskBlur, float padTop, float padRight, float padBottom, float padLeft,
                               boolean colourMatch, boolean showDetections, ProviderChoice provider,
                               List<Path> sourceImages, MaskSettings masks,
                               RestoreSettings restore) {

    public FaceSwapSettings {
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(swapper, "swapper");
        Objects.requireNonNull(recognizer, "recognizer");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(provider, "provider");
        sourceImages = List.copyOf(sourceImages);
        check("detector threshold", detectorThreshold, 0f, 1f);
        check("blend", blend, 0f, 1f);
        check("mask blur", maskBlur, 0f, 1f);
        check("padding top", padTop, 0f, 100f);
        check("padding right", padRight, 0f, 100f);
        check("padding bottom", padBottom, 0f, 100f);
        check("padding left", padLeft, 0f, 100f);
        check("reference distance", referenceDistance, 0f, 1f);
        if (faceIndex < 0) {
            throw new IllegalArgumentException("face index must be 0 or more, got " + faceIndex);
        }
        if (pixelBoost < 0 || pixelBoost > 2048) {
            throw new IllegalArgumentException("pixel boost must be 0 (off) or a crop size up to 2048, got " + pixelBoost);
        }
    }

    private static void check(String what, float v, float lo, float hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(what + " must be in " + lo + ".." + hi + ", got " + v);
        }
    }

    /** The crop size the swapper works at. */
    public int cropSize() {
        if (pixelBoost == 0) {
            return swapper.nativeSize();
        }
        if (swapper == SwapperKind.CLASSIC) {
            return Math.max(64, pixelBoost);
        }
        int s = swapper.nativeSize();
        return Math.min(1024, Math.max(s, pixelBoost / s * s));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.swapper = swapper;
        b.swapperModel = swapperModel;
        b.pixelBoost = pixelBoost;
        b.detectorModel = detectorModel;
        b.detectorThreshold = detectorThreshold;
        b.recognizer = recognizer;
        b.recognizerModel = recognizerModel;
        b.selection = selection;
        b.faceIndex = faceIndex;
        b.referenceImage = referenceImage;
        b.referenceDistance = referenceDistance;
        b.blend = blend;
        b.maskBlur = maskBlur;
        b.padTop = padTop;
        b.padRight = padRight;
        b.padBottom = padBottom;
        b.padLeft = padLeft;
        b.colourMatch = colourMatch;
        b.showDetections = showDetections;
        b.provider = provider;
        b.sourceImages = sourceImages;
        b.masks = masks;
        b.restore = restore;
        return b;
    }

    /** Builder with FaceFusion-like defaults: classic swap, threshold 0.5, all faces, blend 1, mask blur 0.3. */
    public static final class Builder {
        private SwapperKind swapper = SwapperKind.CLASSIC;
        private Path swapperModel;
        private int pixelBoost;
        private Path detectorModel;
        private float detectorThreshold = 0.5f;
        private RecognizerKind recognizer = RecognizerKind.ARCFACE_W600K;
        private Path recognizerModel;
        private SelectionMode selection = SelectionMode.ALL;
        private int faceIndex;
        private Path referenceImage;
        private float referenceDistance = 0.3f;
        private float blend = 1f;
        private float maskBlur = 0.3f;
        private float padTop;
        private float padRight;
        private float padBottom;
        private float padLeft;
        private boolean colourMatch;
        private boolean showDetections;
        private ProviderChoice provider = ProviderChoice.AUTO;
        private List<Path> sourceImages = List.of();
        private MaskSettings masks = MaskSettings.NONE;
        private RestoreSettings restore;

        public Builder swapper(SwapperKind kind, Path model) {
            this.swapper = kind;
            this.swapperModel = model;
            return this;
        }

        public Builder pixelBoost(int cropSize) {
            this.pixelBoost = cropSize;
            return this;
        }

        public Builder detector(Path model, float threshold) {
            this.detectorModel = model;
            this.detectorThreshold = threshold;
            return this;
        }

        public Builder recognizer(RecognizerKind kind, Path model) {
            this.recognizer = kind;
            this.recognizerModel = model;
            return this;
        }

        public Builder selectAll() {
            this.selection = SelectionMode.ALL;
            return this;
        }

        public Builder selectLargest() {
            this.selection = SelectionMode.LARGEST;
            return this;
        }

        public Builder selectIndex(int index) {
            this.selection = SelectionMode.INDEX;
            this.faceIndex = index;
            return this;
        }

        public Builder selectReference(Path image, float maxDistance) {
            this.selection = SelectionMode.REFERENCE;
            this.referenceImage = image;
            this.referenceDistance = maxDistance;
            return this;
        }

        public Builder blend(float amount) {
            this.blend = amount;
            return this;
        }

        public Builder mask(float blur, float top, float right, float bottom, float left) {
            this.maskBlur = blur;
            this.padTop = top;
            this.padRight = right;
            this.padBottom = bottom;
            this.padLeft = left;
            return this;
        }

        public Builder colourMatch(boolean on) {
            this.colourMatch = on;
            return this;
        }

        public Builder showDetections(boolean on) {
            this.showDetections = on;
            return this;
        }

        public Builder provider(ProviderChoice choice) {
            this.provider = choice;
            return this;
        }

        public Builder sources(List<Path> images) {
            this.sourceImages = images;
            return this;
        }

        public Builder masks(MaskSettings settings) {
            this.masks = settings;
            return this;
        }

        /** Restores each swapped face after the swap ({@code null}: no restore). */
        public Builder restore(RestoreSettings settings) {
            this.restore = settings;
            return this;
        }

        public FaceSwapSettings build() {
            return new FaceSwapSettings(swapper, swapperModel, pixelBoost, detectorModel, detectorThreshold, recognizer,
                    recognizerModel, selection, faceIndex, referenceImage, referenceDistance, blend, maskBlur, padTop,
                    padRight, padBottom, padLeft, colourMatch, showDetections, provider, sourceImages, masks,
                    restore);
        }
    }
}
