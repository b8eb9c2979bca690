package org.manyfaces.pipeline.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.Embedding;
import org.manyfaces.pipeline.embed.SourceIdentity;

class EmbeddingSwapperTest {
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

    /** raw[3] = 3, raw[5] = 4: normed[3] = 0.6, normed[5] = 0.8. */
    private static SourceIdentity identity() {
        float[] raw = new float[512];
        raw[3] = 3f;
        raw[5] = 4f;
        return SourceIdentity.ofEmbedding(Embedding.of(raw));
    }

    private ModelSession pattern(String name, float[] emap) {
        return engine.open(SwapTestModels.patternSwapper(dir.resolve(name), SwapTestModels.asymmetricPattern(), emap), ProviderChoice.CPU);
    }

    @Test
    void emapTurnsTheNormedEmbeddingIntoTheLatent() {
        float[] pattern = SwapTestModels.asymmetricPattern();
        // Column 0 of the emap picks normed[3] = 0.6, then normed[5] = 0.8: the output scales accordingly.
        for (int row : new int[] {3, 5}) {
            EmbeddingSwapper swapper = new EmbeddingSwapper(pattern("p" + row + ".onnx", SwapTestModels.emapPickingRow(row, 1f)),
                    SwapperContract.INSWAPPER_128, 128);
            FaceCrop crop = new FaceCrop(128);
            crop.fill(0.5f);
            swapper.swap(crop, identity());
            float scale = row == 3 ? 0.6f : 0.8f;
            for (int i = 0; i < pattern.length; i++) {
                assertEquals(pattern[i] * scale, crop.planes()[i], 1e-6f, "value " + i + " with emap row " + row);
            }
        }
    }

    @Test
    void latentIsNormedEmbeddingTimesEmapWithoutRenormalising() {
        Random r = new Random(3);
        float[] emap = new float[512 * 512];
        for (int i = 0; i < emap.length; i++) {
            emap[i] = (float) r.nextGaussian() * 0.05f;
        }
        EmbeddingSwapper swapper = new EmbeddingSwapper(pattern("rand.onnx", emap), SwapperContract.INSWAPPER_128, 128);
        float[] raw = new float[512];
        double norm = 0;
        for (int i = 0; i < 512; i++) {
            raw[i] = (float) r.nextGaussian() * 7;
            norm += raw[i] * (double) raw[i];
        }
        norm = Math.sqrt(norm);
        float[] latent = swapper.latent(Embedding.of(raw));
        for (int j = 0; j < 512; j += 37) {
            double expect = 0;
            for (int i = 0; i < 512; i++) {
                expect += raw[i] / norm * emap[i * 512 + j];
            }
            assertEquals(expect, latent[j], 1e-4, "latent " + j);
        }
    }

    @Test
    void pixelBoostSplitsIntoInterleavedSubCropsAndReassembles() {
        float[] pattern = SwapTestModels.asymmetricPattern();
        EmbeddingSwapper boosted = new EmbeddingSwapper(pattern("b.onnx", SwapTestModels.emapPickingRow(3, 1f)),
                SwapperContract.INSWAPPER_128, 256);
        FaceCrop crop = new FaceCrop(256);
        boosted.swap(crop, identity());
        // Every sub-crop receives the same pattern, so the 256 result is the pattern upscaled 2x by repetition.
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    assertEquals(pattern[c * 128 * 128 + (y / 2) * 128 + x / 2] * 0.6f, crop.get(c, x, y), 1e-6f);
                }
            }
        }
        // A target-dependent model: every pixel must come back to where it was taken from.
        EmbeddingSwapper inverting = new EmbeddingSwapper(engine.open(
                SwapTestModels.invertingSwapper(dir.resolve("inv.onnx"), 128, "source", "output", true), ProviderChoice.CPU),
                SwapperContract.INSWAPPER_128, 512);
        FaceCrop big = new FaceCrop(512);
        Random r = new Random(11);
        for (int i = 0; i < big.planes().length; i++) {
            big.planes()[i] = r.nextFloat();
        }
        float[] before = big.planes().clone();
        inverting.swap(big, identity());
        for (int i = 0; i < before.length; i++) {
            assertEquals(1f - before[i], big.planes()[i], 1e-6f);
        }
    }

    @Test
    void hyperswapContractMapsToAndFromMinusOneToOne() {
        // output = 1 − target in model space: with x' = 2v − 1, y = 1 − x' = 2 − 2v, and v' = 0.5·y + 0.5 = 1.5 − v.
        EmbeddingSwapper s = new EmbeddingSwapper(engine.open(
                SwapTestModels.invertingSwapper(dir.resolve("hyper.onnx"), 256, "source", "output", false), ProviderChoice.CPU),
                SwapperContract.HYPERSWAP_256, 256);
        FaceCrop crop = new FaceCrop(256);
        for (int i = 0; i < crop.planes().length; i++) {
            crop.planes()[i] = 0.5f + 0.4f * (i % 7) / 7f;
        }
        float[] before = crop.planes().clone();
        s.swap(crop, identity());
        for (int i = 0; i < before.length; i++) {
            assertEquals(Math.min(1f, 1.5f - before[i]), crop.planes()[i], 1e-5f);
        }
        float[] latent = s.latent(Embedding.of(pad(new float[] {0, 0, 0, 3, 0, 4})));
        assertEquals(0.6f, latent[3], 1e-6f);
        assertEquals(0.8f, latent[5], 1e-6f);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static float[] pad(float[] v) {
        float[] p = new float[512];
        System.arraycopy(v, 0, p, 0, v.length);
        return p;
    }

    @Test
    void rejectsWrongContractsWithClearMessages() {
        ModelSession m = pattern("x.onnx", SwapTestModels.emapPickingRow(0, 1f));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingSwapper(m, SwapperContract.INSWAPPER_128, 200));
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingSwapper(m, SwapperContract.HYPERSWAP_256, 256));
        EmbeddingSwapper ok = new EmbeddingSwapper(m, SwapperContract.INSWAPPER_128, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ok.swap(new FaceCrop(128), SourceIdentity.ofEmbedding(Embedding.of(ones(128)))));
        assertEquals(true, e.getMessage().contains("512"), e.getMessage());
    }
}
