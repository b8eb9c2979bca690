package org.manyfaces.effect.translate;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.MapParams;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.ElementType;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.inference.ModelFileException;
import org.manyfaces.pipeline.translate.FitMode;
import org.manyfaces.pipeline.translate.TranslateRegion;
import org.manyfaces.pipeline.translate.TranslateSettings;
import org.manyfaces.testsupport.OnnxModelBuilder;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The Image Translate renderer's mapping of parameters onto the pipeline, and its super-resolution paths:
 * whole output window, partial window (host tiles), and the refusal of an output of the wrong size.
 */
class ImageTranslateRendererTest {
    private final List<String> logs = new ArrayList<>();
    private final EffectMessages messages = new EffectMessages() {
        @Override
        public void warning(String id, String text) {
            logs.add(text);
        }

        @Override
        public void error(String id, String text) {
            logs.add(text);
        }

        @Override
        public void log(String id, String text) {
            logs.add(text);
        }
    };
    private ImageTranslateRenderer renderer;

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        if (renderer != null) {
            renderer.close();
        }
    }

    private static ImageView gradient(int w, int h) {
        ImageView v = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v.set(x, y, 0, ((x * 23 + y * 5) % 256) / 255f);
                v.set(x, y, 1, ((x * 3 + y * 17) % 256) / 255f);
                v.set(x, y, 2, ((x * 11 + y * 7 + 60) % 256) / 255f);
                v.set(x, y, 3, 1f);
            }
        }
        return v;
    }

    private ImageTranslateRenderer espcnRenderer() {
        Path models = SharedFiles.model("superres_espcn_x3_y.onnx").getParent();
        renderer = new ImageTranslateRenderer(messages, ModelCatalogue.packed(List.of(models)));
        return renderer;
    }

    private static MapParams espcnParams() {
        return new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_FIRST_MANIFEST)
                .set(ImageTranslateEffect.FITTING, 2);
    }

    @Test
    void parametersMapOntoPipelineSettingsScaledByTheRenderScale() {
        renderer = new ImageTranslateRenderer(messages, ModelCatalogue.packed(List.of(dir)));
        MapParams p = new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_FROM_FILE)
                .set(ImageTranslateEffect.MODEL_FILE, "/models/style.onnx")
                .set(ImageTranslateEffect.FITTING, 1)
                .set(ImageTranslateEffect.TILE_SIZE, 400)
                .set(ImageTranslateEffect.TILE_OVERLAP, 40)
                .set(ImageTranslateEffect.REGION, 2)
                .set(ImageTranslateEffect.MASK_BLUR, 0.5)
                .set(ImageTranslateEffect.MASK_PADDING, -10.0)
                .set(ImageTranslateEffect.EXECUTION_PROVIDER, 2);
        TranslateSettings s = renderer.settings(ImageTranslateParams.read(p, 0), 0.75f, 0.5);
        assertEquals(Path.of("/models/style.onnx"), s.model());
        assertEquals(FitMode.TILES, s.fitMode());
        assertEquals(200, s.tileSize(), "tile size at half resolution");
        assertEquals(20, s.overlap());
        assertEquals(TranslateRegion.MASK, s.region());
        assertEquals(25, s.maskBlur(), "0.5 x 100 px x render scale 0.5");
        assertEquals(-5, s.maskPadding());
        assertEquals(0.75f, s.mix());
        assertEquals("CPU", s.provider().name());
        assertTrue(s.contract().isEmpty(), "a model file has no manifest contract");
    }

    @Test
    void aMissingManifestModelNamesTheFoldersSearched() {
        renderer = new ImageTranslateRenderer(messages, ModelCatalogue.packed(List.of(dir)));
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> renderer.settings(ImageTranslateParams.read(espcnParams(), 0), 1f, 1));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("superres_espcn_x3_y.onnx"),
                e.getMessage());
    }

    @Test
    void superResolutionReportsItsScaleAndFillsAPartialWindowLikeTheWholeFrame() {
        ImageTranslateRenderer r = espcnRenderer();
        MapParams p = espcnParams();
        assertEquals(3, r.outputScale(p, 0));
        assertEquals(1, r.outputScale(new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE), 0));
        ImageView src = gradient(20, 16);
        PixelRect sw = new PixelRect(0, 0, 20, 16);
        ImageView whole = ImageView.allocate(60, 48, PixelFormat.RGBA_U8);
        r.render(new RenderRequest(0, 1, 1, new PixelRect(0, 0, 60, 48), src, whole, sw, null), p);
        // The top-right quarter as a host that tiles would ask for it (OFX y up: y 24..48 is the top half).
        PixelRect window = new PixelRect(30, 24, 60, 48);
        ImageView part = ImageView.allocate(30, 24, PixelFormat.RGBA_U8);
        r.render(new RenderRequest(0, 1, 1, window, src, part, sw, null), p);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 30; x++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(whole.get(30 + x, y, c), part.get(x, y, c), "pixel " + x + "," + y);
                }
            }
        }
        assertTrue(logs.stream().anyMatch(l -> l.contains("scale 3")), logs.toString());
    }

    @Test
    void anOutputOfTheSourceSizeIsRefusedForAnUpscalingModel() {
        ImageTranslateRenderer r = espcnRenderer();
        ImageView src = gradient(20, 16);
        ImageView out = ImageView.allocate(20, 16, PixelFormat.RGBA_U8);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> r.render(new RenderRequest(0, 1, 1, new PixelRect(0, 0, 20, 16), src, out), espcnParams()));
        assertTrue(e.getMessage().contains("upscales by 3"), e.getMessage());
    }

    @Test
    void statusLineSaysWhatRunsWhereOrWhyNot() {
        ImageTranslateRenderer r = espcnRenderer();
        String ok = r.status(espcnParams(), 0);
        assertTrue(ok.startsWith("superres_espcn_x3_y") && ok.contains("scale 3") && ok.contains("contract from manifest"),
                ok);
        Path rank3 = new OnnxModelBuilder().opset(13)
                .input("image", ElementType.FLOAT, 3, "h", "w")
                .output("styled", ElementType.FLOAT, 3, "h", "w")
                .node(OnnxModelBuilder.op("Identity").in("image").out("styled"))
                .write(dir.resolve("rank3.onnx"));
        String bad = r.status(new MapParams(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, ImageTranslateEffect.MODEL_FROM_FILE)
                .set(ImageTranslateEffect.MODEL_FILE, rank3.toString()), 0);
        assertTrue(bad.startsWith("Cannot use rank3.onnx") && bad.contains("rank 3"), bad);
        assertEquals("No model loaded yet.", r.status(new MapParams(ImageTranslateEffect.params()), 0));
    }
}
