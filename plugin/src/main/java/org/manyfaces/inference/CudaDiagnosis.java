package org.manyfaces.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the CUDA provider's failures into one sentence a user can act on ("the cuDNN 9 libraries were
 * not found ..."), and does the cheap Linux check for an NVIDIA driver before the 600 MB CUDA provider
 * library is unpacked and loaded for nothing.
 */
final class CudaDiagnosis {
    private static final Pattern MISSING_LIB = Pattern.compile("(lib[\\w+\\-]+\\.so(\\.\\d+)*)");

    private CudaDiagnosis() {
    }

    /**
     * On Linux, a reason why CUDA cannot work when no NVIDIA driver is visible (no /proc/driver/nvidia,
     * no /dev/nvidia* and no WSL /dev/dxg); {@code null} when a driver may be present or on other systems.
     */
    static String missingDriverReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return null;
        }
        if (Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"))
                || Files.exists(Path.of("/dev/nvidia0")) || Files.exists(Path.of("/dev/dxg"))) {
            return null;
        }
        return "no NVIDIA GPU driver is loaded on this machine (no /proc/driver/nvidia or /dev/nvidia*), so CUDA cannot run";
    }

    /** ONNX Runtime's CUDA provider library; CPU-only installs leave it out (installer/install.sh). */
    static final String CUDA_PROVIDER_LIBRARY = "libonnxruntime_providers_cuda.so";

    /**
     * A reason why CUDA cannot work when ONNX Runtime's natives come from a folder
     * ({@code onnxruntime.native.path}, as in the bundle) that holds no CUDA provider library, which is how
     * the installer leaves a machine without an NVIDIA driver; {@code null} when the library is there or ORT
     * unpacks its own natives. Checked before trying, so the answer is this sentence rather than a loader error.
     */
    static String missingProviderReason(String nativePath) {
        if (nativePath == null || nativePath.isBlank()) {
            return null;
        }
        Path folder = Path.of(nativePath);
        if (Files.exists(folder.resolve(CUDA_PROVIDER_LIBRARY))) {
            return null;
        }
        return "the CUDA provider library (" + CUDA_PROVIDER_LIBRARY + ") is not installed in " + folder
                + " (a CPU-only install; installer/install.sh --with-cuda adds it)";
    }

    /** One sentence explaining why CUDA failed for {@code device}, from the provider's error. */
    static String explain(Throwable t, int device) {
        String msg = String.valueOf(t.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        String lib = missingLibrary(msg);
        if (lower.contains("libcudnn")) {
            return "the cuDNN 9 libraries were not found" + (lib != null ? " (" + lib + ")" : "")
                    + "; install cuDNN 9 for CUDA 12 or add its folder to LD_LIBRARY_PATH";
        }
        if (lower.contains("libcublas") || lower.contains("libcudart") || lower.contains("libcufft")
                || lower.contains("libcurand") || lower.contains("libnvrtc")) {
            return "the CUDA 12 runtime libraries were not found" + (lib != null ? " (" + lib + ")" : "")
                    + "; install the CUDA 12 runtime or add its folder to LD_LIBRARY_PATH";
        }
        if (lower.contains("no cuda-capable device") || lower.contains("cuda failure 100")
                || lower.contains("cudaerrornodevice")) {
            return "no CUDA-capable GPU was found";
        }
        if (lower.contains("invalid device ordinal") || lower.contains("cuda failure 101")) {
            return "CUDA device " + device + " does not exist on this machine";
        }
        if (lower.contains("driver version is insufficient") || lower.contains("cuda failure 35")) {
            return "the NVIDIA driver is too old for CUDA 12; update the driver";
        }
        if (lower.contains("no kernel image")) {
            return "this GPU's architecture is not supported by the CUDA build of ONNX Runtime";
        }
        if (lower.contains("out of memory")) {
            return "the GPU ran out of memory while loading the model";
        }
        if (lib != null) {
            return "a library the CUDA provider needs could not be loaded (" + lib + ")";
        }
        String first = msg.lines().findFirst().orElse(msg).trim();
        if (first.length() > 200) {
            first = first.substring(0, 200) + "...";
        }
        return "CUDA could not be initialised (" + first + ")";
    }

    private static String missingLibrary(String msg) {
        Matcher m = MISSING_LIB.matcher(msg);
        String found = null;
        while (m.find()) {
            String lib = m.group(1);
            // The provider library itself is named in most messages; the interesting one is its dependency.
            if (!lib.startsWith("libonnxruntime")) {
                return lib;
            }
            found = lib;
        }
        return found;
    }
}
