package org.manyfaces.pipeline.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.Affine2D;
import org.manyfaces.pipeline.align.SimilarityTransform;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.pipeline.embed.SourceImages;
import org.manyfaces.pipeline.landmark.Landmarks68;
import org.manyfaces.pipeline.landmark.SyntheticFace68;
import org.manyfaces.pipeline.mask.MaskTestModels;
import org.manyfaces.pipeline.mask.MouthKeep;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The 68-point masks of the Classic swap on a real photo (Hopper onto Obama, YuNet detection). The
 * landmarker is a 2DFAN4-shaped test model that returns chosen points: the synthetic 68-point face fitted
 * to YuNet's five points on the portrait, put into the model's 64×64 grid through the crop FaceFusion
 * documents (computed here). So where the target's brows and mouth are is known to the test: with the
 * face-shaped mask every pixel along the brow lines must come back bit for bit (the brows are outside the
 * pasted region), while the ellipse-only Classic swap changes them; with mouth keep from landmarks the
 * mouth comes back bit for bit.
 */
class LandmarkMasksRealPhotoTest {
    private static InferenceEngine engine;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private record Fixture(ImageView target, float[] frame68, Path landmarker, FaceSwapPipeline pipeline, Path source) {
    }

    private static Fixture fixture() {
        FaceDetector yunet = FaceDetectors.open(engine, SharedFiles.model("face_detection_yunet_2023mar.onnx"),
                ProviderChoice.CPU, DetectorOptions.defaults());
        ImageView obama = SourceImages.read(SharedFiles.media("obama_official_portrait_2012.jpg"));
        Face face = yunet.detect(obama, 0.9f).get(0);
        float[] unit = SyntheticFace68.unit();
        Affine2D fit = SimilarityTransform.estimate(new Landmarks68(unit, 1f).toFive(), face.landmarks());
        float[] frame68 = fit.apply(unit);
        // Into the model's grid: box longer side → 195 of 256, box centre → (128, 128), then /4 (an upright face).
        double s = 195.0 / Math.max(face.box().width(), face.box().height());
        double tx = (256 - (2 * face.box().x() + face.box().width()) * s) / 2;
        double ty = (256 - (2 * face.box().y() + face.box().height()) * s) / 2;
        float[] grid = new float[136];
        for (int i = 0; i < 136; i += 2) {
            grid[i] = (float) ((frame68[i] * s + tx) / 4);
            grid[i + 1] = (float) ((frame68[i + 1] * s + ty) / 4);
        }
        Path model = MaskTestModels.fixedLandmarker(dir.resolve("fan.onnx"), grid, 0.9f);
        FaceSwapPipeline p = new FaceSwapPipeline(new ModelComponents(engine, x -> yunet::detect));
        return new Fixture(obama, frame68, model, p, SharedFiles.media("grace_hopper.jpg"));
    }

    private static ImageView render(Fixture f, MaskSettings masks) {
        FaceSwapSettings s = FaceSwapSettings.builder().detector(null, 0.9f).sources(List.of(f.source())).masks(masks).build();
        ImageView out = ImageView.allocate(f.target().width(), f.target().height(), f.target().format());
        assertEquals(1, f.pipeline().render(f.target(), out, s).swapped().size());
        return out;
    }

    /** Frame pixels within {@code reach} of the polyline through points {@code from..to} of the 68. */
    private static List<int[]> along(float[] p, int from, int to, double reach) {
        List<int[]> px = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double ax = p[2 * i], ay = p[2 * i + 1], bx = p[2 * i + 2], by = p[2 * i + 3];
            for (int y = (int) (Math.min(ay, by) - reach); y <= Math.max(ay, by) + reach; y++) {
                for (int x = (int) (Math.min(ax, bx) - reach); x <= Math.max(ax, bx) + reach; x++) {
                    double t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))));
                    if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= reach) {
                        px.add(new int[] {x, y});
                    }
                }
            }
        }
        return px;
    }

    private static int changed(ImageView a, ImageView b, List<int[]> pixels) {
        int n = 0;
        for (int[] q : pixels) {
            for (int c = 0; c < 3; c++) {
                if (a.get(q[0], q[1], c) != b.get(q[0], q[1], c)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void theFaceShapedMaskLeavesTheTargetsBrowsOutsideThePaste() {
        Fixture f = fixture();
        ImageView ellipse = render(f, MaskSettings.NONE);
        ImageView outline = render(f, new MaskSettings(null, null, false, Set.of(), MouthKeep.OFF, f.landmarker(), 0.5f));
        List<int[]> brows = along(f.frame68(), 17, 21, 3);
        brows.addAll(along(f.frame68(), 22, 26, 3));
        assertTrue(brows.size() > 200, "brow pixels: " + brows.size());
        assertEquals(0, changed(f.target(), outline, brows), "brow pixels changed with the face-shaped mask");
        int byEllipse = changed(f.target(), ellipse, brows);
        assertTrue(byEllipse > brows.size() / 2, "the ellipse alone pastes over the brows (" + byEllipse + " of "
                + brows.size() + "), which is what the face-shaped mask prevents");
        // The face itself is swapped either way: the nose and cheeks change.
        List<int[]> nose = along(f.frame68(), 27, 30, 3);
        assertTrue(changed(f.target(), outline, nose) > nose.size() * 9 / 10, "the nose was not swapped");
        TestImages.writePng(outline, TestImages.output("classic_face_outline_mask.png"));
    }

    @Test
    void keepingTheMouthFromLandmarksLeavesTheTargetsMouth() {
        Fixture f = fixture();
        ImageView kept = render(f, new MaskSettings(null, null, false, Set.of(), MouthKeep.FROM_LANDMARKS, f.landmarker(), 0.5f));
        ImageView whole = render(f, new MaskSettings(null, null, false, Set.of(), MouthKeep.OFF, f.landmarker(), 0.5f));
        // The line between the lips (inner points 60..64), well inside the mouth hull.
        List<int[]> lips = along(f.frame68(), 61, 63, 1.5);
        assertEquals(0, changed(f.target(), kept, lips), "the mouth changed although it is kept");
        assertTrue(changed(f.target(), whole, lips) > lips.size() / 2, "without mouth keep the mouth is swapped");
    }
}
