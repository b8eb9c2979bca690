package org.manyfaces.effect.faceswap;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.MapParams;
import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.RenderCancelledException;
import org.manyfaces.effect.RenderRequest;
import org.manyfaces.effect.SourceClip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.chain.ModelComponents;
import org.manyfaces.testsupport.SharedFiles;

/** The Face Swap render path with the real small detector and the Classic swapper, outside any host. */
public class FaceSwapRendererTest {
    /** The documented face box of the portrait (x, y, w, h) in full-resolution pixels. */
    static final int[] FACE = {369, 91, 243, 331};

    public static final class Recorder implements EffectMessages {
        public final List<String> warnings = new ArrayList<>();
        public final List<String> logs = new ArrayList<>();

        @Override
        public void warning(String id, String text) {
            warnings.add(text);
        }

        @Override
        public void error(String id, String text) {
            throw new AssertionError("renderers report errors by throwing, got " + text);
        }

        @Override
        public void log(String id, String text) {
            logs.add(text);
        }
    }

    public static FaceSwapRenderer renderer(Recorder r) {
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        return new FaceSwapRenderer(r, SourceClip.NONE,
                () -> new FaceSwapModels(ModelCatalogue.packed(List.of(models))),
                () -> ModelComponents.withOnnxDetectors(InferenceEngine.shared()));
    }

    public static RenderRequest request(ImageView src, ImageView out, double scale) {
        return new RenderRequest(0, scale, scale, new PixelRect(0, 0, src.width(), src.height()), src, out);
    }

    public static ImageView portrait() {
        ImageView rgb = SourceImages.read(SharedFiles.media("obama_official_portrait_2012.jpg"));
        ImageView v = ImageView.allocate(rgb.width(), rgb.height(), PixelFormat.RGBA_F32);
        v.copyFrom(rgb);
        return v;
    }

    static ImageView half(ImageView v) {
        ImageView h = ImageView.allocate(v.width() / 2, v.height() / 2, v.format());
        for (int y = 0; y < h.height(); y++) {
            for (int x = 0; x < h.width(); x++) {
                for (int c = 0; c < 4; c++) {
                    h.set(x, y, c, (v.get(2 * x, 2 * y, c) + v.get(2 * x + 1, 2 * y, c) + v.get(2 * x, 2 * y + 1, c)
                            + v.get(2 * x + 1, 2 * y + 1, c)) / 4);
                }
            }
        }
        return h;
    }

