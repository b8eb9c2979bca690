package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.ParamValues;
import org.manyfaces.testsupport.SharedFiles;

/** The {@code manyfaces} command run as a user runs it, on real pictures, models and a real clip. */
class ManyFacesCliTest {
    @TempDir
    Path tmp;

    private static String models() {
        return SharedFiles.model("face_detection_yunet_2023mar.onnx").getParent().toString();
    }

    @Test
    void helpListsCommandsAndEveryExitCode() throws IllegalAccessException {
        CliRun r = CliRun.inProcess("--help");
        assertEquals(0, r.code(), r.toString());
        for (String cmd : List.of("render", "detect", "models", "preset", "bench")) {
            assertTrue(r.out().contains("  " + cmd + " "), "command " + cmd + " listed:\n" + r.out());
        }
        // Every public exit code constant is documented, by its number.
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                int code = f.getInt(null);
                assertTrue(r.out().matches("(?s).*\\n\\s*" + code + "\\s+\\S.*"), "exit code " + code + " ("
                        + f.getName() + ") documented in --help:\n" + r.out());
            }
        }
        CliRun render = CliRun.inProcess("render", "--help");
        assertEquals(0, render.code());
        assertTrue(render.out().contains("--set") && render.out().contains("--key") && render.out().contains("Examples"));
    }

    @Test
    void noCommandAndUnknownOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, CliRun.inProcess().code());
        CliRun r = CliRun.inProcess("render", "--effect", "faceswap", "--bogus");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertEquals(ExitCodes.USAGE, CliRun.inProcess("render", "--effect", "morph", "-i", "a.mp4", "-o", "b.mp4").code());
    }

    @Test
    void badSetNameIsAUsageErrorNamingTheParameter() {
        Path out = tmp.resolve("o.mp4");
        CliRun r = CliRun.inProcess("render", "--effect", "faceswap", "-i", SharedFiles.media("faces_pd_640x360_6s.mp4")
                .toString(), "-o", out.toString(), "--set", "blendd=0.5");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("'blendd'"), r.err());
        assertTrue(r.err().contains(FaceSwapEffect.BLEND), "the message offers the real names: " + r.err());
        assertFalse(Files.exists(out));
        CliRun range = CliRun.inProcess("render", "--effect", "faceswap", "-i", "x.mp4", "-o", out.toString(),
                "--set", "blend=3");
        assertEquals(ExitCodes.USAGE, range.code());
        assertTrue(range.err().contains("'blend'") && range.err().contains("between 0 and 1"), range.err());
        CliRun key = CliRun.inProcess("render", "--effect", "faceswap", "-i", "x.mp4", "-o", out.toString(),
                "--key", "detector@3=1");
        assertEquals(ExitCodes.USAGE, key.code());
        assertTrue(key.err().contains("'detector'"), key.err());
    }

    @Test
    void unreadableInputExitsThreeWithAClearMessage() throws IOException {
        Path missing = tmp.resolve("no_such_clip.mp4");
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", missing.toString(), "-o",
                tmp.resolve("o.mp4").toString(), "--set", "model=1");
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.code(), r.toString());
        assertTrue(r.err().contains("no_such_clip.mp4") && r.err().contains("cannot read input"), r.err());

        Path garbage = Files.writeString(tmp.resolve("garbage.mp4"), "this is not a video\n".repeat(100));
        CliRun g = CliRun.inProcess("render", "--effect", "translate", "-i", garbage.toString(), "-o",
                tmp.resolve("o.mp4").toString(), "--set", "model=1");
        assertEquals(ExitCodes.INPUT_UNREADABLE, g.code(), g.toString());
        assertTrue(g.err().contains("garbage.mp4"), g.err());

        Path badPicture = Files.writeString(tmp.resolve("broken.png"), "not a png");
        CliRun p = CliRun.inProcess("render", "--effect", "translate", "-i", badPicture.toString(), "-o",
                tmp.resolve("o.png").toString(), "--set", "model=1");
        assertEquals(ExitCodes.INPUT_UNREADABLE, p.code(), p.toString());
        assertFalse(Files.exists(tmp.resolve("o.png")));
    }

    @Test
    void unwritableOutputExitsFour() {
        Path out = tmp.resolve("missing-folder").resolve("o.mp4");
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i",
                SharedFiles.media("faces_pd_640x360_6s.mp4").toString(), "-o", out.toString(), "--set", "model=1");
        assertEquals(ExitCodes.OUTPUT_UNWRITABLE, r.code(), r.toString());
        assertTrue(r.err().contains("missing-folder") && r.err().contains("does not exist"), r.err());

        Path pic = tmp.resolve("missing-folder").resolve("o.png");
        CliRun p = CliRun.inProcess("render", "--effect", "translate", "-i",
                SharedFiles.media("grace_hopper.jpg").toString(), "-o", pic.toString(), "--set", "model=1");
        assertEquals(ExitCodes.OUTPUT_UNWRITABLE, p.code(), p.toString());
    }

    @Test
    void watermarkedPictureVerifies() throws IOException {
        // Render a picture with the defaults (watermark on), then verify: found (exit 0) with the Image Translate
        // payload; the unmarked input: not found (exit NO_WATERMARK). The record names the same payload.
        Path in = SharedFiles.media("astronaut_eileen_collins.png");
        Path out = tmp.resolve("marked.png");
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", in.toString(), "-o", out.toString(),
                "--set", "model=Diagnostic: colour negative (no model)");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        org.manyfaces.disclosure.ProvenanceRecord record = org.manyfaces.disclosure.ProvenanceRecord.fromJson(
                Files.readString(tmp.resolve("marked.png.manyfaces.json")));
        assertTrue(record.watermark().enabled(), "watermark on by default: " + record.watermark());
        org.manyfaces.disclosure.Payload expected = new org.manyfaces.disclosure.Payload(
                org.manyfaces.disclosure.Payload.MANYFACES_MARK, org.manyfaces.effect.translate.ImageTranslateEffect.PAYLOAD_CODE,
                org.manyfaces.disclosure.Payload.shortHashOfName("manyfaces-diagnostic-negative"));
        assertEquals(expected, record.watermark().decodedPayload());

        CliRun found = CliRun.inProcess("verify", out.toString());
        assertEquals(ExitCodes.OK, found.code(), found.toString());
        JsonObject v = JsonParser.parseString(found.out()).getAsJsonObject();
        assertTrue(v.get("found").getAsBoolean(), found.out());
        JsonObject payload = v.getAsJsonObject("payload");
        assertEquals("org.manyfaces.ImageTranslate", payload.get("effect").getAsString(), found.out());
        assertEquals(String.format("%04x", expected.modelHash()), payload.get("modelHash").getAsString(), found.out());

        CliRun none = CliRun.inProcess("verify", in.toString());
        assertEquals(ExitCodes.NO_WATERMARK, none.code(), none.toString());
    }

    @Test
    void pictureInPictureOutRunsTheEffectExactly() throws IOException {
        // Image Translate's documented diagnostic: out = v + mix (1 - 2v) on R, G, B. With mix 1 the PNG holds
        // exactly 255 - in for every channel of every pixel (expectation from the formula, not from the code).
        // The disclosure watermark (on by default) adds its own +-few-levels pattern, so it is switched off
        // here; watermarkedPictureVerifies covers it.
        Path in = SharedFiles.media("astronaut_eileen_collins.png");
        Path out = tmp.resolve("negative.png");
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", in.toString(), "-o", out.toString(),
                "--set", "model=Diagnostic: colour negative (no model)", "--set", "watermark=false");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        BufferedImage a = ImageIO.read(in.toFile());
        BufferedImage b = ImageIO.read(out.toFile());
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                assertEquals(~a.getRGB(x, y) & 0xFFFFFF, b.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        String json = Files.readString(tmp.resolve("negative.png.manyfaces.json"));
        org.manyfaces.disclosure.ProvenanceRecord record = org.manyfaces.disclosure.ProvenanceRecord.fromJson(json);
        assertEquals("org.manyfaces.ImageTranslate", record.effectId());
        assertFalse(record.watermark().enabled(), "the watermark was switched off; the record says so");
        assertFalse(record.visibleLabel(), "no visible label by default");
        JsonObject sidecar = JsonParser.parseString(json).getAsJsonObject();
        assertEquals("org.manyfaces.ImageTranslate", sidecar.get("effectId").getAsString());
        assertEquals(org.manyfaces.inference.FileDigests.sha256(in),
                sidecar.getAsJsonArray("inputs").get(0).getAsJsonObject().get("sha256").getAsString());
        assertEquals("Diagnostic: colour negative (no model)",
                sidecar.getAsJsonObject("parameters").get("model").getAsString());
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no temporary file left");
        }
    }

    @Test
    void videoFramesRangeAndKeysFollowTheHostsInterpolation() throws Exception {
        // Frames 10..19 of the clip to a PNG sequence, mix keyed 0 at frame 10 and 1 at frame 19: frame 10 is the
        // source, frame 19 its negative, frame 13 is v + (3/9)(1 - 2v).
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path seqDir = Files.createDirectory(tmp.resolve("seq"));
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", clip.toString(), "-o",
                seqDir.resolve("f_%03d.png").toString(), "--frames", "10-19", "--set", "model=1",
                "--key", "mix@10=0", "--key", "mix@19=1", "--set", "watermark=false");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        try (Stream<Path> files = Files.list(seqDir)) {
            assertEquals(10, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        // The untouched frames, decoded independently of the CLI (the passthrough render of the same range).
        Path plainDir = Files.createDirectory(tmp.resolve("plain"));
        assertEquals(0, CliRun.inProcess("render", "--effect", "translate", "-i", clip.toString(), "-o",
                plainDir.resolve("f_%03d.png").toString(), "--frames", "10-19", "--set", "model=1",
                "--set", "mix=0").code());
        BufferedImage src10 = ImageIO.read(plainDir.resolve("f_001.png").toFile());
        BufferedImage src13 = ImageIO.read(plainDir.resolve("f_004.png").toFile());
        BufferedImage src19 = ImageIO.read(plainDir.resolve("f_010.png").toFile());
        assertMixed(src10, ImageIO.read(seqDir.resolve("f_001.png").toFile()), 0.0);
        assertMixed(src13, ImageIO.read(seqDir.resolve("f_004.png").toFile()), 3.0 / 9.0);
        assertMixed(src19, ImageIO.read(seqDir.resolve("f_010.png").toFile()), 1.0);
        JsonObject sidecar = JsonParser.parseString(Files.readString(seqDir.resolve("f_.png.manyfaces.json")))
                .getAsJsonObject();
        JsonObject render = sidecar.getAsJsonObject("render");
        assertEquals(10, render.getAsJsonObject("frames").get("first").getAsInt());
        assertEquals(19, render.getAsJsonObject("frames").get("last").getAsInt());
        assertEquals("1", render.getAsJsonObject("given").get("mix@19").getAsString());
        assertEquals("1", sidecar.getAsJsonObject("parameters").get("mix@19").getAsString(), "keys are recorded");
    }

    @Test
    void framesBeyondTheInputAreAUsageError() {
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i",
                SharedFiles.media("faces_pd_640x360_6s.mp4").toString(), "-o", tmp.resolve("o.mp4").toString(),
                "--set", "model=1", "--frames", "500-600");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("150 frame"), r.err());
        assertEquals(ExitCodes.USAGE, CliRun.inProcess("render", "--effect", "translate", "-i", "x.mp4", "-o",
                "y.mp4", "--frames", "9-3").code());
    }

    @Test
    void severalThreadsGiveTheSameFramesAsOne() throws IOException {
        // Each worker has its own effect instance; the frames (keyed mix) must not depend on which one rendered them.
        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path one = Files.createDirectory(tmp.resolve("one"));
        Path three = Files.createDirectory(tmp.resolve("three"));
        for (Path dir : List.of(one, three)) {
            CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", clip.toString(), "-o",
                    dir.resolve("f_%02d.png").toString(), "--frames", "0-11", "--set", "model=1", "--key", "mix@0=0",
                    "--key", "mix@11=1", "--threads", dir == one ? "1" : "3", "--no-sidecar");
            assertEquals(ExitCodes.OK, r.code(), r.toString());
        }
        for (int i = 1; i <= 12; i++) {
            String name = String.format("f_%02d.png", i);
            assertEquals(-1L, Files.mismatch(one.resolve(name), three.resolve(name)), name);
        }
    }

    private static void assertMixed(BufferedImage src, BufferedImage out, double mix) {
        int worst = 0;
        for (int y = 0; y < src.getHeight(); y += 7) {
            for (int x = 0; x < src.getWidth(); x += 5) {
                int s = src.getRGB(x, y);
                int o = out.getRGB(x, y);
                for (int sh = 0; sh <= 16; sh += 8) {
                    double v = ((s >> sh) & 0xFF) / 255.0;
                    double expected = 255.0 * (v + mix * (1 - 2 * v));
                    worst = Math.max(worst, (int) Math.abs(Math.round(expected) - ((o >> sh) & 0xFF)));
                }
            }
        }
        assertTrue(worst <= 1, "mix " + mix + ": worst channel error " + worst);
    }

    @Test
    void presetSeedsTheRenderAndSetOverridesIt() throws IOException {
        // A preset with the diagnostic negative and mix keyed 0.5 at frame 0 and 1 at frame 10, linear: a picture
        // (frame 0) gets v + 0.5 (1 - 2v) = 0.5 everywhere; with --set mix=1 on top, the exact negative. The
        // watermark (its own few-level pattern) is switched off to compare exact values.
        Path preset = Files.writeString(tmp.resolve("half.json"), """
                {
                  "format": "manyfaces-preset",
                  "schemaVersion": 1,
                  "effect": "org.manyfaces.ImageTranslate",
                  "manyfacesVersion": "0.1.0-SNAPSHOT",
                  "name": "Half negative",
                  "params": {
                    "model": { "value": "Diagnostic: colour negative (no model)" },
                    "mix": { "value": 0.5, "keys": [ { "t": 0, "v": 0.5 }, { "t": 10, "v": 1.0 } ] }
                  }
                }
                """);
        Path in = SharedFiles.media("grace_hopper.jpg");
        Path half = tmp.resolve("half.png");
        CliRun r = CliRun.inProcess("render", "--effect", "translate", "-i", in.toString(), "-o", half.toString(),
                "--preset", preset.toString(), "--set", "watermark=false");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        BufferedImage h = ImageIO.read(half.toFile());
        for (int y = 0; y < h.getHeight(); y += 3) {
            for (int x = 0; x < h.getWidth(); x += 3) {
                for (int sh = 0; sh <= 16; sh += 8) {
                    int v = (h.getRGB(x, y) >> sh) & 0xFF;
                    assertTrue(Math.abs(v - 127.5) <= 1, "pixel " + x + "," + y + " = " + v);
                }
            }
        }
        Path full = tmp.resolve("full.png");
        assertEquals(ExitCodes.OK, CliRun.inProcess("render", "--effect", "translate", "-i", in.toString(), "-o",
                full.toString(), "--preset", preset.toString(), "--set", "mix=1", "--set", "watermark=false").code());
        BufferedImage a = ImageIO.read(in.toFile());
        BufferedImage f = ImageIO.read(full.toFile());
        assertEquals(~a.getRGB(100, 100) & 0xFFFFFF, f.getRGB(100, 100) & 0xFFFFFF);
        JsonObject sidecar = JsonParser.parseString(Files.readString(tmp.resolve("full.png.manyfaces.json")))
                .getAsJsonObject();
        assertTrue(sidecar.getAsJsonObject("render").getAsJsonArray("files").toString().contains("\"preset\""),
                sidecar.toString());

        Path bad = Files.writeString(tmp.resolve("bad.json"), "{ \"format\": \"manyfaces-preset\", ");
        CliRun b = CliRun.inProcess("render", "--effect", "translate", "-i", in.toString(), "-o",
                tmp.resolve("x.png").toString(), "--preset", bad.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, b.code(), b.toString());
        assertTrue(b.err().contains("bad.json"), b.err());
        assertFalse(Files.exists(tmp.resolve("x.png")));
    }

    @Test
    void detectPrintsBothFacesAsJsonAndAnnotates() throws IOException {
        Path picture = SharedFiles.media("obama_biden_two_people.jpg");
        Path annotated = tmp.resolve("faces.png");
        CliRun r = CliRun.inProcess("detect", picture.toString(), "--models", models(), "--annotate",
                annotated.toString(), "--cpu");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray faces = doc.getAsJsonArray("faces");
        assertEquals(2, faces.size(), r.out());
        int w = doc.get("width").getAsInt();
        int h = doc.get("height").getAsInt();
        BufferedImage img = ImageIO.read(picture.toFile());
        assertEquals(img.getWidth(), w);
        assertEquals(img.getHeight(), h);
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < faces.size(); i++) {
            JsonObject f = faces.get(i).getAsJsonObject();
            double score = f.get("score").getAsDouble();
            assertTrue(score >= 0.9 && score <= previous, "best first, above the threshold: " + score);
            previous = score;
            JsonObject box = f.getAsJsonObject("box");
            double x = box.get("x").getAsDouble();
            double y = box.get("y").getAsDouble();
            double bw = box.get("width").getAsDouble();
            double bh = box.get("height").getAsDouble();
            assertTrue(x >= 0 && y >= 0 && x + bw <= w && y + bh <= h && bw > 50 && bh > 50, box.toString());
            JsonArray lm = f.getAsJsonArray("landmarks");
            assertEquals(5, lm.size());
            for (int k = 0; k < 5; k++) {
                double lx = lm.get(k).getAsJsonArray().get(0).getAsDouble();
                double ly = lm.get(k).getAsJsonArray().get(1).getAsDouble();
                assertTrue(lx >= x && lx <= x + bw && ly >= y && ly <= y + bh, "landmark " + k + " inside its box");
            }
            // image-left eye left of image-right eye; eyes above the mouth
            assertTrue(lm.get(0).getAsJsonArray().get(0).getAsDouble() < lm.get(1).getAsJsonArray().get(0).getAsDouble());
            assertTrue(lm.get(0).getAsJsonArray().get(1).getAsDouble() < lm.get(3).getAsJsonArray().get(1).getAsDouble());
        }
        BufferedImage drawn = ImageIO.read(annotated.toFile());
        JsonObject box0 = faces.get(0).getAsJsonObject().getAsJsonObject("box");
        int bx = (int) Math.round(box0.get("x").getAsDouble() + box0.get("width").getAsDouble() / 2);
        int by = (int) Math.round(box0.get("y").getAsDouble());
        assertEquals(0xFF1AFF33, drawn.getRGB(bx, by) | 0xFF000000, "the box's top edge is drawn in green");
    }

    @Test
    void detectOfAMissingPictureExitsThree() {
        CliRun r = CliRun.inProcess("detect", tmp.resolve("none.jpg").toString(), "--models", models());
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.code(), r.toString());
        assertTrue(r.err().contains("none.jpg"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void modelsListShowsTheSharedModelsVerifiedWithLicences() {
        CliRun r = CliRun.inProcess("models", "list", "--models", models());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        // Licences as the shared models README states them (commercial use flagged [NC] for InsightFace's SCRFD).
        Map<String, String> expected = Map.of(
                "yunet_2023mar", "MIT",
                "yunet_s_dynamic", "Apache-2.0",
                "retinaface_mbnet0.25", "MIT",
                "mobilefacenet_foamliu", "Apache-2.0",
                "scrfd_500m_bnkps", "[NC]");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String line = r.out().lines().filter(l -> l.startsWith(e.getKey() + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getKey() + " not listed:\n" + r.out()));
            assertTrue(line.contains(" verified "), line);
            assertTrue(line.contains(e.getValue()), line);
            assertTrue(line.contains(models()), "shows where the file is: " + line);
        }
        String inswapper = r.out().lines().filter(l -> l.startsWith("inswapper_128 ")).findFirst().orElseThrow();
        assertTrue(inswapper.contains("missing") && inswapper.contains("[NC]"), inswapper);
        assertTrue(r.out().contains("Provider:"), r.out());
    }

    @Test
    void modelsVerifyFailsOnACorruptedCopy() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("models"));
        byte[] bytes = Files.readAllBytes(SharedFiles.model("face_detection_yunet_2023mar.onnx"));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(dir.resolve("face_detection_yunet_2023mar.onnx"), bytes);
        CliRun r = CliRun.inProcess("models", "verify", "yunet_2023mar", "--models", dir.toString());
        assertEquals(ExitCodes.MODEL_FAILURE, r.code(), r.toString());
        assertTrue(r.out().contains("MISMATCH") && r.out().contains("SHA-256"), r.out());
        assertEquals(ExitCodes.OK, CliRun.inProcess("models", "verify", "yunet_2023mar", "--models", models()).code());
        CliRun unknown = CliRun.inProcess("models", "verify", "no_such_model", "--models", models());
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("no_such_model"), unknown.err());
    }

    @Test
    void modelsInstallFromAFolderMatchesByHash() throws IOException {
        Path src = Files.createDirectory(tmp.resolve("downloads"));
        Files.copy(SharedFiles.model("retinaface_mbnet0.25.onnx"), src.resolve("renamed-by-user.onnx"));
        Path target = tmp.resolve("installed");
        CliRun r = CliRun.inProcess("models", "install", "--from", src.toString(), "--models", target.toString(),
                "--link", "copy", "retinaface_mbnet0.25");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertEquals(org.manyfaces.inference.FileDigests.sha256(SharedFiles.model("retinaface_mbnet0.25.onnx")),
                org.manyfaces.inference.FileDigests.sha256(target.resolve("retinaface_mbnet0.25.onnx")));
        // A non-commercial model without --accept-licences (no terminal to ask) is refused, naming the licence.
        Files.copy(SharedFiles.model("scrfd_500m_bnkps.onnx"), src.resolve("scrfd.onnx"));
        CliRun nc = CliRun.inProcess("models", "install", "--from", src.toString(), "--models", target.toString(),
                "scrfd_500m_bnkps");
        assertEquals(ExitCodes.MODEL_FAILURE, nc.code(), nc.toString());
        assertTrue(nc.err().contains("non-commercial") && nc.err().contains("--accept-licences"), nc.err());
        assertEquals(ExitCodes.OK, CliRun.inProcess("models", "install", "--from", src.toString(), "--models",
                target.toString(), "--accept-licences", "scrfd_500m_bnkps").code());
    }

    @Test
    void modelsFetchKeepsVerifiedFilesAndAsksForNonCommercialLicences() throws IOException {
        // Nothing here reaches the network: an installed, verified file is kept as it is, and a non-commercial
        // model is refused by the licence gate before any download (no terminal to ask, no --accept-licences).
        Path dir = Files.createDirectory(tmp.resolve("models"));
        Files.copy(SharedFiles.model("face_detection_yunet_2023mar.onnx"), dir.resolve("face_detection_yunet_2023mar.onnx"));
        CliRun ok = CliRun.inProcess("models", "fetch", "yunet_2023mar", "--models", dir.toString());
        assertEquals(ExitCodes.OK, ok.code(), ok.toString());
        assertTrue(ok.out().contains("ok   yunet_2023mar"), ok.out());
        CliRun nc = CliRun.inProcess("models", "fetch", "inswapper_128", "--models", dir.toString());
        assertEquals(ExitCodes.MODEL_FAILURE, nc.code(), nc.toString());
        assertTrue(nc.err().contains("inswapper_128") && nc.err().contains("non-commercial"), nc.err());
        assertFalse(Files.exists(dir.resolve("inswapper_128.onnx")));
    }

    @Test
    void listParamsShowsEveryEffectParameter() {
        CliRun r = CliRun.inProcess("render", "--effect", "faceswap", "--list-params");
        assertEquals(0, r.code(), r.toString());
        for (String id : new ParamValues(org.manyfaces.effect.EffectCatalogue.get(0).params()).valueIds()) {
            assertTrue(r.out().contains("  " + id + " "), id + " listed");
        }
    }
}
