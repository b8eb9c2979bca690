package org.manyfaces.pipeline.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.ElementType;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelContractException;
import org.manyfaces.inference.ModelFileException;
import org.manyfaces.inference.ModelSession;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.inference.ProviderPolicy;
import org.manyfaces.pipeline.Face;
import org.manyfaces.testsupport.OnnxModelBuilder;
import org.manyfaces.testsupport.SharedFiles;

/** Bad or wrong model files fail with a message that names the file and the mismatch. */
class DetectorModelErrorsTest {
    private static InferenceEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new InferenceEngine(ProviderPolicy.cpuOnly());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private OnnxFaceDetector open(Path p) {
        return FaceDetectors.open(engine, p, ProviderChoice.CPU, DetectorOptions.defaults());
    }

    @Test
    void randomEmptyAndTruncatedFiles() throws Exception {
        byte[] junk = new byte[10_000];
        new Random(42).nextBytes(junk);
        Path random = Files.write(dir.resolve("random.onnx"), junk);
        String m = assertThrows(ModelFileException.class, () -> open(random)).getMessage();
        assertTrue(m.contains("random.onnx"), m);

        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        m = assertThrows(ModelFileException.class, () -> open(empty)).getMessage();
        assertTrue(m.contains("empty.onnx") && m.contains("empty (0 bytes)"), m);

        byte[] real = Files.readAllBytes(SharedFiles.model("face_detection_yunet_2023mar.onnx"));
        Path truncated = Files.write(dir.resolve("yunet_cut.onnx"), Arrays.copyOf(real, real.length * 2 / 3));
        m = assertThrows(ModelFileException.class, () -> open(truncated)).getMessage();
        assertTrue(m.contains("yunet_cut.onnx") && m.contains("truncated"), m);
    }

    /** A YuNet-named model whose input is 320x320 with 3 channels; outputs named but with wrong widths. */
    @Test
    void yunetContractMismatchNamesTheTensor() {
        OnnxModelBuilder b = new OnnxModelBuilder().opset(13).input("input", ElementType.FLOAT, 1, 4, 320, 320);
        for (String kind : List.of("cls", "obj", "bbox", "kps")) {
            for (int s : new int[] {8, 16, 32}) {
                String name = kind + "_" + s;
                int n = (320 / s) * (320 / s);
                b.output(name, ElementType.FLOAT, 1, n, kind.equals("kps") ? 5 : kind.equals("bbox") ? 4 : 1);
                b.node(OnnxModelBuilder.op("ConstantOfShape").in("shape_" + name).out(name));
                b.initializerInt64("shape_" + name, new long[] {3}, 1, n, kind.equals("kps") ? 5 : kind.equals("bbox") ? 4 : 1);
            }
        }
        Path f = b.write(dir.resolve("fake_yunet.onnx"));
        ModelSession s = engine.open(f, ProviderChoice.CPU);
        ModelContractException e = assertThrows(ModelContractException.class,
                () -> new YuNetDetector(s, DetectorOptions.defaults()));
        assertTrue(e.getMessage().startsWith("fake_yunet.onnx does not fit the YuNet detector contract"), e.getMessage());
        assertTrue(e.differences().contains("input 'input': expected shape [-1,3,-1,-1], model declares [1,4,320,320]"),
                e.differences().toString());
        assertTrue(e.differences().contains("output 'kps_8': expected shape [-1,-1,10], model declares [1,1600,5]"),
                e.differences().toString());
    }

