package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * End to end, as a user would: {@code manyfaces render} swaps the faces of the shared clip (Classic) and
 * {@code manyfaces verify} finds the mark (exit 0), saying which effect made it and which mark it is; the unmarked
 * original exits 6. With the default "Face mark" (Robust) that is the frame-anchored region mark; with Invisible
 * the face mark, found by adding up each face track's frames. The same after a platform's re-encode (x264 CRF 23,
 * half size) is the goal of #17; neither mark reaches it on this clip's small faces yet (the disabled tests).
 */
class VerifyFaceTracksTest {
    private static final String INVISIBLE = "faceMark=Invisible (aligned to the face, weaker)";

    @TempDir
    Path tmp;

    @Test
    void theDefaultMarkOfASwappedClipIsTheFrameAnchoredRegionMark() throws Exception {
        JsonObject doc = verify(swap(), ExitCodes.OK);
        assertEquals("frame", doc.get("mark").getAsString(), doc.toString());
        assertEquals("org.manyfaces.FaceSwap", doc.getAsJsonObject("payload").get("effect").getAsString());
        assertEquals(0, tracksFound(doc), "the default writes no face mark: " + doc);
        assertOriginalUnmarked();
    }

    @Test
    @Disabled("Measured on mark2: the region mark of the shared clip's ~100 px faces is found in the render itself"
            + " (score 19.4) but not after a further x264 CRF 23, alone or with half size (verify reads 12 frames);"
            + " WatermarkRobustnessTest's 96-100 % are for ~200 px face regions in 640x360 frames encoded once."
            + " Enable when the region mark carries such small faces through a second encode.")
    void theDefaultMarkOfASwappedClipSurvivesAReencodeAtHalfSize() throws Exception {
        Path uploaded = tmp.resolve("uploaded.mp4");
        ReencodeAttack.h264(swap(), uploaded, 23, ReencodeAttack.HALF_SIZE);
        JsonObject doc = verify(uploaded, ExitCodes.OK);
        assertEquals("frame", doc.get("mark").getAsString(), doc.toString());
        assertEquals("org.manyfaces.FaceSwap", doc.getAsJsonObject("payload").get("effect").getAsString());
    }

    @Test
    void theInvisibleFaceMarkIsFoundPerFaceTrackInTheRender() throws Exception {
        JsonObject doc = verify(swap("--set", INVISIBLE), ExitCodes.OK);
        assertEquals("face", doc.get("mark").getAsString(), doc.toString());
        assertEquals("org.manyfaces.FaceSwap", doc.getAsJsonObject("payload").get("effect").getAsString());
        assertTrue(tracksFound(doc) >= 1, doc.toString());
    }

    @Test
    @Disabled("#17 not met by the face mark: after CRF 23 + half size the 4 face tracks of the shared clip (faces"
            + " ~100 px, ~50 px after the downscale) score t = 4.1, 1.8, 1.3, 2.3 over 10 frames each against a"
            + " threshold of 4.5; the face mark's 3 px crop cells are ~1 frame px there. This is why Robust is the"
            + " default 'Face mark'. Enable when the face mark carries such faces.")
    void theInvisibleFaceMarkSurvivesAReencodeAtHalfSize() throws Exception {
        Path uploaded = tmp.resolve("uploaded.mp4");
        ReencodeAttack.h264(swap("--set", INVISIBLE), uploaded, 23, ReencodeAttack.HALF_SIZE);
        JsonObject doc = verify(uploaded, ExitCodes.OK);
        assertEquals("face", doc.get("mark").getAsString(), doc.toString());
        assertEquals("org.manyfaces.FaceSwap", doc.getAsJsonObject("payload").get("effect").getAsString());
        assertTrue(tracksFound(doc) >= 1, doc.toString());
        assertOriginalUnmarked();
    }

    private static Path models() {
        return SharedFiles.model("yunet_s_dynamic.onnx").getParent();
    }

    /** The shared clip, Classic-swapped with Grace Hopper's face, {@code extra} options added. */
    private Path swap(String... extra) {
        Path swapped = tmp.resolve("swapped.mp4");
        List<String> args = new ArrayList<>(List.of("render", "-e", "faceswap", "-i",
                SharedFiles.media("faces_pd_640x360_6s.mp4").toString(), "-o", swapped.toString(),
                "--set", "swapModel=Classic", "--set", "detector=yunet", "--set",
                "sourceFaces=" + SharedFiles.media("grace_hopper.jpg"), "--models", models().toString(), "--no-sidecar"));
        args.addAll(List.of(extra));
        CliRun render = CliRun.inProcess(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, render.code(), render.toString());
        return swapped;
    }

    private static JsonObject verify(Path file, int exit) {
        CliRun r = CliRun.inProcess("verify", file.toString(), "--models", models().toString());
        assertEquals(exit, r.code(), r.toString());
        System.out.println("VerifyFaceTracksTest, " + file.getFileName() + ":\n" + r.out());
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private static int tracksFound(JsonObject doc) {
        JsonArray tracks = doc.has("faceTracks") ? doc.getAsJsonArray("faceTracks") : new JsonArray();
        int found = 0;
        for (JsonElement t : tracks) {
            found += t.getAsJsonObject().get("found").getAsBoolean() ? 1 : 0;
        }
        return found;
    }

    private static void assertOriginalUnmarked() {
        JsonObject clean = verify(SharedFiles.media("faces_pd_640x360_6s.mp4"), ExitCodes.NO_WATERMARK);
        assertFalse(clean.get("found").getAsBoolean());
    }
}
