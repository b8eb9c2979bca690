package org.manyfaces.video;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the right reader or writer for what the user typed: a video file, an image sequence pattern
 * ({@code frame_%04d.png}) or a folder of images.
 */
public final class MediaFiles {
    /** Frame rate given to image sequences when the user names none. */
    public static final double DEFAULT_SEQUENCE_FPS = 25.0;

    private MediaFiles() {
    }

    /**
     * @param spec              a video file, a sequence pattern with {@code %d}/{@code %0Nd}, or a folder of images
     * @param sequenceFrameRate frame rate for image sequences (videos carry their own)
     * @throws MediaInputException when the input cannot be opened; the message says why
     */
    public static FrameSource openSource(String spec, double sequenceFrameRate) throws MediaInputException {
        if (SequencePattern.looksLikePattern(spec)) {
            return ImageSequenceReader.openPattern(spec, sequenceFrameRate);
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            return ImageSequenceReader.openFolder(p, sequenceFrameRate);
        }
        return VideoReader.open(p);
    }

    /** True when {@code spec} names an image sequence output (a pattern, or a folder). */
    public static boolean isSequenceOutput(String spec) {
        return SequencePattern.looksLikePattern(spec) || spec.endsWith("/") || Files.isDirectory(Path.of(spec));
    }

    /**
     * The file name pattern an image sequence output writes its frames with: the pattern itself, or
     * {@code folder/frame_%06d.png} for a folder. Only meaningful when {@link #isSequenceOutput} is true.
     */
    public static SequencePattern sequencePatternOf(String spec) {
        return SequencePattern.parse(SequencePattern.looksLikePattern(spec) ? spec
                : Path.of(spec).resolve("frame_%06d.png").toString());
    }

    /**
     * Opens the output for frames shaped like {@code like}. A folder becomes {@code folder/frame_%06d.png};
     * a sequence pattern writes PNG or EXR; anything else is a video file whose container follows its
     * extension. Video outputs carry audio when {@code videoOptions.audioFrom()} names a file with audio.
     *
     * @throws CodecUnavailableException when the codec/container cannot be produced (usage error)
     * @throws MediaOutputException      when the output cannot be created
     * @throws MediaInputException       when the audio source cannot be read
     */
    public static FrameSink openSink(String spec, VideoInfo like, VideoOutputOptions videoOptions,
                                     ImageSequenceWriter.ExrTransfer exrTransfer)
            throws MediaOutputException, MediaInputException {
        if (SequencePattern.looksLikePattern(spec)) {
            return ImageSequenceWriter.open(spec, 1, like.width(), like.height(), exrTransfer);
        }
        if (spec.endsWith("/") || Files.isDirectory(Path.of(spec))) {
            return ImageSequenceWriter.open(sequencePatternOf(spec).toString(), 1, like.width(), like.height(),
                    exrTransfer);
        }
        String lower = spec.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".png") || lower.endsWith(".exr")) {
            throw new CodecUnavailableException("output '" + spec + "' is a single image; write an image sequence "
                    + "with a frame number field, e.g. " + spec.substring(0, spec.length() - 4) + "_%04d"
                    + spec.substring(spec.length() - 4));
        }
        return VideoWriter.open(Path.of(spec), like, videoOptions);
    }
}
