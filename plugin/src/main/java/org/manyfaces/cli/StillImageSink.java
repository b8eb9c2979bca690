package org.manyfaces.cli;

import java.nio.file.Path;

import org.manyfaces.image.ImageView;
import org.manyfaces.video.FrameSink;
import org.manyfaces.video.MediaOutputException;
import org.manyfaces.video.PartialFile;

/**
 * Writes exactly one rendered frame as a PNG or JPEG picture. Like every {@link FrameSink}, nothing
 * half-written appears at the output path: the picture is written under a hidden temporary name in the
 * same folder and renamed over the output by {@link #finish()}; {@link #abort()} deletes it.
 */
final class StillImageSink implements FrameSink {
    private final PartialFile partial;
    private final String extension;
    private long written;
    private boolean finished;
    private boolean aborted;

    private StillImageSink(PartialFile partial, String extension) {
        this.partial = partial;
        this.extension = extension;
    }

    /**
     * Checks the folder can be written (by creating the temporary file) before any rendering happens.
     *
     * @throws MediaOutputException naming the output and why it cannot be written
     */
    static StillImageSink open(Path output) throws MediaOutputException {
        String ext = StillImages.extension(output.toString());
        if (!StillImages.WRITABLE.contains(ext)) {
            throw new IllegalArgumentException("a still image output must end in .png, .jpg or .jpeg: " + output);
        }
        return new StillImageSink(PartialFile.create(output, "image"), ext);
    }

    @Override
    public void write(ImageView frame) throws MediaOutputException {
        if (written > 0) {
            throw new MediaOutputException("output " + partial.target().getFileName() + " is a single picture but the "
                    + "input has more than one frame; name an image sequence (e.g. frame_%04d.png) or a video, or pick one frame "
                    + "with --frames N-N");
        }
        StillImages.write(frame, partial.temp(), extension);
        written++;
    }

    @Override
    public void finish() throws MediaOutputException {
        if (finished) {
            return;
        }
        if (written == 0) {
            abort();
            throw new MediaOutputException("no frame was rendered into " + partial.target());
        }
        partial.commit(); // on failure it has deleted the temporary file
        finished = true;
    }

    @Override
    public void abort() {
        if (finished || aborted) {
            return;
        }
        aborted = true;
        partial.discard();
    }

    @Override
    public long framesWritten() {
        return written;
    }

    @Override
    public String description() {
        return partial.target().getFileName().toString();
    }

    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }
}
