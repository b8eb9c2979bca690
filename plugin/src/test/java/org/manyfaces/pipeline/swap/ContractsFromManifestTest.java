package org.manyfaces.pipeline.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.manyfaces.inference.ModelManifest;
import org.manyfaces.pipeline.embed.EmbedderContract;

/** The manifest's entries must describe the same contracts the field research documents (constants here). */
class ContractsFromManifestTest {
    private final ModelManifest manifest = ModelManifest.load(Path.of("..", "models", "manifest.json"));

    private static void same(SwapperContract expected, SwapperContract actual) {
        assertEquals(expected.template(), actual.template());
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.mean(), actual.mean(), 1e-6f);
        assertEquals(expected.std(), actual.std(), 1e-6f);
        assertEquals(expected.outScale(), actual.outScale(), 1e-6f);
        assertEquals(expected.outOffset(), actual.outOffset(), 1e-6f);
        assertEquals(expected.useEmap(), actual.useEmap());
        assertEquals(expected.targetInput(), actual.targetInput());
        assertEquals(expected.sourceInput(), actual.sourceInput());
    }

    @Test
    void swappers() {
        same(SwapperContract.INSWAPPER_128, SwapperContract.fromSpec(manifest.require("inswapper_128")));
        same(SwapperContract.INSWAPPER_128, SwapperContract.fromSpec(manifest.require("inswapper_128_fp16")));
        same(SwapperContract.HYPERSWAP_256, SwapperContract.fromSpec(manifest.require("hyperswap_1a_256")));
        assertThrows(IllegalArgumentException.class, () -> SwapperContract.fromSpec(manifest.require("yunet_2023mar")));
    }

    @Test
    void recognisers() {
        assertEquals(EmbedderContract.MOBILEFACENET, EmbedderContract.fromSpec(manifest.require("mobilefacenet_foamliu")));
        assertEquals(EmbedderContract.ARCFACE_W600K, EmbedderContract.fromSpec(manifest.require("arcface_w600k_r50")));
        assertThrows(IllegalArgumentException.class, () -> EmbedderContract.fromSpec(manifest.require("inswapper_128")));
    }
}
