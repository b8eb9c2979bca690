package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.select.SelectionMode;

class FaceSwapSettingsTest {

    @Test
    void cropSizeFollowsPixelBoost() {
        FaceSwapSettings.Builder b = FaceSwapSettings.builder().swapper(SwapperKind.INSWAPPER_128, Path.of("m.onnx"));
        assertEquals(128, b.build().cropSize());
        assertEquals(512, b.pixelBoost(512).build().cropSize());
        assertEquals(256, b.pixelBoost(300).build().cropSize(), "rounded down to a multiple of the model size");
        assertEquals(128, b.pixelBoost(100).build().cropSize(), "never below the model size");
        assertEquals(1024, b.pixelBoost(2048).build().cropSize(), "at most 1024");
        assertEquals(256, FaceSwapSettings.builder().build().cropSize(), "classic default: the 256 px working resolution");
        assertEquals(512, FaceSwapSettings.builder().pixelBoost(512).build().cropSize());
        assertEquals(256, FaceSwapSettings.builder().swapper(SwapperKind.HYPERSWAP_256, Path.of("h.onnx")).build().cropSize());
    }

    @Test
    void defaultsAndValidation() {
        FaceSwapSettings s = FaceSwapSettings.builder().build();
        assertEquals(SelectionMode.ALL, s.selection());
        assertEquals(0.3f, s.maskBlur());
        assertEquals(1f, s.blend());
        assertEquals(s, s.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> FaceSwapSettings.builder().mask(0.3f, 101, 0, 0, 0).build());
        assertThrows(IllegalArgumentException.class, () -> FaceSwapSettings.builder().detector(null, -0.1f).build());
        assertThrows(IllegalArgumentException.class, () -> FaceSwapSettings.builder().selectIndex(-1).build());
        assertThrows(IllegalArgumentException.class, () -> FaceSwapSettings.builder().pixelBoost(-5).build());
        List<Path> sources = new java.util.ArrayList<>(List.of(Path.of("a.png")));
        FaceSwapSettings copy = FaceSwapSettings.builder().sources(sources).build();
        sources.clear();
        assertEquals(1, copy.sourceImages().size(), "settings are immutable");
    }

    @Test
    void overlayDrawsOnlyTheOutlineAndLandmarks() {
        ImageView img = ImageView.allocate(60, 50, PixelFormat.RGBA_U8);
        Face f = new Face(new Box(10, 10, 30, 20), 0.9f, new float[] {20, 18, 30, 18, 25, 22, 21, 26, 29, 26});
        DetectionOverlay.draw(img, f, DetectionOverlay.GREEN);
        assertEquals(1f, img.get(10, 10, 1), 1e-6f);   // box corner
        assertEquals(1f, img.get(40, 20, 1), 1e-6f);   // right edge
        assertEquals(1f, img.get(25, 22, 0), 1e-6f);   // nose landmark (red)
        assertEquals(0f, img.get(15, 15, 0), 1e-6f);   // inside, away from landmarks: untouched
        assertEquals(0f, img.get(5, 5, 1), 1e-6f);     // outside
        assertEquals(0f, img.get(10, 10, 3), 1e-6f);   // alpha untouched
        // Boxes running off the frame are clipped, not an error.
        DetectionOverlay.draw(img, new Face(new Box(-20, -20, 200, 200), 0.5f, new float[10]), DetectionOverlay.YELLOW);
        assertEquals(1f, img.get(0, 0, 0), 1e-6f, "landmark dot at the origin, clipped");
        assertEquals(0f, img.get(0, 45, 1), 1e-6f, "the box edges lie outside the frame");
    }
}
