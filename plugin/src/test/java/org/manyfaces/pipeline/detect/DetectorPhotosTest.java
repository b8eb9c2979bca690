package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.testsupport.SharedFiles;

/**
 * The detectors on the real photos, against the detections documented in the shared media README
 * (YuNet 2023mar: boxes [x,y,w,h] and eye positions).
 */
class DetectorPhotosTest {
    /** A documented face: box and the two eyes. */
    record Expected(float x, float y, float w, float h, float lx, float ly, float rx, float ry) {
        Box box() {
            return new Box(x, y, w, h);
        }
    }

    static final Map<String, List<Expected>> DOCUMENTED = Map.of(
            "astronaut_eileen_collins.png", List.of(new Expected(179, 63, 91, 111, 201, 105, 245, 105)),
            "grace_hopper.jpg", List.of(new Expected(179, 123, 175, 210, 226, 193, 307, 193)),
            "obama_official_portrait_2012.jpg", List.of(new Expected(369, 91, 243, 331, 440, 213, 555, 213)),
            "obama_speaking_podium.jpg", List.of(new Expected(202, 229, 275, 404, 244, 375, 368, 384)),
            "biden_official_portrait_2013.jpg", List.of(new Expected(427, 154, 437, 615, 557, 397, 766, 413)),
            "biden_standing.jpg", List.of(new Expected(426, 174, 290, 404, 520, 326, 669, 330)),
            "obama_biden_two_people.jpg", List.of(new Expected(241, 32, 143, 195, 290, 97, 361, 99),
                    new Expected(787, 48, 149, 207, 839, 132, 905, 132)));

    /** Few pixels: documented values are rounded, and resampling differs slightly between tools. */
    static final float PX = 4f;

    private static InferenceEngine engine;
    private static final Map<String, OnnxFaceDetector> DETECTORS = new HashMap<>();
    private static final Map<String, ImageView> PHOTOS = new HashMap<>();

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static OnnxFaceDetector detector(String file) {
        return DETECTORS.computeIfAbsent(file, f -> FaceDetectors.open(engine, SharedFiles.model(f),
                ProviderChoice.CPU, DetectorOptions.defaults()));
    }

    static ImageView photo(String name) {
        return PHOTOS.computeIfAbsent(name, n -> TestPhotos.rgba8(SharedFiles.media(n)));
    }

    /** Faces sorted left to right, as the documented table lists them. */
    static List<Face> leftToRight(List<Face> faces) {
        List<Face> s = new ArrayList<>(faces);
        s.sort(Comparator.comparingDouble(f -> f.box().x()));
        return s;
    }

    private static void assertNear(float expected, float actual, String what) {
        assertTrue(Math.abs(expected - actual) <= PX, what + ": expected " + expected + " ± " + PX + ", got " + actual);
    }

    @Test
    void yunetFindsTheDocumentedFacesAtThreshold09() {
        for (String model : List.of("face_detection_yunet_2023mar.onnx", "yunet_s_dynamic.onnx")) {
            FaceDetector d = detector(model);
            for (Map.Entry<String, List<Expected>> e : DOCUMENTED.entrySet()) {
                List<Face> faces = leftToRight(d.detect(photo(e.getKey()), 0.9f));
                String ctx = model + " on " + e.getKey();
                assertEquals(e.getValue().size(), faces.size(), ctx + ": " + faces);
                for (int i = 0; i < faces.size(); i++) {
                    Expected x = e.getValue().get(i);
                    Face f = faces.get(i);
                    assertNear(x.x(), f.box().x(), ctx + " box x");
                    assertNear(x.y(), f.box().y(), ctx + " box y");
                    assertNear(x.w(), f.box().width(), ctx + " box w");
                    assertNear(x.h(), f.box().height(), ctx + " box h");
                    assertNear(x.lx(), f.landmarkX(0), ctx + " left eye x");
                    assertNear(x.ly(), f.landmarkY(0), ctx + " left eye y");
                    assertNear(x.rx(), f.landmarkX(1), ctx + " right eye x");
                    assertNear(x.ry(), f.landmarkY(1), ctx + " right eye y");
                    assertTrue(f.score() >= 0.9f && f.score() <= 1f, ctx + " score " + f.score());
                }
            }
        }
    }

