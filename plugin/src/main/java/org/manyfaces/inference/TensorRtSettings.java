package org.manyfaces.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether and how sessions put ONNX Runtime's TensorRT provider in front of CUDA. Off unless asked for
 * ({@code MANYFACES_TENSORRT=1}): TensorRT must be installed separately, and it compiles an engine per
 * model and input shape on first use, which takes minutes. Engines are cached in the user's cache folder
 * ({@code $MANYFACES_CACHE_DIR/tensorrt}, else {@code $XDG_CACHE_HOME/manyfaces/tensorrt}, else
 * {@code ~/.cache/manyfaces/tensorrt}), so that cost is paid once per model and GPU. A model whose engine
 * was never built is announced before the build starts ({@link #firstBuildMessage}), so a user waiting
 * for the first frame knows why.
 *
 * @param enabled     put TensorRT before CUDA
 * @param fp16        let TensorRT build half-precision engines (faster on tensor cores; tiny numeric drift)
 * @param engineCache folder for engines and the timing cache
 */
public record TensorRtSettings(boolean enabled, boolean fp16, Path engineCache) {
    public static final String ENV_TENSORRT = "MANYFACES_TENSORRT";
    public static final String ENV_TENSORRT_FP16 = "MANYFACES_TENSORRT_FP16";
    public static final String ENV_CACHE_DIR = "MANYFACES_CACHE_DIR";

    public TensorRtSettings {
        if (enabled && engineCache == null) {
            throw new IllegalArgumentException("TensorRT needs an engine cache folder");
        }
    }

    /** TensorRT off. */
    public static TensorRtSettings disabled() {
        return new TensorRtSettings(false, false, null);
    }

    public static TensorRtSettings fromEnvironment() {
        return fromMap(System.getenv(), System.getProperty("user.home"));
    }

    /** Reads the settings from an environment-like map (testable without touching the real environment). */
    public static TensorRtSettings fromMap(Map<String, String> env, String userHome) {
        boolean on = flag(env.get(ENV_TENSORRT));
        boolean fp16 = flag(env.get(ENV_TENSORRT_FP16));
        return new TensorRtSettings(on, fp16, cacheFolder(env, userHome).resolve("tensorrt"));
    }

    private static boolean flag(String v) {
        if (v == null) {
            return false;
        }
        String t = v.trim();
        return !t.isEmpty() && !t.equals("0") && !t.equalsIgnoreCase("false") && !t.equalsIgnoreCase("no");
    }

    /** ManyFaces' folder in the user's cache: the override, else the XDG cache, else ~/.cache. */
    static Path cacheFolder(Map<String, String> env, String userHome) {
        String own = env.get(ENV_CACHE_DIR);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "manyfaces");
        }
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalStateException("no cache folder for TensorRT engines: set " + ENV_CACHE_DIR);
        }
        return Path.of(userHome, ".cache", "manyfaces");
    }

    /**
     * Options for ORT's TensorRT provider (names as ORT's TensorRT provider documents them); the device
     * is given to the provider options' constructor.
     */
    public Map<String, String> providerOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("trt_engine_cache_enable", "1");
        o.put("trt_engine_cache_path", engineCache.toString());
        o.put("trt_timing_cache_enable", "1");
        o.put("trt_timing_cache_path", engineCache.toString());
        o.put("trt_fp16_enable", fp16 ? "1" : "0");
        return o;
    }

    /** The marker that says an engine for {@code model} (this content, size and precision) was built here. */
    Path builtMarker(Path model) {
        String id;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(model.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            md.update(Long.toString(Files.size(model)).getBytes(StandardCharsets.UTF_8));
            md.update((fp16 ? "fp16" : "fp32").getBytes(StandardCharsets.UTF_8));
            id = HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            id = Integer.toHexString(model.toAbsolutePath().hashCode());
        }
        return engineCache.resolve("manyfaces-" + id + ".built");
    }

    /**
     * The sentence to show before a session is created for {@code model}, or null when its engine was
     * built before (on this machine, in this cache).
     */
    public String firstBuildMessage(Path model) {
        if (!enabled || Files.exists(builtMarker(model))) {
            return null;
        }
        return "Building the TensorRT engine for " + model.getFileName() + " (first use on this GPU): this can take "
                + "several minutes; later starts reuse it from " + engineCache + ".";
    }

    /** Records that the engine for {@code model} now exists (after its session was created). */
    public void markBuilt(Path model) {
        try {
            Files.createDirectories(engineCache);
            Path marker = builtMarker(model);
            if (!Files.exists(marker)) {
                Files.writeString(marker, model.toAbsolutePath().toString() + "\n");
            }
        } catch (IOException e) {
            // Only the first-build message depends on it; the engine cache itself is ORT's.
        }
    }
}
