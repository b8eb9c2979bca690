package org.manyfaces.effect;

import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.common.DisclosureStamp;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapRendererTest;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.translate.ImageTranslateRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.manyfaces.disclosure.FaceMarkEvidence;
import org.manyfaces.disclosure.FaceMarkReader;
import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.VisibleLabel;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.faceswap.FaceSwapParams;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The disclosure as the effects write it: Face Swap (Classic, a real portrait and source face) embeds the
 * robust region mark {@link WatermarkDetector} reads by default, and with "Face mark" set to Invisible the face
 * mark {@link FaceMarkReader} reads on the face YuNet finds (and then not the other); Image Translate a frame
 * mark; each with its own payload and only in the pixels they changed; switched off, there is none; the
 * visible label appears in its corner and nowhere else.
 */
class DisclosureWiringTest {
    private final WatermarkDetector detector = new WatermarkDetector();

    /** The strongest face-mark reading over the faces YuNet finds, each judged alone (a still). */
    private static MarkReading faceMark(ImageView frame) {
        FaceDetector d = FaceDetectors.open(InferenceEngine.shared(), SharedFiles.model("face_detection_yunet_2023mar.onnx"),
                ProviderChoice.CPU, DetectorOptions.defaults());
        FaceMarkReader reader = new FaceMarkReader(DisclosurePayloads.known());
        MarkReading best = MarkReading.none();
        for (Face f : d.detect(frame, 0.6f)) {
            FaceMarkEvidence e = reader.newEvidence();
            reader.read(frame, f.landmarks(), e);
            MarkReading r = reader.judge(e);
            if (r.found() && r.score() > best.score()) {
                best = r;
            }
        }
        return best;
    }

    private static MapParams faceSwapParams() {
        return new MapParams(FaceSwapEffect.params())
                .set(FaceSwapEffect.SOURCE_FACES, SharedFiles.media("grace_hopper.jpg").toString());
    }

    private static ImageView render(EffectRenderer r, ImageView src, MapParams p) {
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        r.render(FaceSwapRendererTest.request(src, out, 1), p);
        return out;
    }