    @Test
    void aModelThatIsNoDetectorIsRecognisedAsSuch() {
        Path f = new OnnxModelBuilder().input("x", ElementType.FLOAT, 1, 3, 64, 64)
                .output("y", ElementType.FLOAT, 1, 3, 64, 64)
                .node(OnnxModelBuilder.op("Relu").in("x").out("y")).write(dir.resolve("relu.onnx"));
        ModelContractException e = assertThrows(ModelContractException.class, () -> open(f));
        assertTrue(e.getMessage().contains("relu.onnx is not a face detector") && e.getMessage().contains("[y]"),
                e.getMessage());
        ModelSession s = engine.open(f, ProviderChoice.CPU);
        String m = assertThrows(ModelContractException.class, () -> new ScrfdDetector(s, DetectorOptions.defaults()))
                .getMessage();
        assertTrue(m.contains("expected 9 outputs") && m.contains("declares 1"), m);
        m = assertThrows(ModelContractException.class, () -> new RetinaFaceDetector(s, DetectorOptions.defaults()))
                .getMessage();
        assertTrue(m.contains("model has no output 'loc'"), m);
    }

    @Test
    void realModelsAreRecognisedByTheirOutputs() {
        assertEquals("yunet", FaceDetectors.familyOf(engine.open(SharedFiles.model("yunet_s_dynamic.onnx"), ProviderChoice.CPU)));
        assertEquals("scrfd", FaceDetectors.familyOf(engine.open(SharedFiles.model("scrfd_500m_bnkps.onnx"), ProviderChoice.CPU)));
        assertEquals("retinaface", FaceDetectors.familyOf(engine.open(SharedFiles.model("retinaface_mbnet0.25.onnx"), ProviderChoice.CPU)));
    }

    /**
     * An SCRFD-shaped model built here with known outputs: one location at stride 8 scores 0.9 with unit
     * distances; its decoded box must be the anchor centre ± 8 px, scaled back to the frame. Checked for
     * the 9-output export (3 strides, 2 anchors) and the 15-output one (5 strides, 1 anchor).
     */
    @Test
    void scrfdDecodingOfAKnownOutput() {
        checkScrfd(new int[] {8, 16, 32}, 2);
        checkScrfd(new int[] {8, 16, 32, 64, 128}, 1);
    }

    private void checkScrfd(int[] strides, int anchors) {
        int in = 128;
        OnnxModelBuilder b = new OnnxModelBuilder().opset(13).input("input.1", ElementType.FLOAT, 1, 3, in, in);
        String[] kinds = {"score", "bbox", "kps"};
        int[] widths = {1, 4, 10};
        int cols8 = in / 8;
        int row = anchors * (3 * cols8 + 5) + (anchors - 1); // location (col 5, row 3), last anchor
        for (int k = 0; k < 3; k++) {
            for (int s : strides) {
                int n = (in / s) * (in / s) * anchors;
                float[] v = new float[n * widths[k]];
                if (s == 8) {
                    if (k == 0) {
                        v[row] = 0.9f;
                    } else if (k == 1) {
                        Arrays.fill(v, 4 * row, 4 * row + 4, 1f);
                    } else {
                        for (int p = 0; p < 5; p++) {
                            v[10 * row + 2 * p] = p - 2;     // x offsets -2..2 strides
                            v[10 * row + 2 * p + 1] = p * 0.5f;
                        }
                    }
                }
                // outputs positionally in InsightFace order and with non-canonical names
                String name = kinds[k] + "_out_" + s;
                b.output(name, ElementType.FLOAT, 1, n, widths[k]);
                b.initializer("c_" + name, new long[] {1, n, widths[k]}, v);
                b.node(OnnxModelBuilder.op("Identity").in("c_" + name).out(name));
            }
        }
        ModelSession s = engine.open(b.write(dir.resolve("scrfd_known_" + strides.length + ".onnx")), ProviderChoice.CPU);
        assertEquals("scrfd", FaceDetectors.familyOf(s));
        ScrfdDetector d = new ScrfdDetector(s, new DetectorOptions(in, true, 0.4f, 10));
        // A 256x256 frame: scale 0.5 into the 128x128 input, so frame coordinates are input coordinates x 2.
        List<Face> faces = d.detect(ImageView.allocate(256, 256, PixelFormat.RGBA_U8), 0.5f);
        assertEquals(1, faces.size(), strides.length + " strides");
        Face f = faces.get(0);
        // anchor centre (5*8, 3*8) = (40, 24); box 32..48 x 16..32 in input px -> x2 in frame px
        assertEquals(64f, f.box().x(), 1e-4f);
        assertEquals(32f, f.box().y(), 1e-4f);
        assertEquals(32f, f.box().width(), 1e-4f);
        assertEquals(32f, f.box().height(), 1e-4f);
        assertEquals(0.9f, f.score(), 1e-6f);
        for (int p = 0; p < 5; p++) {
            assertEquals(2 * (40 + (p - 2) * 8), f.landmarkX(p), 1e-4f);
            assertEquals(2 * (24 + p * 0.5f * 8), f.landmarkY(p), 1e-4f);
        }
    }

