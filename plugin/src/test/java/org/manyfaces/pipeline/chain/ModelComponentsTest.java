package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;

/** Models, detectors and source faces are built once per configuration, not once per frame. */
class ModelComponentsTest {
    private static InferenceEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void repeatedRendersReuseDetectorSwapperAndSourceFaces() throws Exception {
        Path source = dir.resolve("src.png");
        ImageIO.write(new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB), "png", source.toFile());
        AtomicInteger factoryCalls = new AtomicInteger();
        AtomicInteger sourceDetections = new AtomicInteger();
        Face frameFace = new Face(new Box(40, 30, 60, 60), 0.9f, new float[] {55, 50, 85, 50, 70, 65, 58, 80, 82, 80});
        ModelComponents parts = new ModelComponents(engine, s -> {
            factoryCalls.incrementAndGet();
            return (img, t) -> {
                if (img.width() == 80) {
                    sourceDetections.incrementAndGet();
                    return List.of(new Face(new Box(10, 10, 60, 60), 0.9f, new float[] {25, 30, 55, 30, 40, 45, 28, 60, 52, 60}));
                }
                return List.of(frameFace);
            };
        });
        FaceSwapPipeline p = new FaceSwapPipeline(parts);
        FaceSwapSettings s = FaceSwapSettings.builder().pixelBoost(128).sources(List.of(source)).build();
        ImageView frame = ImageView.allocate(160, 120, PixelFormat.RGBA_U8);
        ImageView out = ImageView.allocate(160, 120, PixelFormat.RGBA_U8);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, p.render(frame, out, s).swapped().size());
        }
        assertEquals(1, factoryCalls.get(), "detector built once");
        assertEquals(1, sourceDetections.get(), "source image analysed once");
        assertSame(parts.swapper(s), parts.swapper(s.toBuilder().blend(0.5f).build()), "blend does not change the swapper");
        assertNotSame(parts.swapper(s), parts.swapper(s.toBuilder().pixelBoost(256).build()), "crop size does");
        assertSame(parts.sources(s).load(List.of(source)), parts.sources(s).load(List.of(source)), "same files, same identity");
        assertTrue(parts.embedder(s).isEmpty());
        assertThrows(ManyFacesException.class, () -> parts.swapper(s.toBuilder().swapper(SwapperKind.INSWAPPER_128, null).build()));
    }
}
