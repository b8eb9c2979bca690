package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.embed.EmbedderContract;
import org.manyfaces.pipeline.embed.Embedding;
import org.manyfaces.pipeline.embed.FaceEmbedder;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.paste.PasteBack;
import org.manyfaces.pipeline.paste.PasteRegion;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The classic (model-free) swap on real photos. The check is independent of the swap code: a face
 * recogniser must see the swapped-in person in the result, and everything outside the face region
 * must be untouched.
 */
class ClassicSwapRealPhotoTest {
    private static InferenceEngine engine;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void hopperOntoObamaLooksLikeHopperAndLeavesTheRestAlone() {
        FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        FaceEmbedder recogniser = new FaceEmbedder(engine.open(SharedFiles.model("mobilefacenet_foamliu.onnx"), ProviderChoice.CPU),
                EmbedderContract.MOBILEFACENET);
        Path hopperFile = SharedFiles.media("grace_hopper.jpg");
        Path obamaFile = SharedFiles.media("obama_official_portrait_2012.jpg");
        FaceSwapComponents parts = new ModelComponents(engine, s -> yunet::detect);
        FaceSwapPipeline pipeline = new FaceSwapPipeline(parts);
        FaceSwapSettings settings = FaceSwapSettings.builder().detector(null, 0.9f).sources(List.of(hopperFile)).build();

        ImageView obama = SourceImages.read(obamaFile);
        ImageView out = ImageView.allocate(obama.width(), obama.height(), obama.format());
        StageTimer timer = new StageTimer();
        FaceSwapPipeline.RenderReport report = pipeline.render(obama, out, settings, timer);
        assertEquals(1, report.swapped().size());
        TestImages.writePng(out, Path.of("target", "face-results", "classic_hopper_onto_obama_full.png"));

        Face target = report.swapped().get(0);
        ImageView hopperImage = SourceImages.read(hopperFile);
        Face hopperFace = yunet.detect(hopperImage, 0.9f).get(0);
        Embedding hopper = recogniser.embed(hopperImage, hopperFace);
        // Source | target | result, for the README.
        TestImages.writePng(TestImages.strip(320, 1.7, hopperImage, hopperFace, obama, target, out, target),
                TestImages.output("classic_swap_source_target_result.png"));
        Embedding before = recogniser.embed(obama, target);
        Embedding after = recogniser.embed(out, target);
        float toHopper = after.cosine(hopper);
        float toObama = after.cosine(before);
        System.out.printf("classic swap: result vs Hopper %.3f, vs original Obama %.3f (Hopper vs Obama %.3f)%n",
                toHopper, toObama, hopper.cosine(before));
        assertTrue(toHopper > toObama, "the result should look more like Hopper (" + toHopper + ") than Obama (" + toObama + ")");
        assertTrue(toHopper > 0.4f, "the result should be recognised as Hopper: " + toHopper);

        // Outside the face region the output is the input, byte for byte.
        var swapper = parts.swapper(settings);
        PasteRegion roi = PasteBack.region(swapper.template().frameToCrop(target.landmarks(), swapper.cropSize()),
                swapper.cropSize(), obama.width(), obama.height());
        int bpp = obama.format().bytesPerPixel();
        for (int y = 0; y < obama.height(); y++) {
            for (int x = 0; x < obama.width(); x++) {
                if (!roi.contains(x, y)) {
                    for (int b = 0; b < bpp; b++) {
                        int o = obama.pixelOffset(x, y) + b;
                        if (obama.buffer().get(o) != out.buffer().get(o)) {
                            throw new AssertionError("pixel " + x + "," + y + " outside the face region changed");
                        }
                    }
                }
            }
        }
        assertTrue(timer.nanos(Stage.SWAP) > 0, "the swap stage was not timed");
    }

    @Test
    void twoWayDemoPictures() {
        // Biden's face onto the two-person photo (both faces), with detections shown, for the README.
        FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        FaceSwapPipeline pipeline = new FaceSwapPipeline(new ModelComponents(engine, s -> yunet::detect));
        ImageView pair = SourceImages.read(SharedFiles.media("obama_biden_two_people.jpg"));
        ImageView out = ImageView.allocate(pair.width(), pair.height(), pair.format());
        FaceSwapSettings s = FaceSwapSettings.builder().detector(null, 0.9f)
                .sources(List.of(SharedFiles.media("astronaut_eileen_collins.png"))).build();
        FaceSwapPipeline.RenderReport r = pipeline.render(pair, out, s);
        assertEquals(2, r.swapped().size());
        Face left = r.swapped().get(0);
        Face right = r.swapped().get(1);
        TestImages.writePng(TestImages.strip(320, 1.6, pair, left, out, left, pair, right, out, right),
                TestImages.output("classic_collins_onto_two_people.png"));
        pipeline.render(pair, out, s.toBuilder().showDetections(true).selectIndex(1).build());
        TestImages.writePng(TestImages.strip(320, 1.6, out, left, out, right),
                TestImages.output("classic_right_face_with_detections.png"));
    }
}
