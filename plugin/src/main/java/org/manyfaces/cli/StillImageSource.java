package org.manyfaces.cli;

import java.nio.file.Path;

import org.manyfaces.image.ImageView;
import org.manyfaces.video.FrameSource;
import org.manyfaces.video.MediaInputException;
import org.manyfaces.video.VideoInfo;

/** A single still image as a one-frame {@link FrameSource}, so pictures go through the same render pipeline as videos. */
final class StillImageSource implements FrameSource {
    private final Path file;
    private final ImageView image;
    private final VideoInfo info;
    private long read;

    private StillImageSource(Path file, ImageView image, double frameRate) {
        this.file = file;
        this.image = image;
        this.info = new VideoInfo(image.width(), image.height(), frameRate, 1, true, 1.0, 0, false, 0, 0,
                StillImages.extension(file.toString()));
    }

    /** Decodes the picture now, so an unreadable file fails before any output is touched. */
    static StillImageSource open(Path file, double frameRate) throws MediaInputException {
        return new StillImageSource(file, StillImages.read(file), frameRate);
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public ImageView next() {
        if (read > 0) {
            return null;
        }
        read++;
        return image;
    }

    @Override
    public long framesRead() {
        return read;
    }

    @Override
    public String description() {
        return file.getFileName().toString();
    }

    @Override
    public void close() {
        // the decoded picture is garbage collected
    }
}
