package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.testsupport.SharedFiles;
import org.manyfaces.video.TestMedia;

/**
 * {@code manyfaces render} never replaces one of its inputs, by name or through a link, and replaces an
 * existing output only with {@code --overwrite} / {@code -y}. Every refusal is exit 4 with one sentence and
 * leaves every file as it was.
 */
class OutputOverwriteTest {
    private static final String NEGATIVE = "model=Diagnostic: colour negative (no model)";

    @TempDir
    Path tmp;

    private Path picture(String name, int grey) throws IOException {
        BufferedImage img = new BufferedImage(16, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private static CliRun negative(Path in, Path out, String... extra) {
        String[] base = {"render", "-e", "translate", "-i", in.toString(), "-o", out.toString(), "--set", NEGATIVE,
                "--set", "watermark=false"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.inProcess(args);
    }

    private void assertRefused(CliRun r, String expected) throws IOException {
        assertEquals(ExitCodes.OUTPUT_UNWRITABLE, r.code(), r.toString());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one sentence: " + r.err());
        try (Stream<Path> left = Files.walk(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no temporary file left");
        }
    }

    @Test
    void theInputIsNeverTheOutputByNameSymbolicLinkOrHardLinkEvenWithOverwrite() throws IOException {
        Path in = picture("a.png", 40);
        byte[] before = Files.readAllBytes(in);
        Path symlink = Files.createSymbolicLink(tmp.resolve("link.png"), in);
        Path hardLink = Files.createLink(tmp.resolve("hard.png"), in);
        Files.createDirectory(tmp.resolve("sub"));
        Path viaDots = tmp.resolve("sub").resolve("..").resolve("a.png");

        assertRefused(negative(in, in), "is the input");
        assertRefused(negative(in, symlink, "--overwrite"), "the same file through a link");
        assertRefused(negative(in, hardLink, "-y"), "the same file through a link");
        assertRefused(negative(in, viaDots, "--overwrite"), "is the input");
        assertArrayEquals(before, Files.readAllBytes(in), "the input is untouched");
        assertTrue(Files.isSymbolicLink(symlink));
    }

    @Test
    void aSourceFaceIsAnInputToo() throws IOException {
        Path in = picture("target.png", 40);
        Path face = Files.copy(SharedFiles.media("grace_hopper.jpg"), tmp.resolve("face.jpg"));
        byte[] before = Files.readAllBytes(face);
        CliRun r = CliRun.inProcess("render", "-e", "faceswap", "-i", in.toString(), "-o", face.toString(),
                "--set", "sourceFaces=" + face, "--set", "swapModel=Classic", "--set", "detector=yunet", "--overwrite",
                "--models", SharedFiles.model("yunet_s_dynamic.onnx").getParent().toString());
        assertRefused(r, "is the input");
        assertArrayEquals(before, Files.readAllBytes(face));
    }

    @Test
    void anExistingOutputIsReplacedOnlyWhenAskedTo() throws IOException {
        Path in = picture("in.png", 40);
        Path out = picture("out.png", 200);
        byte[] before = Files.readAllBytes(out);
        assertRefused(negative(in, out), "already exists; pass --overwrite (or -y)");
        assertArrayEquals(before, Files.readAllBytes(out), "the existing output is untouched");

        CliRun overwrite = negative(in, out, "--overwrite");
        assertEquals(ExitCodes.OK, overwrite.code(), overwrite.toString());
        assertEquals(255 - 40, ImageIO.read(out.toFile()).getRGB(3, 3) & 0xff, "the new negative replaced it");

        // The provenance record of that render now exists too: a second render needs -y for it as well.
        Path other = picture("other.png", 10);
        Files.delete(out);
        assertRefused(negative(other, out), "out.png.manyfaces.json already exists");
        CliRun y = negative(other, out, "-y");
        assertEquals(ExitCodes.OK, y.code(), y.toString());
        assertEquals(255 - 10, ImageIO.read(out.toFile()).getRGB(3, 3) & 0xff);
    }

    @Test
    void aVideoIsNotRenderedOverItself() throws Exception {
        Path clip = TestMedia.clipWithSine(tmp, 5);
        byte[] before = Files.readAllBytes(clip);
        assertRefused(negative(clip, clip, "--overwrite"), "is the input");
        assertArrayEquals(before, Files.readAllBytes(clip));
    }

    @Test
    void aSequenceIsNotRenderedOverItsOwnFramesNorIntoItsFolder() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("shots"));
        for (int i = 1; i <= 3; i++) {
            ImageIO.write(ImageIO.read(picture("p" + i + ".png", 30 * i).toFile()), "png",
                    dir.resolve(String.format("frame_%06d.png", i)).toFile());
        }
        byte[] first = Files.readAllBytes(dir.resolve("frame_000001.png"));
        String pattern = dir.resolve("frame_%06d.png").toString();
        CliRun r = CliRun.inProcess("render", "-e", "translate", "-i", pattern, "-o", pattern, "--set", NEGATIVE,
                "--overwrite");
        assertRefused(r, "is the input");
        CliRun folder = CliRun.inProcess("render", "-e", "translate", "-i", dir.toString(), "-o", dir + "/",
                "--set", NEGATIVE, "--overwrite");
        assertRefused(folder, "is the input");
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("frame_000001.png")));

        Path out = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(out.resolve("frame_000002.png"), "an older render");
        CliRun existing = CliRun.inProcess("render", "-e", "translate", "-i", pattern, "-o", out + "/",
                "--set", NEGATIVE);
        assertRefused(existing, "already exists");
        assertEquals("an older render", Files.readString(out.resolve("frame_000002.png")));
        assertFalse(Files.exists(out.resolve("frame_000001.png")), "nothing was written");
    }
}
