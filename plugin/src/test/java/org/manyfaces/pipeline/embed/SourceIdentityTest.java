package org.manyfaces.pipeline.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.error.ManyFacesException;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.swap.SwapTestModels;

class SourceIdentityTest {
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
    void averagesRawAndNormedSeparately() {
        Embedding a = Embedding.of(new float[] {3, 0, 0});
        Embedding b = Embedding.of(new float[] {0, 1, 0});
        Embedding avg = Embedding.average(List.of(a, b));
        assertArrayEquals(new float[] {1.5f, 0.5f, 0}, avg.raw(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0}, avg.normed(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> Embedding.average(List.of(a, Embedding.of(new float[] {1, 2}))));
    }

    private Path png(String name, int shade) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (shade << 16) | (x * 3 << 8) | y);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void cachesByContentAndAveragesEmbeddingsOfSeveralFiles() throws Exception {
        float[] value = new float[512];
        value[0] = 2f;
        value[1] = 1f;
        FaceEmbedder embedder = new FaceEmbedder(engine.open(SwapTestModels.constantEmbedder(dir.resolve("e.onnx"), 112, value),
                ProviderChoice.CPU), EmbedderContract.ARCFACE_W600K);
        AtomicInteger detections = new AtomicInteger();
        Face small = new Face(new Box(5, 5, 10, 10), 0.9f, new float[] {8, 8, 12, 8, 10, 10, 8, 12, 12, 12});
        Face big = new Face(new Box(10, 5, 30, 30), 0.9f, new float[] {18, 15, 32, 15, 25, 22, 19, 29, 31, 29});
        SourceIdentityCache cache = new SourceIdentityCache(img -> {
            detections.incrementAndGet();
            return List.of(small, big);
        }, embedder, 2);

        Path a = png("a.png", 10);
        Path aCopy = Files.copy(a, dir.resolve("same-content-other-name.png"));
        Path b = png("b.png", 200);
        SourceIdentity id = cache.load(List.of(a, b));
        assertEquals(2, detections.get());
        assertEquals(big, id.faces().get(0).face(), "the largest face of a source image is used");
        assertArrayEquals(Embedding.of(value).normed(), id.embedding().orElseThrow().normed(), 1e-6f);
        assertEquals(2f, id.embedding().orElseThrow().raw()[0], 1e-6f);

        SourceFace again = cache.face(aCopy);
        assertSame(id.faces().get(0), again, "same bytes under another name hit the cache");
        assertEquals(2, detections.get());
        assertEquals(1, cache.hits());

        Files.write(a, Files.readAllBytes(png("tmp.png", 77))); // edit a file in place: new content, new entry
        cache.face(a);
        assertEquals(1, cache.hits());
        assertEquals(3, detections.get());
        assertEquals(2, cache.size());
        cache.face(png("c.png", 99));
        assertEquals(2, cache.size(), "bounded");
    }

    @Test
    void sourceWithoutAFaceIsAClearError() throws Exception {
        SourceIdentityCache cache = new SourceIdentityCache(img -> List.of(), null, 4);
        Path p = png("noface.png", 5);
        ManyFacesException e = assertThrows(ManyFacesException.class, () -> cache.load(List.of(p)));
        assertTrue(e.getMessage().contains("no face found") && e.getMessage().contains("noface.png"), e.getMessage());
        assertThrows(ManyFacesException.class, () -> cache.load(List.of()));
        Path junk = Files.writeString(dir.resolve("junk.jpg"), "not an image");
        assertThrows(ManyFacesException.class, () -> cache.load(List.of(junk)));
    }
}
