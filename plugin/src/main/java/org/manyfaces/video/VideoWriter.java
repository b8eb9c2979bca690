package org.manyfaces.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PROFILE_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.manyfaces.image.ImageView;
import org.manyfaces.image.PixelFormat;

/**
 * Encodes frames into a video file with FFmpeg (JavaCV's {@code FFmpegFrameRecorder}) at the input's size,
 * frame rate, pixel aspect and display rotation, and carries the audio of {@link VideoOutputOptions#audioFrom()}
 * over (re-encoded to AAC, or Opus in WebM, interleaved with the video as frames are written, and cut where the video ends).
 *
 * <p>Timestamps are frame indices at a constant rate: frame {@code i} is shown at {@code i / fps}.
 *
 * <p>Interrupt safety: see {@link FrameSink}. The partial file is <b>removed</b> on abort (never finalised
 * into a short video), so the output path holds either nothing new or a complete, playable file.
 */
public final class VideoWriter implements FrameSink {
    private static final Set<Integer> OPUS_RATES = Set.of(48_000, 24_000, 16_000, 12_000, 8_000);
    private final Path output;
    private final PartialFile partial;
    private final FFmpegFrameRecorder recorder;
    private final VideoInfo format;
    private final EncoderPlan plan;
    private final AudioCarrier audio;
    private ImageView staging;
    private long framesWritten;
    private boolean finished;
    private boolean aborted;

    private VideoWriter(Path output, PartialFile partial, FFmpegFrameRecorder recorder, VideoInfo format,
                        EncoderPlan plan, AudioCarrier audio) {
        this.output = output;
        this.partial = partial;
        this.recorder = recorder;
        this.format = format;
        this.plan = plan;
        this.audio = audio;
    }

    /**
     * Opens {@code output} for writing frames shaped like {@code format}.
     *
     * @throws CodecUnavailableException when the codec is missing from this FFmpeg build or not allowed in
     *                                   the container (checked before any file is created)
     * @throws MediaOutputException      when the output cannot be created or the encoder cannot start
     * @throws MediaInputException       when the audio source cannot be read
     */
    public static VideoWriter open(Path output, VideoInfo format, VideoOutputOptions options)
            throws MediaOutputException, MediaInputException {
        FfmpegRuntime.init();
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        String muxer = FfmpegRuntime.muxerFor(name);
        if (muxer == null || muxer.equals("image2")) {
            throw new CodecUnavailableException("cannot tell the video container from the output name '" + name
                    + "': use a .mp4, .mov, .webm or .mkv extension (or a %04d.png pattern for an image sequence)");
        }
        EncoderPlan plan = EncoderPlan.resolve(options, muxer, format);
        requireEncodableSize(format, plan);
        AudioCarrier audio = null;
        if (options.audioFrom() != null) {
            audio = AudioCarrier.open(options.audioFrom());
        }
        PartialFile partial;
        try {
            partial = PartialFile.create(output, "output video");
        } catch (MediaOutputException e) {
            if (audio != null) {
                audio.close();
            }
            throw e;
        }
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(partial.temp().toFile(), format.width(), format.height(),
                audio == null ? 0 : audio.channels);
        try {
            r.setFormat(muxer);
            r.setVideoCodecName(plan.encoderName());
            r.setPixelFormat(plan.pixelFormat());
            r.setFrameRate(format.frameRate());
            r.setAspectRatio(format.pixelAspect());
            if (format.rotationDegrees() != 0) {
                // JavaCV's angle is counter-clockwise (it is passed negated to av_display_rotation_set,
                // which takes a clockwise one); VideoInfo speaks clockwise, as players do.
                r.setDisplayRotation(-format.rotationDegrees());
            }
            // Always set: 0 for the encoders that take none, where JavaCV's own default (400 kbit/s) would turn
            // VP9's constant quality into a capped one.
            r.setVideoBitrate((int) Math.min(Integer.MAX_VALUE, plan.bitRate()));
            if (plan.videoProfile() != AV_PROFILE_UNKNOWN) {
                r.setVideoProfile(plan.videoProfile());
            }
            plan.options().forEach(r::setVideoOption);
            if (muxer.equals("mp4") || muxer.equals("mov")) {
                // Without use_metadata_tags the mov muxer drops every key it does not know (only title,
                // comment, ... survive); faststart puts the index first so players can start at once.
                r.setOption("movflags", "+faststart+use_metadata_tags");
            }
            for (Map.Entry<String, String> e : options.metadata().entrySet()) {
                r.setMetadata(e.getKey(), e.getValue());
            }
            if (audio != null) {
                r.setAudioCodecName(plan.audioCodec());
                // Opus runs at 48 kHz (or 24/16/12/8); the recorder resamples other rates to it.
                r.setSampleRate(plan.audioCodec().equals("libopus") && !OPUS_RATES.contains(audio.sampleRate)
                        ? 48_000 : audio.sampleRate);
                r.setAudioBitrate(audio.bitRate);
            }
            r.start();
        } catch (Exception e) {
            try {
                r.release();
            } catch (Exception ignored) {
                // already failing
            }
            partial.discard();
            if (audio != null) {
                audio.close();
            }
            throw new MediaOutputException("cannot start encoding " + output + " with " + plan.encoderName() + ": "
                    + VideoReader.cleanMessage(e), e);
        }
        return new VideoWriter(output, partial, r, format, plan, audio);
    }

