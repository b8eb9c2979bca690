package org.manyfaces.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.manyfaces.image.ImageView;
import org.manyfaces.video.FrameSink;
import org.manyfaces.video.MediaOutputException;

/**
 * Writes exactly one rendered frame as a PNG or JPEG picture. Like every {@link FrameSink}, nothing
 * half-written appears at the output path: the picture is written under a hidden temporary name in the
 * same folder and renamed over the output by {@link #finish()}; {@link #abort()} deletes it.
 */
final class StillImageSink implements FrameSink {
    private final Path target;
    private final Path temp;
    private final String extension;
    private long written;
    private boolean finished;
    private boolean aborted;

    private StillImageSink(Path target, Path temp, String extension) {
        this.target = target;
        this.temp = temp;
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
        Path abs = output.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MediaOutputException("cannot write image " + output + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new MediaOutputException("cannot write image " + output + ": it is a folder");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new MediaOutputException("cannot write image " + output + ": the existing file is read-only");
        }
        String name = abs.getFileName().toString();
        Path temp = dir.resolve("." + name.substring(0, name.length() - ext.length() - 1) + ".partial-"
                + ProcessHandle.current().pid() + "." + ext);
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp);
        } catch (IOException e) {
            throw new MediaOutputException("cannot write image " + output + ": folder " + dir + " is not writable ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return new StillImageSink(abs, temp, ext);
    }

    @Override
    public void write(ImageView frame) throws MediaOutputException {
        if (written > 0) {
            throw new MediaOutputException("output " + target.getFileName() + " is a single picture but the input has "
                    + "more than one frame; name an image sequence (e.g. frame_%04d.png) or a video, or pick one frame "
                    + "with --frames N-N");
        }
        StillImages.write(frame, temp, extension);
        written++;
    }

    @Override
    public void finish() throws MediaOutputException {
        if (finished) {
            return;
        }
        if (written == 0) {
            abort();
            throw new MediaOutputException("no frame was rendered into " + target);
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            abort();
            throw new MediaOutputException("cannot move the finished picture into place at " + target + ": " + e, e);
        }
        finished = true;
    }

    @Override
    public void abort() {
        if (finished || aborted) {
            return;
        }
        aborted = true;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // hidden and marked ".partial": it cannot be mistaken for a finished output
        }
    }

    @Override
    public long framesWritten() {
        return written;
    }

    @Override
    public String description() {
        return target.getFileName().toString();
    }

    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }
}
