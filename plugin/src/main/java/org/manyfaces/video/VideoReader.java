package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Decodes a video file with FFmpeg (JavaCV's {@code FFmpegFrameGrabber}) into RGBA_U8 frames.
 *
 * <p>Frames come out in decode (presentation) order, every frame, as views over the grabber's own
 * conversion buffer, which FFmpeg reuses: in steady state no frame-sized memory is allocated per frame.
 * Frames are delivered as stored; {@link VideoInfo#rotationDegrees()} says how a player would rotate them.
 * A file that ends before the frame count its container declares fails at its end ({@link MediaInputException}),
 * rather than passing for a shorter video.
 */
public final class VideoReader implements FrameSource {
    private final FFmpegFrameGrabber grabber;
    private final Path file;
    private final VideoInfo info;
    private ImageView view;
    private ByteBuffer viewBuffer;
    private int viewStride;
    private long framesRead;
    private boolean closed;

    private VideoReader(FFmpegFrameGrabber grabber, Path file, VideoInfo info) {
        this.grabber = grabber;
        this.file = file;
        this.info = info;
    }

    /**
     * Opens a video file.
     *
     * @throws MediaInputException when the file is missing, unreadable, not a media file or has no video
     */
    public static VideoReader open(Path file) throws MediaInputException {
        if (!Files.exists(file)) {
            throw new MediaInputException("input video " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new MediaInputException("input video " + file + " is a folder (an image sequence folder is opened "
                    + "with MediaFiles.openSource)");
        }
        if (!Files.isReadable(file)) {
            throw new MediaInputException("input video " + file + " is not readable (permissions)");
        }
        FfmpegRuntime.init();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(AV_PIX_FMT_RGBA);
        try {
            g.start();
        } catch (Exception e) {
            release(g);
            throw new MediaInputException("cannot read " + file + " as a video: " + cleanMessage(e), e);
        }
        if (!g.hasVideo() || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
            release(g);
            throw new MediaInputException("input " + file + " has no video stream");
        }
        try {
            return new VideoReader(g, file, describe(g));
        } catch (RuntimeException e) {
            release(g);
            throw new MediaInputException("cannot read " + file + " as a video: " + e.getMessage(), e);
        }
    }

    private static VideoInfo describe(FFmpegFrameGrabber g) {
        double fps = g.getVideoFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = 25.0; // a stream without a rate (rare: single image, broken header); 25 is FFmpeg's default too
        }
        long count = -1;
        AVStream vs = videoStream(g);
        if (vs != null && vs.nb_frames() > 0) {
            count = vs.nb_frames();
        }
        boolean exact = count > 0;
        if (!exact) {
            count = Math.max(0, g.getLengthInVideoFrames());
        }
        int rotation = (int) Math.round(-g.getDisplayRotation());
        rotation = ((rotation % 360) + 360) % 360;
        boolean audio = g.hasAudio() && g.getAudioChannels() > 0;
        String codec = g.getVideoCodecName();
        return new VideoInfo(g.getImageWidth(), g.getImageHeight(), fps, count, exact, g.getAspectRatio(), rotation,
                audio, audio ? g.getAudioChannels() : 0, audio ? g.getSampleRate() : 0,
                codec == null ? "unknown" : codec);
    }

    private static AVStream videoStream(FFmpegFrameGrabber g) {
        var oc = g.getFormatContext();
        if (oc == null) {
            return null;
        }
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream s = oc.streams(i);
            if (s.codecpar().codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO) {
                return s;
            }
        }
        return null;
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public ImageView next() throws MediaInputException {
        if (closed) {
            throw new IllegalStateException("reader for " + file + " is closed");
        }
        Frame f;
        try {
            f = grabber.grabImage();
        } catch (Exception e) {
            throw new MediaInputException("cannot decode frame " + framesRead + " of " + file + ": " + cleanMessage(e), e);
        }
        if (f == null || f.image == null || f.image[0] == null) {
            if (info.frameCountExact() && framesRead < info.frameCount()) {
                // FFmpeg skips what it cannot decode and ends early: a cut-off download or a damaged file.
                // Rendering the frames that did decode would silently drop the rest.
                throw new MediaInputException("input " + file.getFileName() + " ends after " + framesRead + " of the "
                        + info.frameCount() + " frames its container declares: the file is truncated or damaged");
            }
            return null;
        }
        ByteBuffer buf = ((ByteBuffer) f.image[0]).order(ByteOrder.nativeOrder());
        // The grabber hands back the same buffer every frame; rebuild the (small) view only if it moved.
        if (view == null || buf != viewBuffer || f.imageStride != viewStride) {
            viewBuffer = buf;
            viewStride = f.imageStride;
            view = new ImageView(buf, f.imageWidth, f.imageHeight, PixelFormat.RGBA_U8, 0, f.imageStride);
        }
        framesRead++;
        return view;
    }

    @Override
    public long framesRead() {
        return framesRead;
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            release(grabber);
        }
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception ignored) {
            // closing a grabber that failed to start can throw; there is nothing left to free
        }
    }

    /** JavaCV appends a hint about its log callback to every message; users do not need it. */
    static String cleanMessage(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int hint = m.indexOf(" (For more details");
        return hint > 0 ? m.substring(0, hint) : m;
    }
}
