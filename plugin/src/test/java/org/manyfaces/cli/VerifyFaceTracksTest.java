package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.ReencodeAttack;

/**
 * End to end, as a user would: {@code manyfaces render} swaps the faces of the shared clip (Classic), a platform
 * re-encodes the result with x264 at CRF 23 and half the size, and {@code manyfaces verify} still finds the face
 * mark by adding up each face track's frames (exit 0), saying which effect made it; the unmarked original
 * exits 6.
 */
class VerifyFaceTracksTest {
    @TempDir
    Path tmp;

    @Test
    @Disabled("#17 not met yet: after CRF 23 + half size the 4 face tracks of the shared clip (faces ~100 px, ~50 px"
            + " after the downscale) score t = 4.1, 1.8, 1.3, 2.3 over 10 frames each against a threshold of 4.5;"
            + " the face mark's 3 px crop cells are ~1 frame px there. Enable when the mark carries such faces.")
    void aSwappedClipReencodedAtHalfSizeIsFoundAndTheOriginalIsNot() throws Exception {
        Path original = SharedFiles.media("faces_pd_640x360_6s.mp4");
        Path models = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        Path swapped = tmp.resolve("swapped.mp4");
        CliRun render = CliRun.inProcess("render", "-e", "faceswap", "-i", original.toString(), "-o", swapped.toString(),
                "--set", "swapModel=Classic", "--set", "detector=yunet", "--set",
                "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--models", models.toString(), "--no-sidecar");
        assertEquals(ExitCodes.OK, render.code(), render.toString());

        Path uploaded = tmp.resolve("uploaded.mp4");
        ReencodeAttack.h264(swapped, uploaded, 23, ReencodeAttack.HALF_SIZE);

        CliRun r = CliRun.inProcess("verify", uploaded.toString(), "--models", models.toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        JsonObject doc = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("face", doc.get("mark").getAsString(), r.out());
        assertEquals("org.manyfaces.FaceSwap", doc.getAsJsonObject("payload").get("effect").getAsString());
        JsonArray tracks = doc.getAsJsonArray("faceTracks");
        int found = 0;
        for (JsonElement t : tracks) {
            found += t.getAsJsonObject().get("found").getAsBoolean() ? 1 : 0;
        }
        assertTrue(found >= 1, r.out());
        System.out.println("VerifyFaceTracksTest, swapped + CRF 23 + half size:\n" + r.out());

        CliRun clean = CliRun.inProcess("verify", original.toString(), "--models", models.toString());
        assertEquals(ExitCodes.NO_WATERMARK, clean.code(), clean.toString());
        assertFalse(JsonParser.parseString(clean.out()).getAsJsonObject().get("found").getAsBoolean());
        System.out.println("VerifyFaceTracksTest, original:\n" + clean.out());
    }
}
