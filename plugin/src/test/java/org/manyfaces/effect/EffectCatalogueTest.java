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
    void pluginIndicesMatchTheShimContract() {
        assertEquals("org.manyfaces.FaceSwap", EffectCatalogue.get(0).id());
        assertEquals("Face Swap", EffectCatalogue.get(0).label());
        assertEquals("org.manyfaces.ImageTranslate", EffectCatalogue.get(1).id());
        assertEquals("Image Translate", EffectCatalogue.get(1).label());
        for (EffectDescriptor e : EffectCatalogue.effects()) {
            assertEquals("ManyFaces", e.grouping());
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
    void onlyFaceSwapPromisesToKeepTheFrameSizeAndItsRendererKeepsIt() {
        // The shim answers region of definition / regions of interest itself for such effects, so the promise
        // must hold for every setting: Face Swap's renderer answers scale 1 at any pixel boost or swap model.
        assertTrue(FaceSwapEffect.descriptor().keepsFrameSize());
        assertFalse(ImageTranslateEffect.descriptor().keepsFrameSize(), "super-resolution models enlarge the frame");
        assertFalse(FaceSwapEffect.descriptor().withRenderer(FaceSwapEffect.descriptor().rendererFactory()).keepsFrameSize(),
                "a replaced renderer carries no promise");
        assertEquals(1, org.manyfaces.ofx.host.Bridge.keepsFrameSizeMask(), "bit 0 = Face Swap only");
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