    @Test
    void faceSwapMarksTheSwappedFaceOnlyWithItsPayload() {
        ImageView src = FaceSwapRendererTest.portrait();
        assertFalse(detector.detect(src).found(), "the photo itself carries no region mark");
        assertTrue(faceSwapParams().getBool(DisclosureParams.WATERMARK, 0), "on by default");
        assertEquals(FaceSwapEffect.FaceMark.ROBUST, FaceSwapParams.read(faceSwapParams(), 0).faceMark(),
                "the robust region mark by default");
        ImageView marked = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src,
                faceSwapParams());
        ImageView plain = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src,
                faceSwapParams().set(DisclosureParams.WATERMARK, 0));

        MarkReading d = detector.detect(marked);
        assertTrue(d.found(), "region mark found in the swapped portrait: " + d);
        assertEquals(classicPayload(), d.payload());
        assertFalse(faceMark(marked).found(), "the default writes the region mark, not the face mark");
        assertFalse(detector.detect(plain).found(), "watermark switched off: none found");
        assertOnlySwappedPixelsChanged(src, plain, marked);
    }

    @Test
    void faceSwapWithTheInvisibleChoiceWritesTheFaceMarkInstead() {
        ImageView src = FaceSwapRendererTest.portrait();
        assertFalse(faceMark(src).found(), "the photo itself carries no face mark");
        MapParams invisible = faceSwapParams().set(FaceSwapEffect.FACE_MARK, FaceSwapEffect.FaceMark.INVISIBLE.ordinal());
        ImageView marked = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src, invisible);
        ImageView plain = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src,
                invisible.set(DisclosureParams.WATERMARK, 0));

        MarkReading d = faceMark(marked);
        assertTrue(d.found(), "face mark found in the swapped portrait: " + d);
        assertEquals(classicPayload(), d.payload());
        assertFalse(detector.detect(marked).found(), "the invisible choice writes no region mark");
        assertFalse(faceMark(plain).found(), "watermark switched off: none found");
        assertOnlySwappedPixelsChanged(src, plain, marked);
    }

    private static Payload classicPayload() {
        return new Payload(Payload.MANYFACES_MARK, FaceSwapEffect.PAYLOAD_CODE,
                Payload.shortHashOfName("manyfaces-classic-swap"));
    }

    /** Every pixel the swap left as in the source is left so by the watermark too; some face pixels differ. */
    private static void assertOnlySwappedPixelsChanged(ImageView src, ImageView plain, ImageView marked) {
        int differing = 0;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                boolean untouched = true;
                for (int c = 0; c < 4; c++) {
                    untouched &= plain.get(x, y, c) == src.get(x, y, c);
                }
                for (int c = 0; c < 4; c++) {
                    if (untouched) {
                        assertEquals(src.get(x, y, c), marked.get(x, y, c), "pixel outside the swap " + x + "," + y);
                    } else if (marked.get(x, y, c) != plain.get(x, y, c)) {
                        differing++;
                    }
                }
            }
        }
        assertTrue(differing > 1000, "the watermark changed the swapped face (" + differing + " values)");
    }

    @Test
    void theVisibleLabelAppearsInItsCornerAndNowhereElse() {
        ImageView src = FaceSwapRendererTest.portrait();
        MapParams off = faceSwapParams().set(DisclosureParams.WATERMARK, 0);
        MapParams on = faceSwapParams().set(DisclosureParams.WATERMARK, 0).set(DisclosureParams.LABEL, 1)
                .set(DisclosureParams.LABEL_CORNER, DisclosureParams.CORNERS.indexOf("Top left"))
                .set(DisclosureParams.LABEL_OPACITY, 1.0);
        ImageView without = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src, off);
        ImageView with = render(FaceSwapRendererTest.renderer(new FaceSwapRendererTest.Recorder()), src, on);
        var settings = DisclosureParams.read(on, 0).labelSettings(src.height());
        int[] size = new VisibleLabel().size(settings);
        int x1 = settings.margin() + size[0];
        int y1 = settings.margin() + size[1];
        int inside = 0;
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < src.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    boolean differs = with.get(x, y, c) != without.get(x, y, c);
                    if (x >= settings.margin() && x < x1 && y >= settings.margin() && y < y1) {
                        inside += differs ? 1 : 0;
                    } else {
                        assertFalse(differs, "label pixel outside its top-left box at " + x + "," + y);
                    }
                }
            }
        }
        assertTrue(inside > 100, "the label was drawn (" + inside + " values changed)");
    }

    @Test
    void imageTranslateMarksTheFrameWithItsPayloadUnlessSwitchedOff() {
        ImageView src = FaceSwapRendererTest.portrait();
        MapParams p = new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE)
                .set(ImageTranslateEffect.MIX, 1.0);
        MarkReading d = detector.detect(render(new ImageTranslateRenderer(new FaceSwapRendererTest.Recorder(), ModelCatalogue.forPlugin(java.util.Optional.empty())), src, p));
        assertTrue(d.found(), d.toString());
        assertEquals(new Payload(Payload.MANYFACES_MARK, ImageTranslateEffect.PAYLOAD_CODE,
                Payload.shortHashOfName("manyfaces-diagnostic-negative")), d.payload());
        ImageView off = render(new ImageTranslateRenderer(new FaceSwapRendererTest.Recorder(), ModelCatalogue.forPlugin(java.util.Optional.empty())), src,
                p.set(DisclosureParams.WATERMARK, 0));
        assertFalse(detector.detect(off).found(), "watermark switched off: none found");
    }

    @Test
    void theStampMarksOnlyPixelsThatChanged() {
        // A grey frame whose centre block was changed; the stamp may touch that block and nothing else.
        ImageView src = ImageView.allocate(96, 80, PixelFormat.RGBA_U8);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                for (int c = 0; c < 4; c++) {
                    src.set(x, y, c, c == 3 ? 1f : 0.5f);
                }
            }
        }
        ImageView out = ImageView.allocate(96, 80, PixelFormat.RGBA_U8);
        out.copyFrom(src);
        for (int y = 20; y < 60; y++) {
            for (int x = 30; x < 70; x++) {
                out.set(x, y, 0, 0.3f);
            }
        }
        ImageView before = ImageView.allocate(96, 80, PixelFormat.RGBA_U8);
        before.copyFrom(out);
        new DisclosureStamp().watermarkChanged(src, out, 0, 0, 96, 80, FaceSwapEffect.payload(FaceSwapEffect.SwapModel.CLASSIC));
        int changedInside = 0;
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                boolean inBlock = x >= 30 && x < 70 && y >= 20 && y < 60;
                for (int c = 0; c < 4; c++) {
                    if (!inBlock) {
                        assertEquals(before.get(x, y, c), out.get(x, y, c), "untouched pixel " + x + "," + y);
                    } else if (before.get(x, y, c) != out.get(x, y, c)) {
                        changedInside++;
                    }
                }
            }
        }
        assertTrue(changedInside > 0, "the changed block carries the mark");
    }
}
