package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;

/**
 * Face Swap's source and target faces as exit codes a script can rely on: a missing source face is a usage
 * error found before any frame (exit 2, worded for the command line), every render says in how many frames
 * faces were swapped, and {@code --require-faces} turns a frame without a face into exit 7.
 */
class FaceExitCodesTest {
    @TempDir
    Path tmp;

    private static CliRun faceSwap(Path in, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "-e", "faceswap", "-i", in.toString(), "-o",
                out.toString(), "--set", "swapModel=Classic", "--set", "detector=yunet", "--models",
                SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString()));
        args.addAll(List.of(extra));
        return CliRun.inProcess(args.toArray(String[]::new));
    }

    /** A flat grey picture: no face in it. */
    private Path faceless(String name) throws IOException {
        BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private static void assertNoFrameRendered(CliRun r, Path out) {
        assertFalse(Files.exists(out), "no output: " + r);
        assertFalse(r.err().contains("frames ("), "stopped before the first frame: " + r.err());
    }

    @Test
    void aMissingOrFacelessSourceFaceIsAUsageErrorBeforeAnyFrame() throws IOException {
        Path portrait = SharedFiles.media("obama_official_portrait_2012.jpg");
        Path out = tmp.resolve("out.png");

        CliRun none = faceSwap(portrait, out);
        assertEquals(ExitCodes.USAGE, none.code(), none.toString());
        assertTrue(none.err().contains("needs a source face: add --set sourceFaces=FACE.jpg"), none.err());
        assertFalse(none.err().contains("Face Swap page"), "worded for the command line, not the editor: " + none.err());
        assertNoFrameRendered(none, out);

        CliRun missing = faceSwap(portrait, out, "--set", "sourceFaces=" + tmp.resolve("nobody.jpg"));
        assertEquals(ExitCodes.USAGE, missing.code(), missing.toString());
        assertTrue(missing.err().contains("nobody.jpg: no such file"), missing.err());
        assertNoFrameRendered(missing, out);

        CliRun faceless = faceSwap(portrait, out, "--set", "sourceFaces=" + faceless("grey.png"));
        assertEquals(ExitCodes.USAGE, faceless.code(), faceless.toString());
        assertTrue(faceless.err().contains("no face found in source image") && faceless.err().contains("grey.png"),
                faceless.err());
        assertNoFrameRendered(faceless, out);
    }

    @Test
    void theSummarySaysInHowManyFramesFacesWereSwapped() throws IOException {
        String face = "sourceFaces=" + SharedFiles.media("grace_hopper.jpg");
        CliRun portrait = faceSwap(SharedFiles.media("obama_official_portrait_2012.jpg"), tmp.resolve("a.png"),
                "--set", face);
        assertEquals(ExitCodes.OK, portrait.code(), portrait.toString());
        assertTrue(portrait.err().contains("faces swapped in 1 of 1 frames"), portrait.err());

        Path clip = SharedFiles.media("faces_pd_640x360_6s.mp4");
        CliRun video = faceSwap(clip, tmp.resolve("v.mp4"), "--set", face, "--frames", "0-4", "--no-sidecar");
        assertEquals(ExitCodes.OK, video.code(), video.toString());
        assertTrue(video.err().contains("faces swapped in 5 of 5 frames"), video.err()); // faces in every frame (media README)

        Path grey = faceless("target.png");
        CliRun nothing = faceSwap(grey, tmp.resolve("b.png"), "--set", face);
        assertEquals(ExitCodes.OK, nothing.code(), nothing.toString());
        assertTrue(nothing.err().contains("faces swapped in 0 of 1 frames"), nothing.err());
    }

    @Test
    void requireFacesFailsAFrameWithoutAFaceWithExitSeven() throws IOException {
        String face = "sourceFaces=" + SharedFiles.media("grace_hopper.jpg");
        Path out = tmp.resolve("c.png");
        CliRun r = faceSwap(faceless("target.png"), out, "--set", face, "--require-faces");
        assertEquals(ExitCodes.NO_FACE, r.code(), r.toString());
        assertTrue(r.err().contains("has no face (--require-faces)"), r.err());
        assertFalse(Files.exists(out), "no partial output");
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no temporary file");
        }

        CliRun withFaces = faceSwap(SharedFiles.media("obama_official_portrait_2012.jpg"), tmp.resolve("d.png"),
                "--set", face, "--require-faces");
        assertEquals(ExitCodes.OK, withFaces.code(), withFaces.toString());
    }
}
