package org.manyfaces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code manyfaces render} on grey pictures: the effect sees the grey the file holds. Through Image Translate's
 * diagnostic negative (out = 255 - in, watermark off) a flat 127 must come out as 128; reading grey through
 * BufferedImage.getRGB made it 187 in, 68 out.
 */
class PictureInputTest {
    @TempDir
    Path tmp;

    @Test
    void aGreyPictureIsRenderedFromTheGreyItHolds() throws Exception {
        BufferedImage grey = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                grey.getRaster().setSample(x, y, 0, 127);
            }
        }
        for (String format : new String[] {"png", "jpg"}) {
            Path in = tmp.resolve("grey." + format);
            assertTrue(ImageIO.write(grey, format.equals("jpg") ? "jpeg" : "png", in.toFile()));
            Path out = tmp.resolve("negative-" + format + ".png");
            CliRun r = CliRun.inProcess("render", "-e", "translate", "-i", in.toString(), "-o", out.toString(),
                    "--set", "model=Diagnostic: colour negative (no model)", "--set", "watermark=false");
            assertEquals(ExitCodes.OK, r.code(), r.toString());
            int rgb = ImageIO.read(out.toFile()).getRGB(10, 8);
            for (int shift : new int[] {16, 8, 0}) {
                int v = (rgb >> shift) & 0xff;
                assertTrue(Math.abs(v - 128) <= 1, format + ": 255 - 127 = 128, got " + v);
            }
        }
    }
}
