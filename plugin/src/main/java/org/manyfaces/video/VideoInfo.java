package org.manyfaces.video;

/**
 * What a {@link FrameSource} delivers: frame size, rate and count, and what a writer needs to produce an
 * output that matches the input.
 *
 * @param width            frame width in pixels (storage size, before any display rotation)
 * @param height           frame height in pixels
 * @param frameRate        frames per second (the stream's average rate; 25 for image sequences unless given)
 * @param frameCount       number of frames; see {@code frameCountExact}
 * @param frameCountExact  true when the count comes from the container's frame count or a file listing,
 *                         false when it is estimated from duration × rate (then progress/ETA are approximate)
 * @param pixelAspect      sample (pixel) aspect ratio, 1.0 for square pixels
 * @param rotationDegrees  clockwise rotation players apply on display (0, 90, 180, 270); frames are
 *                         delivered as stored, unrotated, and a writer copies the rotation to its output
 * @param hasAudio         whether the input has an audio stream that a writer can carry over
 * @param audioChannels    audio channel count, 0 without audio
 * @param audioSampleRate  audio sample rate in Hz, 0 without audio
 * @param codecName        the video codec's short FFmpeg name ("h264", "png", ...), for messages
 */
public record VideoInfo(int width, int height, double frameRate, long frameCount, boolean frameCountExact,
                        double pixelAspect, int rotationDegrees, boolean hasAudio, int audioChannels,
                        int audioSampleRate, String codecName) {

    public VideoInfo {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        if (!(pixelAspect > 0)) {
            pixelAspect = 1.0;
        }
    }

    /** Duration in seconds implied by frame count and rate. */
    public double durationSeconds() {
        return frameCount / frameRate;
    }

    /** A copy with another frame count, e.g. for a sink that only writes part of the input. */
    public VideoInfo withFrameCount(long count, boolean exact) {
        return new VideoInfo(width, height, frameRate, count, exact, pixelAspect, rotationDegrees, hasAudio,
                audioChannels, audioSampleRate, codecName);
    }

    /** A copy with another frame size, e.g. for the output of an effect that enlarges the frame. */
    public VideoInfo withSize(int newWidth, int newHeight) {
        return new VideoInfo(newWidth, newHeight, frameRate, frameCount, frameCountExact, pixelAspect, rotationDegrees,
                hasAudio, audioChannels, audioSampleRate, codecName);
    }

    @Override
    public String toString() {
        return width + "x" + height + " @ " + String.format(java.util.Locale.ROOT, "%.3f", frameRate) + " fps, "
                + (frameCountExact ? "" : "~") + frameCount + " frames, " + codecName
                + (pixelAspect != 1.0 ? ", pixel aspect " + pixelAspect : "")
                + (rotationDegrees != 0 ? ", rotated " + rotationDegrees + "°" : "")
                + (hasAudio ? ", audio " + audioChannels + "ch " + audioSampleRate + " Hz" : ", no audio");
    }
}
