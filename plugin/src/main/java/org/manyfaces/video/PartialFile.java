package org.manyfaces.video;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hidden temporary file beside a final output path ({@code .name.partial-XXXX.ext}): written to while
 * encoding, then renamed over the output in one step, or deleted. Being in the same folder makes the
 * rename atomic on the same file system, so readers see either the old output or the complete new one.
 * The extension is kept so that tools (and FFmpeg) still recognise the format.
 */
public final class PartialFile {
    private final Path target;
    private final Path temp;

    private PartialFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Checks that {@code target} can be written (folder exists and is writable, target is not a folder)
     * and creates the empty temporary file, so permission problems surface before any encoding.
     */
    public static PartialFile create(Path target, String what) throws MediaOutputException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MediaOutputException("cannot write " + what + " " + target + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new MediaOutputException("cannot write " + what + " " + target + ": it is a folder");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new MediaOutputException("cannot write " + what + " " + target + ": the existing file is read-only");
        }
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String tag = Long.toString(ProcessHandle.current().pid(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 25), 36);
        Path temp = dir.resolve("." + stem + ".partial-" + tag + ext);
        try {
            Files.createFile(temp);
        } catch (IOException e) {
            throw new MediaOutputException("cannot write " + what + " " + target + ": folder " + dir
                    + " is not writable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return new PartialFile(abs, temp);
    }

    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Renames the finished temporary file over the target. */
    public void commit() throws MediaOutputException {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard();
            throw new MediaOutputException("cannot move the finished output into place at " + target + ": " + e, e);
        }
    }

    /** Deletes the temporary file if it is there; never throws. */
    public void discard() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing better to do: the name is hidden and marked ".partial", so it cannot be mistaken
            // for a finished output.
        }
    }
}
