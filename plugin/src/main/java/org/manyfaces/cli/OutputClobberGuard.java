package org.manyfaces.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.manyfaces.video.SequencePattern;

/**
 * Decides, before anything is written, whether a render's outputs may be written: never over one of its own
 * inputs (the picture or video, a sequence's frames, the source faces, the preset), and over an existing file
 * only when the user said so ({@code --overwrite}, or FFmpeg's {@code -y}).
 *
 * <p>"The same file" is decided by the file system's identity of the file (device and inode, as
 * {@link Files#isSameFile} compares them), not by the name: a symbolic link or a hard link to the input is
 * the input. Writing itself is atomic already (a hidden temporary file renamed over the output), so once
 * these checks pass, an interrupted render leaves the previous output untouched.
 */
final class OutputClobberGuard {
    private OutputClobberGuard() {
    }

    /**
     * The files an output spec would write that exist now: the file itself, or for an image sequence (a
     * pattern or a folder) the existing files its frame names match; plus the side-car when one is written.
     *
     * @param sequencePattern the pattern frames are written with (null for a single-file output)
     */
    static List<Path> existingOutputs(Path singleFile, SequencePattern sequencePattern, Path sidecar) {
        List<Path> existing = new ArrayList<>();
        if (singleFile != null && Files.exists(singleFile, LinkOption.NOFOLLOW_LINKS)) {
            existing.add(singleFile);
        }
        if (sequencePattern != null) {
            existing.addAll(existingFrames(sequencePattern));
        }
        if (sidecar != null && Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            existing.add(sidecar);
        }
        return existing;
    }

    /**
     * Why the render must not write its outputs, or empty when it may.
     *
     * @param inputs    every file the render reads
     * @param existing  the output files that exist now ({@link #existingOutputs})
     * @param overwrite the user allowed replacing existing outputs
     */
    static Optional<String> refusal(List<Path> inputs, List<Path> existing, boolean overwrite) {
        for (Path out : existing) {
            for (Path in : inputs) {
                if (sameFile(in, out)) {
                    return Optional.of("output " + out + " is the input " + in
                            + (in.equals(out) ? "" : " (the same file through a link)")
                            + "; name another output, the input is never overwritten");
                }
            }
        }
        if (!overwrite && !existing.isEmpty()) {
            String what = existing.size() == 1 ? "output " + existing.get(0) + " already exists"
                    : existing.size() + " output files already exist (" + existing.get(0) + ", ...)";
            return Optional.of(what + "; pass --overwrite (or -y) to replace, or name another output");
        }
        return Optional.empty();
    }

    /** True when both name the same existing file (device and inode), whatever links lead there. */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one of them cannot be examined: it cannot be proved to be the other
        }
    }

    private static List<Path> existingFrames(SequencePattern pattern) {
        Path first = pattern.path(0).toAbsolutePath();
        Path dir = first.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> pattern.matches(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            return List.of(); // an unreadable folder fails when the first frame is written, with its own message
        }
    }
}