    @Test
    void scrfdAndRetinaFaceAgreeWithYunet() {
        // Thresholds suited to each model's score range (models README): SCRFD peaks at 0.74-0.84 on
        // these photos, RetinaFace at 0.997-1.0.
        Map<String, Float> thresholds = Map.of("scrfd_500m_bnkps.onnx", 0.5f, "retinaface_mbnet0.25.onnx", 0.9f);
        for (Map.Entry<String, Float> m : thresholds.entrySet()) {
            FaceDetector d = detector(m.getKey());
            for (Map.Entry<String, List<Expected>> e : DOCUMENTED.entrySet()) {
                List<Face> faces = leftToRight(d.detect(photo(e.getKey()), m.getValue()));
                String ctx = m.getKey() + " on " + e.getKey();
                assertEquals(e.getValue().size(), faces.size(), ctx + ": " + faces);
                for (int i = 0; i < faces.size(); i++) {
                    Expected x = e.getValue().get(i);
                    Face f = faces.get(i);
                    float iou = f.box().iou(x.box());
                    assertTrue(iou >= 0.5f, ctx + ": IoU with the documented YuNet box is " + iou);
                    // the eyes land within a tenth of the face width of YuNet's
                    float tol = 0.1f * x.w();
                    assertTrue(Math.abs(f.landmarkX(0) - x.lx()) <= tol && Math.abs(f.landmarkY(0) - x.ly()) <= tol
                            && Math.abs(f.landmarkX(1) - x.rx()) <= tol && Math.abs(f.landmarkY(1) - x.ry()) <= tol,
                            ctx + ": eyes " + f);
                }
            }
        }
    }

    @Test
    void landmarksLieInsideTheirBoxInTheDocumentedOrder() {
        Map<String, Float> thresholds = Map.of("face_detection_yunet_2023mar.onnx", 0.9f, "yunet_s_dynamic.onnx", 0.9f,
                "scrfd_500m_bnkps.onnx", 0.5f, "retinaface_mbnet0.25.onnx", 0.9f);
        for (Map.Entry<String, Float> m : thresholds.entrySet()) {
            for (String p : DOCUMENTED.keySet()) {
                for (Face f : detector(m.getKey()).detect(photo(p), m.getValue())) {
                    String ctx = m.getKey() + " on " + p + ": " + f;
                    for (int k = 0; k < 5; k++) {
                        assertTrue(f.box().contains(f.landmarkX(k), f.landmarkY(k)), ctx + " landmark " + k);
                    }
                    assertTrue(f.landmarkX(0) < f.landmarkX(1), ctx + " left eye left of right eye");
                    assertTrue(f.landmarkX(3) < f.landmarkX(4), ctx + " left mouth corner left of right");
                    float eyes = Math.max(f.landmarkY(0), f.landmarkY(1));
                    float mouth = Math.min(f.landmarkY(3), f.landmarkY(4));
                    assertTrue(eyes < f.landmarkY(2) && f.landmarkY(2) < mouth, ctx + " eyes above nose above mouth");
                }
            }
        }
    }

    @Test
    void detectorsAgreeWithEachOtherOnEveryPhoto() {
        OnnxFaceDetector yunet = detector("face_detection_yunet_2023mar.onnx");
        OnnxFaceDetector scrfd = detector("scrfd_500m_bnkps.onnx");
        OnnxFaceDetector retina = detector("retinaface_mbnet0.25.onnx");
        for (String p : DOCUMENTED.keySet()) {
            List<Face> a = leftToRight(yunet.detect(photo(p), 0.9f));
            List<Face> b = leftToRight(scrfd.detect(photo(p), 0.5f));
            List<Face> c = leftToRight(retina.detect(photo(p), 0.9f));
            assertEquals(a.size(), b.size(), p);
            assertEquals(a.size(), c.size(), p);
            for (int i = 0; i < a.size(); i++) {
                assertTrue(a.get(i).box().iou(b.get(i).box()) >= 0.5f, p + " yunet/scrfd");
                assertTrue(a.get(i).box().iou(c.get(i).box()) >= 0.5f, p + " yunet/retinaface");
                assertTrue(b.get(i).box().iou(c.get(i).box()) >= 0.5f, p + " scrfd/retinaface");
            }
        }
    }

