package org.manyfaces.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.Embedding;
import org.manyfaces.pipeline.embed.EmbedderContract;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceIdentity;
import org.manyfaces.pipeline.swap.EmbeddingSwapper;
import org.manyfaces.pipeline.swap.SwapperContract;

/** The bench's building blocks: statistics, option parsing, IoU matching and the run-time test models. */
class BenchPartsTest {
    @TempDir
    Path dir;

    @Test
    void percentilesUseTheNearestRank() {
        Samples s = new Samples();
        for (int i = 10; i >= 1; i--) {
            s.add(i * 1_000_000L); // 1..10 ms, added out of order
        }
        assertEquals(5.0, s.medianMs(), 0); // rank ceil(0.5·10) = 5
        assertEquals(1.0, s.p10Ms(), 0);
        assertEquals(9.0, s.p90Ms(), 0);
        assertTrue(Double.isNaN(new Samples().medianMs()));
    }

    @Test
    void frameSizesParseByNameAndByDimensions() {
        assertEquals(List.of(1280, 720), List.of(BenchOptions.parseSize("720p")[0], BenchOptions.parseSize("720p")[1]));
        assertEquals(3840, BenchOptions.parseSize("4K")[0]);
        assertEquals(333, BenchOptions.parseSize("333x222")[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchOptions.parseSize("big"));
        assertTrue(e.getMessage().contains("big"));
    }

    @Test
    void meanIouMatchesEachReferenceBoxToItsBestOverlap() {
        Face same = new Face(new Box(0, 0, 10, 10), 1f, new float[10]);
        Face half = new Face(new Box(100, 0, 10, 20), 1f, new float[10]);
        // Box 1 is matched exactly (1), box 2 overlaps half of ours (IoU 100/200), box 3 is missed (0).
        List<float[]> reference = List.of(new float[] {0, 0, 10, 10}, new float[] {100, 0, 10, 10}, new float[] {500, 500, 5, 5});
        assertEquals((1 + 0.5 + 0) / 3, BenchRunner.meanIou(reference, List.of(same, half)), 1e-6);
        assertEquals(1.0, BenchRunner.meanIou(List.of(), List.of()), 0);
        assertEquals(0.0, BenchRunner.meanIou(List.of(), List.of(same)), 0);
    }

    @Test
    void theSwapperShapedModelHasInswappersInterfaceAndReturnsTheTarget() {
        Path swap = SwapperShapedModels.swapper(dir.resolve("s.onnx"));
        Path rec = SwapperShapedModels.recogniser(dir.resolve("r.onnx"));
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            // EmbeddingSwapper checks names, shapes and the 512x512 emap: construction is the contract check.
            EmbeddingSwapper swapper = new EmbeddingSwapper(engine.open(swap, ProviderChoice.CPU), SwapperContract.INSWAPPER_128, 128);
            FaceEmbedder embedder = new FaceEmbedder(engine.open(rec, ProviderChoice.CPU), EmbedderContract.ARCFACE_W600K);
            FaceCrop aligned = new FaceCrop(112);
            aligned.fill(0.3f);
            Embedding e = embedder.embed(aligned);
            assertEquals(512, e.width());
            FaceCrop crop = new FaceCrop(128);
            for (int i = 0; i < crop.planes().length; i++) {
                crop.planes()[i] = (i % 97) / 96f;
            }
            float[] before = crop.planes().clone();
            swapper.swap(crop, SourceIdentity.ofEmbedding(e));
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i], crop.planes()[i], 1e-5f, "pixel " + i);
            }
        }
    }

    @Test
    void theHeavySwapperShapedModelCarriesItsComputeAndStillReturnsTheTarget() throws Exception {
        // 2.5 GFLOPs = round(2.5 / 1.208) = 2 blocks of 256x256 3x3 convolutions: the shared block weight
        // (2.36 MB) is in the file, the output is still exactly the target, and the model takes CPU time to run.
        Path light = SwapperShapedModels.swapper(dir.resolve("light.onnx"));
        Path heavy = SwapperShapedModels.swapper(dir.resolve("heavy.onnx"), 2.5);
        long weightBytes = 256L * 256 * 9 * 4;
        assertTrue(java.nio.file.Files.size(heavy) - java.nio.file.Files.size(light) > weightBytes,
                java.nio.file.Files.size(heavy) + " vs " + java.nio.file.Files.size(light));
        try (InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            EmbeddingSwapper swapper = new EmbeddingSwapper(engine.open(heavy, ProviderChoice.CPU), SwapperContract.INSWAPPER_128, 128);
            FaceCrop crop = new FaceCrop(128);
            for (int i = 0; i < crop.planes().length; i++) {
                crop.planes()[i] = (i % 89) / 88f;
            }
            float[] before = crop.planes().clone();
            float[] latent = new float[512];
            latent[3] = 1f;
            swapper.swap(crop, SourceIdentity.ofEmbedding(Embedding.of(latent)));
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i], crop.planes()[i], 1e-5f, "pixel " + i);
            }
            assertTrue(swapper.threadInferenceCpuNanos() > 0 && swapper.threadInferenceNanos() > 0);
        }
        assertThrows(IllegalArgumentException.class, () -> SwapperShapedModels.swapper(dir.resolve("bad.onnx"), -1));
    }
}
