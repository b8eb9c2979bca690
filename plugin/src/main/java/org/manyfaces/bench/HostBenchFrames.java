package org.manyfaces.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.manyfaces.image.ImageView;

/**
 * Writes the frames {@code plugin/bench/host-fps-bench.sh} feeds the OFX test host: the bench's drifting
 * clip ({@link BenchFrames#drifting}) as 8-bit RGBA PAM files (the test host's image format). Frame
 * {@code count} equals frame 0, so the host can loop over the files for a longer clip without a jump.
 *
 * <pre>java -cp 'Resources/lib/*' org.manyfaces.bench.HostBenchFrames MEDIA_DIR WxH FACES COUNT OUT_PATTERN</pre>
 * (OUT_PATTERN has one {@code %d}, e.g. {@code /tmp/f_%04d.pam}).
 */
public final class HostBenchFrames {
    private HostBenchFrames() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: HostBenchFrames MEDIA_DIR WxH FACES COUNT OUT_PATTERN");
            System.exit(2);
        }
        int[] size = BenchOptions.parseSize(args[1]);
        int faces = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int w = size[0];
        int h = size[1];
        BenchFrames.DriftingClip clip = new BenchFrames(Path.of(args[0])).drifting(w, h, faces, count);
        byte[] row = new byte[4 * w];
        for (int i = 0; i < count; i++) {
            ImageView frame = clip.frame(i);
            Path out = Path.of(String.format(args[4], i));
            try (OutputStream o = Files.newOutputStream(out)) {
                o.write(("P7\nWIDTH " + w + "\nHEIGHT " + h + "\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int y = 0; y < h; y++) {
                    frame.buffer().get(frame.rowOffset(y), row);
                    o.write(row);
                }
            }
        }
    }
}
