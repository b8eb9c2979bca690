package org.manyfaces.effect;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapRendererTest;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.inference.ModelCatalogue;

class EffectCatalogueTest {
    @Test
    void releasedEffectsKeepTheirPluginIndexAndWatermarkCode() {
        // Hosts cache plug-ins by index and id, and published marks name the effect by its code: effects are
        // only ever appended. (How many there are is the catalogue's business; no test counts them.)
        assertEquals(FaceSwapEffect.ID, EffectCatalogue.get(0).id());
        assertEquals(1, EffectCatalogue.get(0).profile().payloadCode());
        assertEquals(ImageTranslateEffect.ID, EffectCatalogue.get(1).id());
        assertEquals(2, EffectCatalogue.get(1).profile().payloadCode());
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            assertEquals("ManyFaces", e.grouping());
        }
    }

    @Test
    void everyEffectIsFoundByItsIdAndEachAliasAndNamesItsWatermarkCodeAlone() {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            assertTrue(codes.add(e.profile().payloadCode()), e.id() + ": watermark code used twice");
            assertEquals(e, EffectCatalogue.byName(e.id().toUpperCase(java.util.Locale.ROOT)).orElseThrow());
            assertFalse(e.profile().cliAliases().isEmpty(), e.id() + " has no short name for 'render -e'");
            for (String alias : e.profile().cliAliases()) {
                assertEquals(e, EffectCatalogue.byName(alias).orElseThrow(), alias);
            }
            assertEquals(e, DisclosurePayloads.effectOf(
                    DisclosurePayloads.payload(e.profile().payloadCode(), 0)).orElseThrow());
        }
        assertTrue(EffectCatalogue.byName("no-such-effect").isEmpty());
    }

    @Test
    void everyModelNamedByAChoiceIsAManifestModelOfAKindTheEffectRuns() {
        var manifest = ModelCatalogue.packedManifest();
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            for (ParamSpec p : e.params().rows()) {
                for (int option = 0; option < p.choices().size(); option++) {
                    int o = option;
                    p.optionModel(option).ifPresent(id -> {
                        var spec = manifest.find(id);
                        assertTrue(spec.isPresent(), e.id() + "/" + p.id() + " option " + o + " names " + id
                                + ", which is not in the manifest");
                        assertTrue(e.profile().modelKinds().contains(spec.get().kind()), e.id() + " runs " + id
                                + " of kind " + spec.get().kind() + " but does not declare that kind");
                    });
                }
            }
        }
    }

    @Test
    void everyControlHasAFullSentenceHintAndNumericOnesAnimate() {
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            for (ParamSpec p : e.params().rows()) {
                if (p.type() == ParamType.PAGE || p.type() == ParamType.GROUP) {
                    continue;
                }
                assertTrue(p.hint().endsWith(".") && Character.isUpperCase(p.hint().charAt(0)),
                        e.id() + "/" + p.id() + " hint is not a sentence: " + p.hint());
                if (p.type() == ParamType.DOUBLE || p.type() == ParamType.INT) {
                    assertTrue(p.animates(), e.id() + "/" + p.id() + " should animate");
                }
                assertNotNull(p.parent(), e.id() + "/" + p.id() + " sits on no page");
            }
        }
    }

    @Test
    void faceSwapOffersTheAgreedChoicesInOrder() {
        EffectDescriptor fs = EffectCatalogue.get(0);
        assertEquals("Classic", fs.params().get(FaceSwapEffect.SWAP_MODEL).choices().get(0));
        assertEquals(List.of("YuNet", "SCRFD", "RetinaFace"), fs.params().get(FaceSwapEffect.DETECTOR).choices());
        assertEquals(4, fs.params().get(FaceSwapEffect.SELECTION_MODE).choices().size());
        assertEquals(List.of("Auto", "CUDA", "CPU"), fs.params().get(FaceSwapEffect.EXECUTION_PROVIDER).choices());
        assertFalse(fs.params().get(FaceSwapEffect.PROVIDER_STATUS).enabled());
        assertEquals(1.0, fs.params().get(FaceSwapEffect.WATERMARK).defaultNumber(), "disclosure is on by default");
    }

    @Test
    void capabilitiesAreDeclaredTruthfully() {
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            assertEquals(ThreadSafety.INSTANCE_SAFE, e.threadSafety());
            assertFalse(e.supportsTiles(), "whole-frame networks cannot render tiles");
        }
    }

    @Test
    void rendererCanBeReplacedWithoutTouchingTheRest() {
        // A test builds its own descriptor; the catalogue itself never changes.
        EffectDescriptor before = EffectCatalogue.get(1);
        EffectRendererFactory f = m -> (req, p) -> { };
        EffectDescriptor replaced = before.withRenderer(f);
        assertEquals(f, replaced.rendererFactory());
        assertEquals(before.id(), replaced.id());
        assertEquals(before.params(), replaced.params());
        assertNotSame(f, EffectCatalogue.get(1).rendererFactory(), "the catalogue's descriptor is unchanged");
    }

    @Test
    void faceSwapPromisesToKeepTheFrameSizeAndItsRendererKeepsIt() {
        // The shim answers region of definition / regions of interest itself for such effects, so the promise
        // must hold for every setting: Face Swap's renderer answers scale 1 at any pixel boost or swap model.
        assertTrue(FaceSwapEffect.descriptor().keepsFrameSize());
        assertFalse(ImageTranslateEffect.descriptor().keepsFrameSize(), "super-resolution models enlarge the frame");
        assertFalse(FaceSwapEffect.descriptor().withRenderer(FaceSwapEffect.descriptor().rendererFactory()).keepsFrameSize(),
                "a replaced renderer carries no promise");
        int mask = 0;
        for (int i = 0; i < EffectCatalogue.effects().size(); i++) {
            mask |= EffectCatalogue.get(i).keepsFrameSize() ? 1 << i : 0;
        }
        assertEquals(mask, org.manyfaces.ofx.host.Bridge.keepsFrameSizeMask(), "bit i = effect i keeps the size");
        try (EffectRenderer r = FaceSwapEffect.descriptor().rendererFactory().create(
                new EffectContext(new FaceSwapRendererTest.Recorder(), ModelCatalogue.packed(java.util.List.of()), SourceClip.NONE))) {
            for (int boost = 0; boost < FaceSwapEffect.PixelBoost.values().length; boost++) {
                for (int model = 0; model < FaceSwapEffect.SwapModel.values().length; model++) {
                    MapParams p = new MapParams(FaceSwapEffect.descriptor().params());
                    p.set(FaceSwapEffect.PIXEL_BOOST, boost);
                    p.set(FaceSwapEffect.SWAP_MODEL, model);
                    assertEquals(1, r.outputScale(p, 0), "boost " + boost + ", model " + model);
                }
            }
        }
    }
}
