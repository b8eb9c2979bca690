package org.manyfaces.it;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.disclosure.FaceMarkReader;
import org.manyfaces.disclosure.MarkReading;
import org.manyfaces.disclosure.Payload;
import org.manyfaces.disclosure.WatermarkDetector;
import org.manyfaces.effect.DisclosurePayloads;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.testsupport.SharedFiles;

/**
 * "Every frame we change says so", through the OFX test host: Face Swap (Classic, a real portrait, a source
 * face) writes a watermark that {@link WatermarkDetector} reads back as ManyFaces / Face Swap / Classic (the
 * default, robust region mark); with "Face mark" Invisible the face mark {@link FaceMarkReader} reads instead;
 * with the watermark parameter off there is none; the visible label, when switched on, changes only its corner.
 */
class DisclosureIT {
    private static final String PLUGIN = "org.manyfaces.FaceSwap";

    @TempDir
    Path dir;

    private TestImage render(TestImage src, String... sets) throws Exception {
        Path in = dir.resolve("in.pam");
        src.write(in);
        String out = dir.resolve("o" + sets.length + "_" + String.join("_", sets).hashCode() + "_%d.pam").toString();
        String[] base = {"--plugin", PLUGIN, "--input", in.toString(), "--output", out, "--depth", "byte",
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg")};
        String[] args = new String[base.length + sets.length * 2];
        System.arraycopy(base, 0, args, 0, base.length);
        for (int i = 0; i < sets.length; i++) {
            args[base.length + 2 * i] = "--set";
            args[base.length + 2 * i + 1] = sets[i];
        }
        TestHost.Result r = TestHost.run(FaceSwapIT.env(), args);
        assertEquals(0, r.exitCode, r.toString());
        assertEquals(0, r.frames().get(0).getInt("status"), r.toString());
        return TestImage.read(Path.of(String.format(out, 0)));
    }

    private static ImageView view(TestImage t) {
        ImageView v = ImageView.allocate(t.width, t.height, PixelFormat.RGBA_F32);
        for (int y = 0; y < t.height; y++) {
            for (int x = 0; x < t.width; x++) {
                for (int c = 0; c < 4; c++) {
                    v.set(x, y, c, t.get(x, y, c));
                }
            }
        }
        return v;
    }

    @Test
    void theSwappedPortraitCarriesTheFaceSwapMarkUnlessSwitchedOff() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        WatermarkDetector detector = new WatermarkDetector();
        assertFalse(detector.detect(view(src)).found(), "the photo carries no mark");

        TestImage marked = render(src);
        MarkReading d = detector.detect(view(marked));
        assertTrue(d.found(), d.toString());
        assertEquals(new Payload(Payload.MANYFACES_MARK, FaceSwapEffect.PAYLOAD_CODE,
                Payload.shortHashOfName("manyfaces-classic-swap")), d.payload());

        TestImage plain = render(src, "watermark=0");
        assertFalse(detector.detect(view(plain)).found(), "watermark off: none found");
        // Far from the face both outputs are the source itself: the mark stays inside the swapped face.
        for (int y = 0; y < src.height; y++) {
            for (int x = 0; x < src.width; x++) {
                if (FaceSwapIT.farFromFace(x, y, 0.5)) {
                    for (int c = 0; c < 4; c++) {
                        assertEquals(src.get(x, y, c), marked.get(x, y, c), "pixel " + x + "," + y);
                    }
                }
            }
        }
    }

    /** Face mark = Invisible (index 1), set through the host: the face mark is written instead of the region mark. */
    @Test
    void theInvisibleFaceMarkChoiceWritesTheFaceMarkInstead() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        TestImage marked = render(src, FaceSwapEffect.FACE_MARK + "=" + FaceSwapEffect.FaceMark.INVISIBLE.ordinal());
        ImageView v = view(marked);
        FaceDetector yunet = FaceDetectors.open(InferenceEngine.shared(),
                SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        FaceMarkReader reader = new FaceMarkReader(DisclosurePayloads.known());
        MarkReading best = MarkReading.none();
        for (Face f : yunet.detect(v, 0.6f)) {
            MarkReading r = reader.judgeStill(v, f.landmarks());
            if (r.found() && r.score() > best.score()) {
                best = r;
            }
        }
        assertTrue(best.found(), "face mark on the swapped face: " + best);
        assertEquals(new Payload(Payload.MANYFACES_MARK, FaceSwapEffect.PAYLOAD_CODE,
                Payload.shortHashOfName("manyfaces-classic-swap")), best.payload());
        assertFalse(new WatermarkDetector(DisclosurePayloads.known()).detect(v).found(), "and no region mark");
    }

    @Test
    void theVisibleLabelAppearsInTheChosenCornerOnly() throws Exception {
        TestImage src = FaceSwapIT.photo("obama_official_portrait_2012.jpg");
        TestImage without = render(src, "watermark=0");
        TestImage with = render(src, "watermark=0", "visibleLabel=1", "labelCorner=1",
                "labelOpacity=1");
        int inCorner = 0;
        for (int y = 0; y < src.height; y++) {
            for (int x = 0; x < src.width; x++) {
                for (int c = 0; c < 3; c++) {
                    if (with.get(x, y, c) != without.get(x, y, c)) {
                        // Bottom-left quarter of the frame (top-down rows), clear of the face.
                        assertTrue(x < src.width / 2 && y > src.height * 3 / 4,
                                "label pixel outside the bottom-left corner at " + x + "," + y);
                        inCorner++;
                    }
                }
            }
        }
        assertTrue(inCorner > 100, "the label was drawn (" + inCorner + " values)");
    }
}
