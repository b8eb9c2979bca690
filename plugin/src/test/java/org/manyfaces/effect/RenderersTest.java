package org.manyfaces.effect;

import org.manyfaces.effect.common.DisclosureParams;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapRenderer;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.translate.ImageTranslateRenderer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.ModelCatalogue;

class RenderersTest {
    private static final class Recorder implements EffectMessages {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void warning(String id, String text) {
            warnings.add(text);
        }

        @Override
        public void error(String id, String text) {
        }

        @Override
        public void log(String id, String text) {
        }
    }

    private static ImageView gradient(PixelFormat f, int w, int h) {
        ImageView v = ImageView.allocate(w, h, f);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < f.channels(); c++) {
                    v.set(x, y, c, ((x * 7 + y * 13 + c * 29) % 256) / 255f);
                }
            }
        }
        return v;
    }

    private static RenderRequest request(ImageView src, ImageView out) {
        return new RenderRequest(3, 1, 1, new PixelRect(0, 0, src.width(), src.height()), src, out);
    }

    @Test
    void diagnosticNegativeFollowsMixAt8BitAndFloat() {
        for (PixelFormat f : new PixelFormat[] {PixelFormat.RGBA_U8, PixelFormat.RGBA_F32, PixelFormat.RGB_U8}) {
            for (double mix : new double[] {0, 0.25, 0.5, 1}) {
                ImageView src = gradient(f, 17, 4);
                ImageView out = ImageView.allocate(17, 4, f);
                MapParams p = new MapParams(ImageTranslateEffect.params())
                        .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE)
                        .set(ImageTranslateEffect.MIX, mix)
                        // The closed form is checked exactly: without the watermark's own pattern.
                        .set(DisclosureParams.WATERMARK, 0);
                new ImageTranslateRenderer(new Recorder(), ModelCatalogue.forPlugin(java.util.Optional.empty())).render(request(src, out), p);
                double tol = f.isFloat() ? 1e-6 : 0.5 / 255 + 1e-6;
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 17; x++) {
                        for (int c = 0; c < f.channels(); c++) {
                            double s = src.get(x, y, c);
                            double expected = c == 3 ? s : (1 - mix) * s + mix * (1 - s);
                            assertEquals(expected, out.get(x, y, c), tol, f + " mix " + mix + " at " + x + "," + y + "," + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void diagnosticSaysOnceThatItIgnoresTheRegion() {
        Recorder r = new Recorder();
        ImageTranslateRenderer t = new ImageTranslateRenderer(r, ModelCatalogue.forPlugin(java.util.Optional.empty()));
        ImageView src = gradient(PixelFormat.RGBA_U8, 4, 4);
        ImageView out = ImageView.allocate(4, 4, PixelFormat.RGBA_U8);
        MapParams p = new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE)
                .set(ImageTranslateEffect.REGION, 1);
        t.render(request(src, out), p);
        t.render(request(src, out), p);
        assertEquals(1, r.warnings.size());
        assertTrue(r.warnings.get(0).contains("Faces only") && r.warnings.get(0).contains("whole frame"),
                r.warnings.get(0));
    }

    @Test
    void zeroBlendOrMixIsAnIdentity() {
        MapParams fs = new MapParams(FaceSwapEffect.params());
        FaceSwapRenderer f = new FaceSwapRenderer(new Recorder(), SourceClip.NONE, () -> {
            throw new AssertionError("an identity check must not look for models");
        }, () -> {
            throw new AssertionError("an identity check must not load models");
        });
        assertTrue(!f.isIdentity(fs, 0));
        assertTrue(f.isIdentity(fs.set(FaceSwapEffect.BLEND, 0.0), 0));
        MapParams it = new MapParams(ImageTranslateEffect.params());
        ImageTranslateRenderer t = new ImageTranslateRenderer(new Recorder(), ModelCatalogue.forPlugin(java.util.Optional.empty()));
        assertTrue(!t.isIdentity(it.set(ImageTranslateEffect.MIX, 0.01), 0));
        assertTrue(t.isIdentity(it.set(ImageTranslateEffect.MIX, 0.0), 0));
    }

    @Test
    void clearZeroesOnlyTheView() {
        ImageView whole = gradient(PixelFormat.RGBA_F32, 6, 6);
        ImageView inner = new ImageView(whole.buffer(), 2, 2, whole.format(), whole.pixelOffset(1, 1), whole.rowStride());
        PixelOps.clear(inner);
        assertEquals(0f, whole.get(1, 1, 0));
        assertEquals(0f, whole.get(2, 2, 3));
        assertEquals(((0 * 7 + 0 * 13 + 0) % 256) / 255f, whole.get(0, 0, 0));
        assertTrue(whole.get(3, 3, 1) > 0);
    }

    @Test
    void unusedSpecTypesStayOutOfSettings() {
        // Settings records read only valued params; a push button must never be read as a value.
        assertTrue(FaceSwapEffect.params().rows().stream()
                .noneMatch(s -> s.type() == ParamType.PUSH_BUTTON && s.type().hasValue()));
        ParamSpec b = ParamSpec.of("go", ParamType.PUSH_BUTTON, "Go", "Presses.").build();
        assertTrue(!b.type().hasValue());
    }
}
