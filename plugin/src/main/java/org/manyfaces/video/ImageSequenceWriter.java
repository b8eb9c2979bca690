package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAPF32LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Writes frames as numbered PNG (8-bit RGBA) or OpenEXR (32-bit float RGBA, zip-compressed) files.
 *
 * <p>Every file is encoded under a hidden temporary name and renamed when complete, so each file that
 * exists is whole. On abort the frame being written is removed; frames already finished stay (a render
 * can be resumed or inspected). Sequences carry no audio.
 *
 * <p>EXR values are the frame's values as they are (display-referred 0..1) unless
 * {@link ExrTransfer#SRGB_TO_LINEAR} asks for the sRGB curve to be removed first, which is what
 * compositors expect of scene-linear EXR. Alpha is never transformed.
 */
public final class ImageSequenceWriter implements FrameSink {
    /** How colour values are stored in EXR files. */
    public enum ExrTransfer {
        /** Store the values as they are (0..1, same curve as the PNG/video output). */
        AS_IS,
        /** Decode the sRGB transfer curve to linear light before storing. */
        SRGB_TO_LINEAR
    }

    private final SequencePattern pattern;
    private final long firstNumber;
    private final int width;
    private final int height;
    private final boolean exr;
    private final ExrTransfer transfer;
    private ImageView staging8;
    private ByteBuffer planes;
    private PartialFile current;
    private long framesWritten;
    private boolean aborted;
    private boolean finished;

    private ImageSequenceWriter(SequencePattern pattern, long firstNumber, int width, int height, boolean exr,
                                ExrTransfer transfer) {
        this.pattern = pattern;
        this.firstNumber = firstNumber;
        this.width = width;
        this.height = height;
        this.exr = exr;
        this.transfer = transfer;
    }

    /**
     * @param pattern     e.g. {@code out/frame_%04d.png} or {@code out/frame_%04d.exr}
     * @param firstNumber number of the first frame's file (FFmpeg and most tools start at 1)
     * @throws MediaOutputException      when the folder does not exist or cannot be written
     * @throws CodecUnavailableException when the extension is neither png nor exr, or the build lacks the encoder
     */
    public static ImageSequenceWriter open(String pattern, long firstNumber, int width, int height, ExrTransfer transfer)
            throws MediaOutputException {
        SequencePattern p;
        try {
            p = SequencePattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw new MediaOutputException(e.getMessage(), e);
        }
        String ext = p.extension();
        if (!ext.equals("png") && !ext.equals("exr")) {
            throw new CodecUnavailableException("image sequence output '" + pattern + "' must end in .png or .exr");
        }
        FfmpegRuntime.init();
        if (!FfmpegRuntime.hasEncoder(ext)) {
            throw new CodecUnavailableException("this FFmpeg build has no " + ext.toUpperCase() + " encoder; use "
                    + (ext.equals("exr") ? ".png" : "a video container"));
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        // Fail before the first frame when the folder is missing or read-only (probe with a real temp file).
        PartialFile.create(p.path(firstNumber), "image sequence").discard();
        return new ImageSequenceWriter(p, firstNumber, width, height, ext.equals("exr"),
                transfer == null ? ExrTransfer.AS_IS : transfer);
    }

    /** The path frame {@code index} (0-based) is written to. */
    public Path pathOf(long index) {
        return pattern.path(firstNumber + index);
    }

    @Override
    public void write(ImageView frame) throws MediaOutputException {
        if (aborted || finished) {
            throw new IllegalStateException("sequence " + pattern + " is " + (aborted ? "aborted" : "finished"));
        }
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame " + framesWritten + " is " + frame.width() + "x" + frame.height()
                    + " but the sequence " + pattern + " is " + width + "x" + height);
        }
        Path target = pathOf(framesWritten);
        current = PartialFile.create(target, "image");
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(current.temp().toFile(), width, height, 0);
        try {
            r.setFormat("image2");
            r.setOption("update", "1"); // one picture into exactly this file name, no pattern expansion
            if (exr) {
                r.setVideoCodecName("exr");
                r.setPixelFormat(AV_PIX_FMT_GBRAPF32LE);
                r.setVideoOption("compression", "zip16");
                r.setVideoOption("format", "float");
            } else {
                r.setVideoCodecName("png");
                r.setPixelFormat(AV_PIX_FMT_RGBA);
            }
            r.setFrameRate(25); // a still image has no rate, but the recorder needs one for its time base
            r.start();
            if (exr) {
                fillPlanes(frame);
                // One buffer holding the G, B, R and A planes back to back; stride is in floats.
                r.recordImage(width, height, Frame.DEPTH_FLOAT, 1, width, AV_PIX_FMT_GBRAPF32LE, planes);
            } else {
                ImageView src = frame;
                if (frame.format() != PixelFormat.RGBA_U8 || frame.rowStride() <= 0) {
                    if (staging8 == null) {
                        staging8 = ImageView.allocate(width, height, PixelFormat.RGBA_U8);
                    }
                    staging8.copyFrom(frame);
                    src = staging8;
                }
                ByteBuffer rows = src.buffer().duplicate().position(src.rowOffset(0)).slice();
                r.recordImage(width, height, Frame.DEPTH_UBYTE, 4, src.rowStride(), AV_PIX_FMT_RGBA, rows);
            }
            r.stop();
        } catch (Exception e) {
            try {
                r.release();
            } catch (Exception ignored) {
                // already failing
            }
            current.discard();
            current = null;
            throw new MediaOutputException("cannot write image " + target + ": " + VideoReader.cleanMessage(e), e);
        }
        current.commit();
        current = null;
        framesWritten++;
    }

    private void fillPlanes(ImageView frame) {
        int n = width * height;
        if (planes == null) {
            planes = ByteBuffer.allocateDirect(4 * 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        }
        FloatBuffer fb = planes.asFloatBuffer();
        boolean linear = transfer == ExrTransfer.SRGB_TO_LINEAR;
        // gbrap plane order: G, B, R, A.
        int[] channelOfPlane = {1, 2, 0, 3};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                for (int p = 0; p < 4; p++) {
                    int c = channelOfPlane[p];
                    float v = c < frame.channels() ? frame.get(x, y, c) : 1f;
                    if (linear && c < 3) {
                        v = srgbToLinear(v);
                    }
                    fb.put(p * n + i, v);
                }
            }
        }
    }

    /** The sRGB electro-optical transfer function (IEC 61966-2-1), applied to one 0..1 value. */
    static float srgbToLinear(float v) {
        if (v <= 0.04045f) {
            return v / 12.92f;
        }
        return (float) Math.pow((v + 0.055) / 1.055, 2.4);
    }

    @Override
    public void finish() {
        if (!aborted) {
            finished = true;
        }
    }

    @Override
    public void abort() {
        if (finished || aborted) {
            return;
        }
        aborted = true;
        if (current != null) {
            current.discard();
            current = null;
        }
    }

    @Override
    public long framesWritten() {
        return framesWritten;
    }

    @Override
    public String description() {
        return pattern.toString();
    }

    @Override
    public void close() {
        abort();
    }
}
