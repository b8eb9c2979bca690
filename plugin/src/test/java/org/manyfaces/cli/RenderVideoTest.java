package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ProviderChoice;
import org.manyfaces.pipeline.Box;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.detect.DetectorOptions;
import org.manyfaces.pipeline.detect.FaceDetector;
import org.manyfaces.pipeline.detect.FaceDetectors;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.TestMedia;
import org.manyfaces.video.VideoInfo;
import org.manyfaces.video.VideoReader;

/** {@code manyfaces render} on real video files, run as its own process the way a user runs it. */
class RenderVideoTest {
    /** sha256 of yunet_s_dynamic.onnx as published in the shared models README (not computed by the code). */
    private static final String YUNET_DYNAMIC_SHA256 = "daede24002cc8590f457998cc5e6c9e8b82f45f6bd969506a8913cd4ed10a2d3";

    @TempDir
    Path tmp;

    @Test
    void aFaceSwappedPictureVerifiesAndItsInputDoesNot() throws Exception {
        // The watermark is on by default: "verify" finds it in the swapped portrait (exit 0, Face Swap) and
        // not in the untouched photo (exit NO_WATERMARK); the provenance record says so too.
        Path photo = SharedFiles.media("obama_official_portrait_2012.jpg");
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        Path out = tmp.resolve("swapped.png");
        CliRun r = CliRun.process(Map.of("MANYFACES_MODELS", models.toString()), tmp,
                "render", "--effect", "faceswap", "--input", photo.toString(), "--output", out.toString(),
                "--set", "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--set", "swapModel=Classic",
                "--set", "detector=yunet");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        org.manyfaces.disclosure.ProvenanceRecord record = org.manyfaces.disclosure.ProvenanceRecord.fromJson(
                java.nio.file.Files.readString(tmp.resolve("swapped.png.manyfaces.json")));
        assertTrue(record.watermark().enabled(), record.watermark().toString());
        assertEquals(org.manyfaces.effect.faceswap.FaceSwapEffect.PAYLOAD_CODE, record.watermark().decodedPayload().effectId());

        CliRun found = CliRun.inProcess("verify", out.toString());
        assertEquals(ExitCodes.OK, found.code(), found.toString());
        assertTrue(found.out().contains("org.manyfaces.FaceSwap"), found.out());
        CliRun none = CliRun.inProcess("verify", photo.toString());
        assertEquals(ExitCodes.NO_WATERMARK, none.code(), none.toString());
    }

    @Test
    void faceSwapClassicOfTheSharedClipEndToEnd() throws Exception {
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path face = SharedFiles.media("grace_hopper.jpg");
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        Path out = tmp.resolve("swapped.mp4");
        CliRun r = CliRun.process(Map.of("MANYFACES_MODELS", models.toString()), tmp,
                "render", "--effect", "faceswap", "--input", clip.toString(), "--output", out.toString(),
                "--set", "sourceFaces=" + face, "--set", "swapModel=Classic", "--set", "detector=yunet");
        assertEquals(ExitCodes.OK, r.code(), r.toString());

        VideoInfo in;
        VideoInfo made;
        try (VideoReader a = VideoReader.open(clip); VideoReader b = VideoReader.open(out)) {
            in = a.info();
            made = b.info();
        }
        assertEquals(in.width(), made.width());
        assertEquals(in.height(), made.height());
        assertEquals(in.frameRate(), made.frameRate(), 0.01);
        assertEquals(in.hasAudio(), made.hasAudio());

        FaceDetector yunet = FaceDetectors.open(InferenceEngine.shared(),
                SharedFiles.model("face_detection_yunet_2023mar.onnx"), ProviderChoice.CPU, DetectorOptions.defaults());
        int frames = 0;
        int framesWithoutFace = 0;
        List<Double> faceChange = new ArrayList<>();
        List<Double> backgroundChange = new ArrayList<>();
        ImageView src = null;
        try (VideoReader a = VideoReader.open(clip); VideoReader b = VideoReader.open(out)) {
            ImageView o;
            while ((o = b.next()) != null) {
                ImageView i = a.next();
                assertTrue(i != null, "the output has more frames than the input");
                if (src == null) {
                    src = ImageView.allocate(i.width(), i.height(), PixelFormat.RGBA_U8);
                }
                src.copyFrom(i);
                if (yunet.detect(o, 0.6f).isEmpty()) {
                    framesWithoutFace++;
                }
                if (frames % 10 == 0) {
                    // Where the input's faces are, the output must differ (a swap happened); away from them it
                    // must not (only codec noise): the effect touches the face regions only.
                    List<Face> faces = yunet.detect(src, 0.9f);
                    assertFalse(faces.isEmpty(), "frame " + frames + " of the input has faces (media README)");
                    faceChange.add(meanAbsDiff(src, o, faces, 0.0, true));
                    backgroundChange.add(meanAbsDiff(src, o, faces, 0.6, false));
                }
                frames++;
            }
            assertEquals(null, a.next(), "the output has fewer frames than the input");
        }
        assertEquals(150, frames, "frame count");
        assertEquals(0, framesWithoutFace, "YuNet finds a face on every output frame");
        for (int k = 0; k < faceChange.size(); k++) {
            // Measured on this clip: faces 0.038-0.064, background 0.005-0.012 (H.264 noise of the re-encode).
            assertTrue(faceChange.get(k) > 0.025, "frame " + 10 * k + ": faces changed by " + faceChange.get(k));
            assertTrue(backgroundChange.get(k) < 0.015, "frame " + 10 * k + ": background changed by "
                    + backgroundChange.get(k));
            assertTrue(faceChange.get(k) > 3 * backgroundChange.get(k), "frame " + 10 * k);
        }

        JsonObject sidecar = JsonParser.parseString(Files.readString(tmp.resolve("swapped.mp4.manyfaces.json")))
                .getAsJsonObject();
        assertEquals("org.manyfaces.FaceSwap", sidecar.get("effectId").getAsString());
        assertEquals(150, sidecar.getAsJsonObject("render").getAsJsonObject("frames").get("count").getAsInt());
        org.manyfaces.disclosure.ProvenanceRecord.fromJson(Files.readString(tmp.resolve("swapped.mp4.manyfaces.json")));
        List<String> inputHashes = hashes(sidecar.getAsJsonArray("inputs"));
        assertTrue(inputHashes.contains(sha256(clip)) && inputHashes.contains(sha256(face)), inputHashes.toString());
        assertTrue(hashes(sidecar.getAsJsonArray("models")).contains(YUNET_DYNAMIC_SHA256), sidecar.toString());
        assertEquals("Classic", sidecar.getAsJsonObject("parameters").get("swapModel").getAsString());
    }