    /**
     * A RetinaFace-shaped model with one known prior lit: step 8, cell (row 3, col 5), min size 32 on a
     * 64x64 input, i.e. prior centre (0.6875, 0.4375) and size 0.5 (normalised). Expected values by hand.
     */
    @Test
    void retinaFaceDecodingOfAKnownOutput() {
        int priors = (8 * 8 + 4 * 4 + 2 * 2) * 2;
        int lit = (3 * 8 + 5) * 2 + 1;
        float[] loc = new float[priors * 4];
        float[] conf = new float[priors * 2];
        float[] lms = new float[priors * 10];
        for (int i = 0; i < priors; i++) {
            conf[2 * i] = 1f; // background everywhere else
        }
        loc[4 * lit] = 1f;
        loc[4 * lit + 1] = -1f;
        loc[4 * lit + 2] = 0f;
        loc[4 * lit + 3] = (float) (5 * Math.log(2)); // exp(0.2 * 5 ln 2) = 2: height doubles
        conf[2 * lit] = 0.05f;
        conf[2 * lit + 1] = 0.95f;
        for (int p = 0; p < 5; p++) {
            lms[10 * lit + 2 * p] = p - 2;
            lms[10 * lit + 2 * p + 1] = p;
        }
        Path file = new OnnxModelBuilder().opset(13).input("input", ElementType.FLOAT, 1, 3, 64, 64)
                .output("loc", ElementType.FLOAT, 1, priors, 4)
                .output("conf", ElementType.FLOAT, 1, priors, 2)
                .output("iou", ElementType.FLOAT, 1, priors, 10)
                .initializer("c_loc", new long[] {1, priors, 4}, loc)
                .initializer("c_conf", new long[] {1, priors, 2}, conf)
                .initializer("c_iou", new long[] {1, priors, 10}, lms)
                .node(OnnxModelBuilder.op("Identity").in("c_loc").out("loc"))
                .node(OnnxModelBuilder.op("Identity").in("c_conf").out("conf"))
                .node(OnnxModelBuilder.op("Identity").in("c_iou").out("iou"))
                .write(dir.resolve("retina_known.onnx"));
        OnnxFaceDetector d = FaceDetectors.open(engine, file, ProviderChoice.CPU, DetectorOptions.defaults());
        List<Face> faces = d.detect(ImageView.allocate(128, 128, PixelFormat.RGBA_U8), 0.5f);
        assertEquals(1, faces.size());
        Face f = faces.get(0);
        // centre (0.6875 + 0.1*0.5, 0.4375 - 0.1*0.5) * 64 = (47.2, 24.8); size (0.5, 1.0) * 64 = (32, 64)
        // frame = input x 2 (128 frame into 64 input)
        assertEquals(2 * (47.2f - 16f), f.box().x(), 1e-3f);
        assertEquals(2 * (24.8f - 32f), f.box().y(), 1e-3f);
        assertEquals(64f, f.box().width(), 1e-3f);
        assertEquals(128f, f.box().height(), 1e-3f);
        assertEquals(0.95f, f.score(), 1e-6f);
        for (int p = 0; p < 5; p++) {
            assertEquals(2 * (0.6875f + (p - 2) * 0.05f) * 64, f.landmarkX(p), 1e-3f);
            assertEquals(2 * (0.4375f + p * 0.05f) * 64, f.landmarkY(p), 1e-3f);
        }
    }
}
