package org.manyfaces.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorRT settings: off by default, engines cached in the user's cache folder, a first-build message once. */
class TensorRtSettingsTest {
    @TempDir
    Path dir;

    @Test
    void offUnlessAskedForAndCachedInTheUsersCacheFolder() {
        TensorRtSettings none = TensorRtSettings.fromMap(Map.of(), "/home/ann");
        assertFalse(none.enabled());
        assertEquals(Path.of("/home/ann/.cache/manyfaces/tensorrt"), none.engineCache());
        TensorRtSettings xdg = TensorRtSettings.fromMap(Map.of("MANYFACES_TENSORRT", "1", "XDG_CACHE_HOME", "/var/c"), "/home/ann");
        assertTrue(xdg.enabled());
        assertFalse(xdg.fp16());
        assertEquals(Path.of("/var/c/manyfaces/tensorrt"), xdg.engineCache());
        TensorRtSettings own = TensorRtSettings.fromMap(Map.of("MANYFACES_TENSORRT", "yes", "MANYFACES_TENSORRT_FP16", "1",
                "MANYFACES_CACHE_DIR", "/data/mf", "XDG_CACHE_HOME", "/var/c"), "/home/ann");
        assertEquals(Path.of("/data/mf/tensorrt"), own.engineCache());
        assertTrue(own.fp16());
        assertFalse(TensorRtSettings.fromMap(Map.of("MANYFACES_TENSORRT", "0"), "/h").enabled());
        assertFalse(TensorRtSettings.fromMap(Map.of("MANYFACES_TENSORRT", "false"), "/h").enabled());
    }

    @Test
    void providerOptionsTurnOnTheEngineAndTimingCaches() {
        TensorRtSettings s = new TensorRtSettings(true, true, dir);
        Map<String, String> o = s.providerOptions();
        assertEquals("1", o.get("trt_engine_cache_enable"));
        assertEquals(dir.toString(), o.get("trt_engine_cache_path"));
        assertEquals("1", o.get("trt_timing_cache_enable"));
        assertEquals("1", o.get("trt_fp16_enable"));
        assertEquals("0", new TensorRtSettings(true, false, dir).providerOptions().get("trt_fp16_enable"));
    }

    @Test
    void theFirstBuildIsAnnouncedOncePerModelAndPrecision() throws Exception {
        Path model = Files.write(dir.resolve("m.onnx"), new byte[] {1, 2, 3});
        TensorRtSettings s = new TensorRtSettings(true, false, dir.resolve("engines"));
        String msg = s.firstBuildMessage(model);
        assertNotNull(msg);
        assertTrue(msg.contains("m.onnx") && msg.contains(dir.resolve("engines").toString()), msg);
        s.markBuilt(model);
        assertNull(s.firstBuildMessage(model), "built before: no message");
        assertNotNull(new TensorRtSettings(true, true, dir.resolve("engines")).firstBuildMessage(model),
                "an fp16 engine is a different engine");
        Files.write(model, new byte[] {1, 2, 3, 4});
        assertNotNull(s.firstBuildMessage(model), "a changed model needs a new engine");
        assertNull(TensorRtSettings.disabled().firstBuildMessage(model), "nothing to say when TensorRT is off");
    }
}