    @Test
    void timingsSayWhereTheTimeOfARealRenderWent() throws Exception {
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path face = SharedFiles.media("grace_hopper.jpg");
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        Path out = tmp.resolve("timed.mp4");
        CliRun r = CliRun.process(Map.of("MANYFACES_MODELS", models.toString()), tmp,
                "render", "--effect", "faceswap", "--input", clip.toString(), "--output", out.toString(),
                "--set", "sourceFaces=" + face, "--frames", "0-19", "--no-sidecar", "--timings");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        // Every frame of the window has faces (media README), so each face-swap stage did real work.
        Map<String, double[]> rows = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  ([a-z ,.]+?) +([0-9.]+) +([0-9.]+)%")
                .matcher(r.err());
        while (m.find()) {
            rows.put(m.group(1).trim(), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
        for (String stage : List.of("decode", "detect", "align", "swap", "paste", "mark", "encode")) {
            assertTrue(rows.containsKey(stage) && rows.get(stage)[0] > 0, "no time for " + stage + " in:\n" + r.err());
        }
        double shares = 0;
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            if (!e.getKey().equals("all work") && !e.getKey().equals("swap session.run")) {
                shares += e.getValue()[1];
            }
        }
        assertEquals(100.0, shares, 0.5, "the parts are all the work: " + r.err());
        assertTrue(r.err().contains("20 frames in "), r.err());
    }

    @Test
    void audioIsCarriedOverWhenTheWholeClipIsRendered() throws Exception {
        Path withAudio = TestMedia.clipWithSine(tmp, 20);
        Path whole = tmp.resolve("whole.mp4");
        CliRun r = CliRun.inProcess("render", "-e", "translate", "-i", withAudio.toString(), "-o", whole.toString(),
                "--set", "model=1", "--codec", "h264");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        try (VideoReader v = VideoReader.open(whole)) {
            assertTrue(v.info().hasAudio(), "audio carried over");
            assertEquals(20, countFrames(v));
        }
        Path part = tmp.resolve("part.mp4");
        CliRun p = CliRun.inProcess("render", "-e", "translate", "-i", withAudio.toString(), "-o", part.toString(),
                "--set", "model=1", "--frames", "5-9");
        assertEquals(ExitCodes.OK, p.code(), p.toString());
        assertTrue(p.err().contains("audio is not carried over"), p.err());
        try (VideoReader v = VideoReader.open(part)) {
            assertFalse(v.info().hasAudio());
            assertEquals(5, countFrames(v));
        }
        CliRun none = CliRun.inProcess("render", "-e", "translate", "-i", withAudio.toString(), "-o",
                tmp.resolve("silent.mp4").toString(), "--set", "model=1", "--no-audio");
        assertEquals(ExitCodes.OK, none.code());
        try (VideoReader v = VideoReader.open(tmp.resolve("silent.mp4"))) {
            assertFalse(v.info().hasAudio());
        }
    }

    @Test
    void unreadableInputInAProcessExitsThree() throws Exception {
        CliRun r = CliRun.process(Map.of(), tmp, "render", "--effect", "faceswap", "-i", "missing.mov", "-o", "o.mp4");
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.code(), r.toString());
        assertTrue(r.err().contains("missing.mov"), r.err());
        assertFalse(Files.exists(tmp.resolve("o.mp4")));
    }

    private static long countFrames(VideoReader v) throws Exception {
        long n = 0;
        while (v.next() != null) {
            n++;
        }
        return n;
    }

    /**
     * Mean absolute RGB difference (0..1) inside the faces' boxes ({@code inside}) or outside the boxes grown
     * by {@code grow} of their size on each side.
     */
    private static double meanAbsDiff(ImageView a, ImageView b, List<Face> faces, double grow, boolean inside) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                boolean inFace = false;
                for (Face f : faces) {
                    Box bx = f.box();
                    double gx = bx.width() * grow;
                    double gy = bx.height() * grow;
                    if (x >= bx.x() - gx && x <= bx.right() + gx && y >= bx.y() - gy && y <= bx.bottom() + gy) {
                        inFace = true;
                        break;
                    }
                }
                if (inFace != inside) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs(a.get(x, y, c) - b.get(x, y, c));
                }
                n += 3;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static List<String> hashes(JsonArray files) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : files) {
            out.add(e.getAsJsonObject().get("sha256").getAsString());
        }
        return out;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