    /** Mean |a - b| over the central half of the face box, in the coordinates of a view scaled by {@code s}. */
    static double faceDiff(ImageView a, ImageView b, double s) {
        double sum = 0;
        int n = 0;
        for (int y = (int) ((FACE[1] + FACE[3] / 4) * s); y < (FACE[1] + 3 * FACE[3] / 4) * s; y++) {
            for (int x = (int) ((FACE[0] + FACE[2] / 4) * s); x < (FACE[0] + 3 * FACE[2] / 4) * s; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                    n++;
                }
            }
        }
        return sum / n;
    }

    MapParams params() {
        return new MapParams(FaceSwapEffect.params())
                .set(FaceSwapEffect.SOURCE_FACES, SharedFiles.media("grace_hopper.jpg").toString());
    }

    @Test
    void withoutASourceFaceFramesPassThroughReadingEveryParamAndTheUserIsToldOnce() {
        Recorder r = new Recorder();
        FaceSwapRenderer fs = new FaceSwapRenderer(r, SourceClip.NONE, () -> {
            throw new AssertionError("no models are looked for without a source face");
        }, () -> {
            throw new AssertionError("no models are loaded without a source face");
        });
        ImageView src = portrait();
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        MapParams p = new MapParams(FaceSwapEffect.params());
        fs.render(request(src, out, 1), p);
        fs.render(request(src, out, 1), p);
        long inputs = FaceSwapEffect.params().rows().stream()
                .filter(s -> s.type().hasValue() && s.stringKind() != StringKind.LABEL)
                // The Presets page is handled by the preset code in instanceChanged, never by the renderer.
                .filter(s -> !PresetControls.IDS.contains(s.id())).count();
        assertEquals(2 * inputs, p.reads, "every input param is read on every render");
        assertEquals(1, r.warnings.size());
        assertTrue(r.warnings.get(0).contains("no source face"), r.warnings.get(0));
        assertEquals(0, faceDiff(src, out, 1));
    }

    @Test
    void halfRenderScaleGivesTheScaledEquivalent() {
        ImageView full = portrait();
        ImageView fullOut = ImageView.allocate(full.width(), full.height(), full.format());
        MapParams p = params().set(FaceSwapEffect.SMOOTHING, 0.0);
        renderer(new Recorder()).render(request(full, fullOut, 1), p);
        ImageView small = half(full);
        ImageView smallOut = ImageView.allocate(small.width(), small.height(), small.format());
        renderer(new Recorder()).render(request(small, smallOut, 0.5), p);
        double swapped = faceDiff(small, smallOut, 0.5);
        double between = faceDiff(half(fullOut), smallOut, 0.5);
        assertTrue(swapped > 0.04, "the half-scale face was swapped (" + swapped + ")");
        assertTrue(between < swapped / 4, "half scale matches the full render halved: " + between + " vs " + swapped);
    }

    @Test
    void theTemporalPathWorksWithoutNeighbourFramesAndMatchesTheFrameDetection() {
        ImageView src = portrait();
        ImageView a = ImageView.allocate(src.width(), src.height(), src.format());
        ImageView b = ImageView.allocate(src.width(), src.height(), src.format());
        // One frame, no other frames: a track of one observation is that observation, however smoothed.
        renderer(new Recorder()).render(request(src, a, 1), params().set(FaceSwapEffect.SMOOTHING, 0.0));
        renderer(new Recorder()).render(request(src, b, 1), params().set(FaceSwapEffect.SMOOTHING, 0.9));
        assertTrue(faceDiff(src, a, 1) > 0.04);
        assertEquals(0, faceDiff(a, b, 1), 1e-6);
    }

    @Test
    void theStatusLineShowsTheProviderOnceKnownAndWrittenOnlyOnInstanceChange() {
        Recorder r = new Recorder();
        FaceSwapRenderer fs = renderer(r);
        MapParams p = params();
        fs.paramChanged(FaceSwapEffect.BLEND, p, 0);
        assertEquals(0, p.writes, "nothing known yet: the default text stays");
        ImageView src = portrait();
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        fs.render(request(src, out, 1), p.set(FaceSwapEffect.EXECUTION_PROVIDER, 2));
        assertEquals(0, p.writes, "never written during a render");
        assertEquals(1, r.logs.size(), r.logs.toString());
        fs.paramChanged(FaceSwapEffect.BLEND, p, 0);
        assertEquals(1, p.writes);
        // This renderer has no clip to track over (SourceClip.NONE), so the line also says tracking is off.
        assertEquals("CPU (chosen in Execution provider)" + FaceSwapRenderer.TRACKING_OFF_STATUS,
                p.getString(FaceSwapEffect.PROVIDER_STATUS, 0));
    }

    @Test
    void aMissingSourceFileFailsTheFrameNamingIt() {
        ImageView src = portrait();
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        ManyFacesException e = assertThrows(ManyFacesException.class, () -> renderer(new Recorder())
                .render(request(src, out, 1), params().set(FaceSwapEffect.SOURCE_FACES, "/nowhere/face.png")));
        assertTrue(e.getMessage().contains("/nowhere/face.png"), e.getMessage());
    }

    /**
     * A clip that offers no other frames (a host without temporal clip access): the default smoothing cannot
     * track, so the frame is rendered exactly as with smoothing 0, and the note comes once.
     */
    @Test
    void withoutOtherFramesTheDefaultsRenderAsWithoutTrackingAndSaySoOnce() {
        ImageView src = portrait();
        ImageView untracked = ImageView.allocate(src.width(), src.height(), src.format());
        renderer(new Recorder()).render(request(src, untracked, 1),
                params().set(FaceSwapEffect.SMOOTHING, 0.0));
        Recorder r = new Recorder();
        FaceSwapRenderer fs = renderer(r);
        for (int i = 0; i < 2; i++) {
            ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
            fs.render(request(src, out, 1), params());
            assertSamePixels(untracked, out, "render " + i + " equals the render without tracking");
        }
        assertEquals(1, r.warnings.stream().filter(w -> w.contains("Smoothing and Detect every N are off")).count(),
                r.warnings.toString());
    }

    /** A host that cancels: the render stops before any stage and throws the cancellation, not an error. */
    @Test
    void aCancelledRenderStopsBeforeDetecting() {
        ImageView src = portrait();
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        RenderRequest plain = request(src, out, 1);
        RenderRequest cancelled = new RenderRequest(plain.time(), 1, 1, plain.window(), src, out, plain.window(), null,
                () -> true);
        RenderCancelledException e = assertThrows(RenderCancelledException.class,
                () -> renderer(new Recorder()).render(cancelled, params()));
        assertTrue(e.getMessage().contains("before face detection"), e.getMessage());
    }

    static void assertSamePixels(ImageView a, ImageView b, String what) {
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                for (int c = 0; c < a.format().channels(); c++) {
                    if (a.get(x, y, c) != b.get(x, y, c)) {
                        throw new AssertionError(what + ": pixel " + x + "," + y + " channel " + c);
                    }
                }
            }
        }
    }
}