    @Test
    void blankImagesHaveNoFaces() {
        for (int grey : new int[] {0, 128, 255}) {
            ImageView blank = ImageView.allocate(640, 480, PixelFormat.RGBA_U8);
            for (int i = 0; i < 640 * 480 * 4; i++) {
                blank.buffer().put(i, (byte) (i % 4 == 3 ? 255 : grey));
            }
            assertEquals(List.of(), detector("face_detection_yunet_2023mar.onnx").detect(blank, 0.9f), "grey " + grey);
            assertEquals(List.of(), detector("yunet_s_dynamic.onnx").detect(blank, 0.9f), "grey " + grey);
            assertEquals(List.of(), detector("scrfd_500m_bnkps.onnx").detect(blank, 0.5f), "grey " + grey);
            assertEquals(List.of(), detector("retinaface_mbnet0.25.onnx").detect(blank, 0.9f), "grey " + grey);
        }
    }

    @Test
    void floatAndOtherLayoutsGiveTheSameFaces() {
        for (String model : List.of("face_detection_yunet_2023mar.onnx", "scrfd_500m_bnkps.onnx",
                "retinaface_mbnet0.25.onnx")) {
            OnnxFaceDetector d = detector(model);
            float thr = model.startsWith("scrfd") ? 0.5f : 0.9f;
            for (String p : List.of("obama_biden_two_people.jpg", "astronaut_eileen_collins.png")) {
                BufferedImage img = TestPhotos.read(SharedFiles.media(p));
                ImageView base = photo(p);
                List<Face> ref = d.detect(base, thr);
                // Same bytes in other memory layouts: bit-identical results.
                assertEquals(ref, d.detect(TestPhotos.bottomUp(img, PixelFormat.RGBA_U8, false), thr), model + " bottom-up");
                assertEquals(ref, d.detect(TestPhotos.bottomUp(img, PixelFormat.RGBA_U8, true), thr),
                        model + " negative row bytes");
                // Other pixel formats: the same values up to float rounding.
                for (PixelFormat f : List.of(PixelFormat.RGBA_F32, PixelFormat.RGB_F32, PixelFormat.RGB_U8)) {
                    assertSameFaces(ref, d.detect(TestPhotos.converted(base, f), thr), model + " " + f + " " + p);
                }
                assertSameFaces(ref, d.detect(TestPhotos.bottomUp(img, PixelFormat.RGBA_F32, false), thr),
                        model + " float bottom-up " + p);
            }
        }
    }

    private static void assertSameFaces(List<Face> expected, List<Face> actual, String ctx) {
        assertEquals(expected.size(), actual.size(), ctx);
        for (int i = 0; i < expected.size(); i++) {
            Face e = expected.get(i);
            Face a = actual.get(i);
            assertTrue(e.box().iou(a.box()) > 0.99f, ctx + ": " + e + " vs " + a);
            assertEquals(e.score(), a.score(), 1e-3f, ctx);
            for (int k = 0; k < 10; k++) {
                assertEquals(e.landmarks()[k], a.landmarks()[k], 0.25f, ctx);
            }
        }
    }

    @Test
    void subViewKeepsFrameCoordinatesOfTheCrop() {
        // A view of the right half of the two-people photo (offset into the same buffer) finds Biden
        // at his documented position minus the crop offset.
        ImageView full = photo("obama_biden_two_people.jpg");
        int x0 = 563;
        ImageView right = new ImageView(full.buffer(), full.width() - x0, full.height(), full.format(),
                full.pixelOffset(x0, 0), full.rowStride());
        List<Face> faces = detector("face_detection_yunet_2023mar.onnx").detect(right, 0.9f);
        assertEquals(1, faces.size(), faces.toString());
        Expected biden = DOCUMENTED.get("obama_biden_two_people.jpg").get(1);
        // The crop is detected at another scale (0.97 instead of 0.57), so allow 5% of the face width;
        // a wrong offset would be off by hundreds of pixels.
        float tol = 0.05f * biden.w();
        assertEquals(biden.x() - x0, faces.get(0).box().x(), tol, "cropped box x");
        assertEquals(biden.y(), faces.get(0).box().y(), tol, "cropped box y");
        assertEquals(biden.lx() - x0, faces.get(0).landmarkX(0), tol, "cropped eye x");
    }

    @Test
    void timingsAreRecorded() {
        OnnxFaceDetector d = detector("face_detection_yunet_2023mar.onnx");
        d.detect(photo("grace_hopper.jpg"), 0.9f);
        OnnxFaceDetector.Timings t = d.lastTimings();
        assertTrue(t.preprocessNanos() > 0 && t.runNanos() > 0 && t.decodeNanos() > 0, t.toString());
    }
}
