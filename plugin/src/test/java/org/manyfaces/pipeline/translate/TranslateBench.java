package org.manyfaces.pipeline.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.translate.ImageTranslator.Fit;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Frames per second of the Image Translate path at 720p and 1080p (8-bit RGBA frames, as hosts deliver
 * them): a test-built 3×3 convolution generator with a fixed 256×256 input in RESIZE and TILES modes, and
 * the real ESPCN ×3 model at the frame's own size (NATIVE, output 3× larger). The last column is the share
 * of the time spent outside {@code session.run} (packing, resampling, tile blending, compositing).
 *
 * <p>Run: {@code java -cp <test classpath> org.manyfaces.pipeline.translate.TranslateBench [CPU|AUTO|CUDA]
 * [frames]}. Not a unit test: it asserts nothing about time.
 */
public final class TranslateBench {
    private TranslateBench() {
    }

    private record Row(String model, String mode, String frame, String out, double runsPerFrame, double msPerFrame,
                       double runMsPerFrame, double outside) {
    }

    public static void main(String[] args) throws Exception {
        ProviderChoice provider = args.length > 0 ? ProviderChoice.valueOf(args[0].toUpperCase(Locale.ROOT))
                : ProviderChoice.AUTO;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ProviderPolicy policy = provider == ProviderChoice.CPU ? ProviderPolicy.cpuOnly()
                : ProviderPolicy.fromEnvironment();
        Path dir = Files.createTempDirectory("translate-bench");
        List<Row> rows = new ArrayList<>();
        try (InferenceEngine engine = new InferenceEngine(policy)) {
            Path conv = TranslateTestModels.conv3(dir, TensorLayout.NCHW, 256);
            Path espcn = SharedFiles.root().resolve("models").resolve("superres_espcn_x3_y.onnx");
            int[][] sizes = {{1280, 720}, {1920, 1080}};
            String providerText = null;
            for (int[] size : sizes) {
                ImageView src = TestImages.random(size[0], size[1], PixelFormat.RGBA_U8, 1);
                ImageView dst = ImageView.allocate(size[0], size[1], PixelFormat.RGBA_U8);
                ModelSession convSession = engine.open(conv, provider);
                providerText = convSession.provider().describe();
                TranslatorContract convContract = TranslatorContract.infer(OnnxTranslatorSession.signatureOf(convSession));
                ImageTranslator t = new ImageTranslator(new OnnxTranslatorSession(convSession, convContract),
                        convContract);
                rows.add(time(t, src, dst, Fit.of(FitMode.RESIZE), frames, "conv3x3 256", size));
                rows.add(time(t, src, dst, new Fit(FitMode.TILES, 256, 32, Feather.COSINE), frames, "conv3x3 256", size));
                if (Files.isRegularFile(espcn)) {
                    ModelSession es = engine.open(espcn, provider);
                    TranslatorContract ec = new TranslatorContract(TensorLayout.NCHW, ColorOrder.RGB, ValueRange.ZERO_ONE,
                            -1, -1, 1, 1, 1, 3, "input", "output", TranslatorContract.Source.EXPLICIT, "");
                    ImageTranslator et = new ImageTranslator(new OnnxTranslatorSession(es, ec), ec);
                    ImageView big = ImageView.allocate(size[0] * 3, size[1] * 3, PixelFormat.RGBA_U8);
                    rows.add(time(et, src, big, Fit.of(FitMode.NATIVE), frames, "ESPCN x3", size));
                    rows.add(time(et, src, big, new Fit(FitMode.TILES, 512, 16, Feather.COSINE), frames, "ESPCN x3",
                            size));
                }
            }
            System.out.println();
            System.out.println("Image Translate bench: " + providerText + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPU threads visible, " + frames + " timed frames after 2 warm-up, 8-bit RGBA frames");
            System.out.printf("%-12s %-7s %-10s %-10s %6s %10s %9s %11s %9s%n", "model", "fit", "frame", "output",
                    "runs", "ms/frame", "fps", "run ms", "outside");
            for (Row r : rows) {
                System.out.printf("%-12s %-7s %-10s %-10s %6.0f %10.1f %9.2f %11.1f %8.1f%%%n", r.model, r.mode, r.frame,
                        r.out, r.runsPerFrame, r.msPerFrame, 1000.0 / r.msPerFrame, r.runMsPerFrame, 100 * r.outside);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Row time(ImageTranslator t, ImageView src, ImageView dst, Fit fit, int frames, String model,
                            int[] size) {
        // Two warm-up frames: the first pays for JIT compilation and ORT's first-run setup.
        t.translate(src, dst, fit, 1f, null);
        t.translate(src, dst, fit, 1f, null);
        t.resetStats();
        for (int i = 0; i < frames; i++) {
            t.translate(src, dst, fit, 1f, null);
        }
        ImageTranslator.Stats s = t.stats();
        return new Row(model, fit.mode().name(), size[0] + "x" + size[1], dst.width() + "x" + dst.height(),
                (double) s.runs() / frames, s.totalNanos() / 1e6 / frames, s.runNanos() / 1e6 / frames, s.outsideShare());
    }
}
