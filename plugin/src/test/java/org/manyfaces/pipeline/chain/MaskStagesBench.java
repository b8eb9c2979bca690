package org.manyfaces.pipeline.chain;

import org.manyfaces.pipeline.align.AlignTemplate;
import org.manyfaces.pipeline.restore.RestoreTestModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.landmark.SyntheticFace68;
import org.manyfaces.pipeline.mask.FaceRegion;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.pipeline.mask.MouthKeep;
import org.manyfaces.testsupport.ScratchFolder;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Per-stage median times of the mask, landmark and restore stages (landmarks, occlusion, region, restore) against detection in
 * the same render, at 1080p with one and four faces, Classic swap, on the CPU. The mask models are the
 * contract-shaped test models (XSeg [1,256,256,3]→[1,256,256,1], BiSeNet [1,3,512,512]→[1,19,512,512] as a
 * 1×1 convolution, 2DFAN4 [1,3,256,256]→[1,68,3]+[1,68,64,64] returning fixed points): their own compute is
 * close to nothing, so the rows show what the pipeline spends around the models (resizing the crop to the
 * model, layout and normalisation, argmax over 19 classes, the σ 5 blur, resizing back, the minimum), not
 * what the real networks cost on top.
 *
 * <p>Run: {@code java -cp <test classpath> org.manyfaces.pipeline.chain.MaskStagesBench [reps]}. Prints a
 * table; asserts nothing.
 */
public final class MaskStagesBench {
    private MaskStagesBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (ScratchFolder dir = new ScratchFolder("mask-bench");
             InferenceEngine engine = new InferenceEngine(ProviderPolicy.cpuOnly())) {
            FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"),
                    ProviderChoice.CPU, DetectorOptions.defaults());
            Path source = SharedFiles.media("grace_hopper.jpg");
            ImageView portrait = SourceImages.read(SharedFiles.media("obama_speaking_podium.jpg"));
            Path xseg = MaskTestModels.blueIsFaceXseg(dir.resolve("xseg.onnx"));
            Path parser = MaskTestModels.colourParser(dir.resolve("bisenet.onnx"));
            Path fan = MaskTestModels.fixedLandmarker(dir.resolve("fan.onnx"), SyntheticFace68.placed(8, 8, 48), 0.9f);
            // GFPGAN-shaped ([1,3,512,512] in and out, FFHQ template): the restore step's own work around the network.
            Path gfpgan = RestoreTestModels.channelGains(dir.resolve("gfpgan.onnx"), 512, 1f, 1f, 1f);
            FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> yunet::detect));
            FaceSwapSettings base = FaceSwapSettings.builder().detector(null, 0.8f).sources(List.of(source)).build();
            Set<FaceRegion> face = EnumSet.allOf(FaceRegion.class);
            Object[][] configs = {
                {"box mask only", MaskSettings.NONE},
                {"+ 68 landmarks", new MaskSettings(null, null, false, Set.of(), MouthKeep.OFF, fan, 0.5f)},
                {"+ occlusion", new MaskSettings(xseg, null, false, Set.of(), MouthKeep.OFF, null, 0.5f)},
                {"+ region (10 parts)", new MaskSettings(null, parser, true, face, MouthKeep.OFF, null, 0.5f)},
                {"+ mouth (regions)", new MaskSettings(null, parser, false, Set.of(), MouthKeep.FROM_REGIONS, null, 0.5f)},
                {"all of them", new MaskSettings(xseg, parser, true, face, MouthKeep.FROM_REGIONS, fan, 0.5f)},
                {"+ restore (GFPGAN)", MaskSettings.NONE},
            };
            Stage[] shown = {Stage.DETECT, Stage.LANDMARKS, Stage.OCCLUSION, Stage.REGION, Stage.SWAP, Stage.RESTORE,
                Stage.PASTE};
            RestoreSettings restore = new RestoreSettings(gfpgan, AlignTemplate.FFHQ_512, 512, 0.8f, 0.5f, 0.3f,
                    MaskSettings.NONE);
            System.out.printf("Mask stages, Classic swap, CPU, %d cores, 1920x1080 RGBA_U8, median of %d renders (ms)%n",
                    Runtime.getRuntime().availableProcessors(), reps);
            StringBuilder head = new StringBuilder(String.format("| %-20s | %5s |", "masks", "faces"));
            for (Stage s : shown) {
                head.append(String.format(" %9s |", s.name().toLowerCase()));
            }
            head.append(String.format(" %9s |", "total"));
            System.out.println(head);
            System.out.println(head.toString().replaceAll("[^|]", "-"));
            for (int faces : new int[] {1, 4}) {
                ImageView frame = FaceSwapBench.frame(portrait, 1920, 1080, faces);
                ImageView out = ImageView.allocate(1920, 1080, PixelFormat.RGBA_U8);
                for (Object[] c : configs) { // warm every path up first: the JIT, not the stage, would head the table
                    pipeline.render(frame, out, settings(base, c, restore));
                }
                for (Object[] c : configs) {
                    FaceSwapSettings s = settings(base, c, restore);
                    List<StageTimer> runs = new ArrayList<>();
                    int found = 0;
                    for (int i = 0; i < reps + 2; i++) {
                        StageTimer t = new StageTimer();
                        found = pipeline.render(frame, out, s, t).swapped().size();
                        if (i >= 2) {
                            runs.add(t);
                        }
                    }
                    StringBuilder row = new StringBuilder(String.format("| %-20s | %5s |", c[0],
                            found + (found == faces ? "" : "/" + faces)));
                    for (Stage st : shown) {
                        row.append(String.format(" %9.2f |", FaceSwapBench.median(runs, t -> t.nanos(st))));
                    }
                    row.append(String.format(" %9.2f |", FaceSwapBench.median(runs, StageTimer::totalNanos)));
                    System.out.println(row);
                }
            }
            System.out.println("detect = YuNet 2023mar (640 letterbox), a real model; the mask and restore models are "
                    + "contract-shaped test models with next to no compute of their own (see the class comment).");
        }
    }

    /** The bench's settings for one row: its masks, and the restore step on the restore row. */
    private static FaceSwapSettings settings(FaceSwapSettings base, Object[] row, RestoreSettings restore) {
        FaceSwapSettings.Builder b = base.toBuilder().masks((MaskSettings) row[1]);
        return (((String) row[0]).contains("restore") ? b.restore(restore) : b).build();
    }
}
