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
 * (OUT_PATTERN has one {@code %d}, e.g. {@code /tmp/f_%04d.pam}). With {@code --video VIDEO COUNT OUT_PATTERN}
 * it writes the first COUNT frames of a video file instead; with {@code --face-size PX DETECTOR_MODEL} in front of
 * the usual arguments every face is PX tall (close-ups), sized by the faces the detector finds in the photos.
 */
public final class HostBenchFrames {
    private HostBenchFrames() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--video")) {
            writeVideoFrames(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        int facePx = 0;
        Path detectorModel = null;
        if (args.length == 8 && args[0].equals("--face-size")) {
            facePx = Integer.parseInt(args[1]);
            detectorModel = Path.of(args[2]);
            args = java.util.Arrays.copyOfRange(args, 3, args.length);
        }
        if (args.length != 5) {
            System.err.println("usage: HostBenchFrames [--face-size PX DETECTOR_MODEL] MEDIA_DIR WxH FACES COUNT OUT_PATTERN\n"
                    + "       HostBenchFrames --video VIDEO COUNT OUT_PATTERN");
            System.exit(2);
        }
        int[] size = BenchOptions.parseSize(args[1]);
        int faces = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        BenchFrames frames = new BenchFrames(Path.of(args[0]));
        BenchFrames.DriftingClip clip;
        if (facePx > 0) {
            try (org.manyfaces.inference.InferenceEngine engine = new org.manyfaces.inference.InferenceEngine(
                    org.manyfaces.inference.ProviderPolicy.cpuOnly())) {
                org.manyfaces.pipeline.detect.OnnxFaceDetector detector = org.manyfaces.pipeline.detect.FaceDetectors.open(
                        engine, detectorModel, org.manyfaces.inference.ProviderChoice.CPU,
                        org.manyfaces.pipeline.detect.DetectorOptions.defaults());
                clip = frames.driftingFaceSize(size[0], size[1], faces, facePx, frames.photoFaceBoxes(detector::detect, 0.8f),
                        count);
            }
        } else {
            clip = frames.drifting(size[0], size[1], faces, count);
        }
        for (int i = 0; i < count; i++) {
            writePam(clip.frame(i), Path.of(String.format(args[4], i)));
        }
    }

    /**
     * The first {@code count} frames of a real video (decoded by FFmpeg through JavaCV, as the CLI decodes),
     * for {@code plugin/bench/host-profile-bench.sh}: the test host reads PAM only, and the machine needs no
     * system ffmpeg for it.
     */
    static void writeVideoFrames(Path video, int count, String outPattern) throws Exception {
        try (org.manyfaces.video.VideoReader reader = org.manyfaces.video.VideoReader.open(video)) {
            for (int i = 0; i < count; i++) {
                ImageView frame = reader.next();
                if (frame == null) {
                    throw new IOException(video + " has only " + i + " frames, " + count + " asked for");
                }
                writePam(frame, Path.of(String.format(outPattern, i)));
            }
        }
    }

    /** An 8-bit RGBA frame as a PAM file. */
    private static void writePam(ImageView frame, Path out) throws IOException {
        int w = frame.width();
        int h = frame.height();
        byte[] row = new byte[4 * w];
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