    /**
     * FFmpegFrameRecorder silently widens an odd width by one and rescales the height to match, and 4:2:0
     * encoders reject odd heights: refuse instead, so an output never differs in size from its input.
     */
    private static void requireEncodableSize(VideoInfo format, EncoderPlan plan) {
        boolean chroma420 = plan.pixelFormat() == org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
        if (format.width() % 2 != 0 || (chroma420 && format.height() % 2 != 0)) {
            throw new CodecUnavailableException("a " + format.width() + "x" + format.height() + " frame cannot be encoded "
                    + "with " + plan.encoderName() + " at its own size (it needs an even width"
                    + (chroma420 ? " and height" : "") + "); write an image sequence (%04d.png) instead");
        }
    }

    /** The encoder set-up in use; its {@link EncoderPlan#summary()} says what is written, in words. */
    public EncoderPlan encoderPlan() {
        return plan;
    }

    @Override
    public void write(ImageView frame) throws MediaOutputException {
        if (finished || aborted) {
            throw new IllegalStateException("writer for " + output + " is " + (finished ? "finished" : "aborted"));
        }
        if (frame.width() != format.width() || frame.height() != format.height()) {
            throw new IllegalArgumentException("frame " + framesWritten + " is " + frame.width() + "x" + frame.height()
                    + " but " + output + " is being written at " + format.width() + "x" + format.height());
        }
        ImageView src = frame;
        if (frame.format() != PixelFormat.RGBA_U8 || frame.rowStride() <= 0) {
            if (staging == null) {
                staging = ImageView.allocate(format.width(), format.height(), PixelFormat.RGBA_U8);
            }
            staging.copyFrom(frame);
            src = staging;
        }
        // The recorder reads from the buffer's base address, so hand it a slice that starts at the top row.
        ByteBuffer rows = src.buffer().duplicate().position(src.rowOffset(0)).slice();
        try {
            recorder.recordImage(src.width(), src.height(), Frame.DEPTH_UBYTE, 4, src.rowStride(), AV_PIX_FMT_RGBA, rows);
            framesWritten++;
            if (audio != null) {
                audio.copyUntil(recorder, framesWritten / format.frameRate());
            }
        } catch (MediaInputException e) {
            throw new MediaOutputException("cannot carry audio into " + output + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MediaOutputException("cannot encode frame " + framesWritten + " into " + output + ": "
                    + VideoReader.cleanMessage(e), e);
        }
    }

    @Override
    public void finish() throws MediaOutputException {
        if (finished) {
            return;
        }
        if (aborted) {
            throw new IllegalStateException("writer for " + output + " was aborted");
        }
        try {
            if (audio != null) {
                // Audio ends with the video (to within one audio frame): a render of the first N frames
                // gets the first N frames' worth of sound, not the whole track.
                audio.copyUntil(recorder, framesWritten / format.frameRate());
            }
            recorder.stop(); // flushes delayed frames and writes the trailer (the moov index for mp4/mov)
        } catch (Exception e) {
            abort();
            throw new MediaOutputException("cannot finalise " + output + ": " + VideoReader.cleanMessage(e), e);
        } finally {
            if (audio != null) {
                audio.close();
            }
        }
        partial.commit();
        finished = true;
    }

    @Override
    public void abort() {
        if (finished || aborted) {
            return;
        }
        aborted = true;
        try {
            recorder.release();
        } catch (Exception ignored) {
            // the file is deleted next; a failing release changes nothing for the user
        }
        if (audio != null) {
            audio.close();
        }
        partial.discard();
    }

    @Override
    public long framesWritten() {
        return framesWritten;
    }

    @Override
    public String description() {
        return output.toString();
    }

    @Override
    public void close() {
        abort();
    }

    /**
     * Reads the audio of the source file (video packets skipped, not decoded) and feeds it to the recorder
     * up to the time the video has reached, so both streams stay interleaved in the output.
     */
    private static final class AudioCarrier {
        private final FFmpegFrameGrabber grabber;
        private final Path source;
        final int channels;
        final int sampleRate;
        final int bitRate;
        private Frame pending;
        private boolean ended;

        private AudioCarrier(FFmpegFrameGrabber grabber, Path source) {
            this.grabber = grabber;
            this.source = source;
            this.channels = grabber.getAudioChannels();
            this.sampleRate = grabber.getSampleRate();
            int br = grabber.getAudioBitrate();
            this.bitRate = br > 0 ? Math.min(br, 512_000) : 192_000;
        }

        /** Opens the audio of {@code source}; null when the source has no audio stream. */
        static AudioCarrier open(Path source) throws MediaInputException {
            if (!Files.isReadable(source)) {
                throw new MediaInputException("audio source " + source + " does not exist or is not readable");
            }
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.toFile());
            try {
                g.start();
            } catch (Exception e) {
                try {
                    g.close();
                } catch (Exception ignored) {
                    // failed to start; nothing to free
                }
                throw new MediaInputException("cannot read audio from " + source + ": " + VideoReader.cleanMessage(e), e);
            }
            if (!g.hasAudio() || g.getAudioChannels() <= 0 || g.getSampleRate() <= 0) {
                try {
                    g.close();
                } catch (Exception ignored) {
                    // nothing to free
                }
                return null;
            }
            return new AudioCarrier(g, source);
        }

        void copyUntil(FFmpegFrameRecorder r, double seconds) throws Exception {
            long limitMicros = Double.isInfinite(seconds) ? Long.MAX_VALUE : (long) (seconds * 1e6);
            while (!ended) {
                if (pending == null) {
                    try {
                        pending = grabber.grabFrame(true, false, true, false, false);
                    } catch (Exception e) {
                        throw new MediaInputException("cannot decode audio of " + source + ": "
                                + VideoReader.cleanMessage(e), e);
                    }
                    if (pending == null) {
                        ended = true;
                        return;
                    }
                    if (pending.samples == null) {
                        pending = null;
                        continue;
                    }
                }
                if (pending.timestamp > limitMicros) {
                    return; // keep it for the next call; the grabber does not touch its buffers until we grab again
                }
                r.recordSamples(pending.sampleRate, pending.audioChannels, pending.samples);
                pending = null;
            }
        }

        void close() {
            try {
                grabber.close();
            } catch (Exception ignored) {
                // closing twice or after a failure; nothing else to free
            }
        }
    }
}
