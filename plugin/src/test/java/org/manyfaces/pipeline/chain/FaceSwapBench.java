package org.manyfaces.pipeline.chain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.swap.SwapTestModels;
import org.manyfaces.testsupport.ScratchFolder;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Per-stage median render times of the face-swap pipeline on the CPU at 720p, 1080p and 4K with one
 * and four faces, for the classic swapper and for an inswapper-shaped test model (whose own compute is
 * trivial, so its rows show the pipeline's overhead around {@code session.run}). Frames are RGBA_U8
 * with copies of a real portrait; faces are found by YuNet (640 letterbox).
 *
 * <p>Run: {@code java -cp <test classpath> org.manyfaces.pipeline.chain.FaceSwapBench [reps]}.
 * Prints a table; asserts nothing.
 */
public final class FaceSwapBench {
    private FaceSwapBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (ScratchFolder dir = new ScratchFolder("faceswap-bench");
             InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
            Path source = SharedFiles.media("grace_hopper.jpg");
            ImageView portrait = SourceImages.read(SharedFiles.media("obama_speaking_podium.jpg"));
            float[] raw = new float[512];
            raw[3] = 3f;
            raw[5] = 4f;
            Path swapModel = SwapTestModels.patternSwapper(dir.resolve("swap.onnx"), SwapTestModels.asymmetricPattern(),
                    SwapTestModels.emapPickingRow(3, 1f));
            Path embedModel = SwapTestModels.constantEmbedder(dir.resolve("embed.onnx"), 112, raw);
            FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> yunet::detect));

            FaceSwapSettings classic = FaceSwapSettings.builder().detector(null, 0.8f).sources(List.of(source)).build();
            FaceSwapSettings model = FaceSwapSettings.builder().detector(null, 0.8f).sources(List.of(source))
                    .swapper(SwapperKind.INSWAPPER_128, swapModel).recognizer(RecognizerKind.ARCFACE_W600K, embedModel).build();

            int[][] sizes = {{1280, 720}, {1920, 1080}, {3840, 2160}};
            Stage[] shown = {Stage.COPY, Stage.DETECT, Stage.SOURCE, Stage.ALIGN, Stage.SWAP, Stage.SWAP_INFERENCE, Stage.PASTE};
            System.out.printf("Face swap, CPU, %d cores, median of %d renders (ms); RGBA_U8 frames%n",
                    Runtime.getRuntime().availableProcessors(), reps);
            StringBuilder head = new StringBuilder(String.format("%-22s %-9s %5s", "swapper", "frame", "faces"));
            for (Stage s : shown) {
                head.append(String.format(" %9s", s.name().toLowerCase().replace("swap_inference", "swap.run")));
            }
            head.append(String.format(" %9s %12s %8s", "total", "outside run", "share"));
            System.out.println(head);
            for (Object[] sw : new Object[][] {{"classic (512 crop)", classic}, {"inswapper-shaped test", model},
                    {"inswapper-shaped x4 boost", model.toBuilder().pixelBoost(512).build()}}) {
                for (int[] size : sizes) {
                    for (int faces : new int[] {1, 4}) {
                        ImageView frame = frame(portrait, size[0], size[1], faces);
                        ImageView out = ImageView.allocate(size[0], size[1], PixelFormat.RGBA_U8);
                        FaceSwapSettings s = (FaceSwapSettings) sw[1];
                        List<StageTimer> runs = new ArrayList<>();
                        int found = 0;
                        for (int i = 0; i < reps + 2; i++) {
                            StageTimer t = new StageTimer();
                            found = pipeline.render(frame, out, s, t).swapped().size();
                            if (i >= 2) {
                                runs.add(t);
                            }
                        }
                        StringBuilder row = new StringBuilder(String.format("%-22s %-9s %5s", sw[0], size[0] + "x" + size[1],
                                found + (found == faces ? "" : "/" + faces)));
                        for (Stage st : shown) {
                            row.append(String.format(" %9.2f", median(runs, t -> t.nanos(st))));
                        }
                        double total = median(runs, StageTimer::totalNanos);
                        double outside = median(runs, t -> t.totalNanos() - t.nanos(Stage.DETECT) - t.nanos(Stage.SWAP_INFERENCE));
                        row.append(String.format(" %9.2f %12.2f %7.0f%%", total, outside, 100 * outside / total));
                        System.out.println(row);
                    }
                }
            }
            System.out.println("share = outside run / total. Detection is YuNet 2023mar (640x640 letterbox) on the same CPU.");
            System.out.println("swap.run = time inside session.run of the swap model (part of swap); "
                    + "outside run = total minus detection minus swap.run, i.e. the Java pipeline's own cost.");
        }
    }

    static double median(List<StageTimer> runs, java.util.function.ToLongFunction<StageTimer> f) {
        long[] v = runs.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v[v.length / 2] / 1e6;
    }

    /** A grey frame with {@code faces} copies of the portrait side by side, each half the frame height. */
    static ImageView frame(ImageView portrait, int w, int h, int faces) {
        ImageView f = ImageView.allocate(w, h, PixelFormat.RGBA_U8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                f.set(x, y, 0, 0.35f);
                f.set(x, y, 1, 0.35f);
                f.set(x, y, 2, 0.38f);
                f.set(x, y, 3, 1f);
            }
        }
        int cellW = w / faces;
        double scale = Math.min(0.6 * h / portrait.height(), 0.95 * cellW / portrait.width());
        int pw = (int) (portrait.width() * scale);
        int ph = (int) (portrait.height() * scale);
        FaceCrop tile = new FaceCrop(Math.max(pw, ph));
        AffineWarp.warp(portrait, Affine2D.scaling(scale), tile);
        for (int k = 0; k < faces; k++) {
            int ox = k * cellW + (cellW - pw) / 2;
            int oy = (h - ph) / 2;
            for (int y = 0; y < ph; y++) {
                for (int x = 0; x < pw; x++) {
                    for (int c = 0; c < 3; c++) {
                        f.set(ox + x, oy + y, c, tile.get(c, x, y));
                    }
                }
            }
        }
        return f;
    }
}
