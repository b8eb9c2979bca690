package org.manyfaces.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one bench run measures and with which files.
 *
 * @param media          folder with the bench photos (the shared media folder)
 * @param models         folder with the detector/recogniser models (the shared models folder)
 * @param runs           timed repetitions per measurement
 * @param warmup         untimed repetitions first (JIT, session warm-up)
 * @param sizes          frame sizes as {width, height}
 * @param faceCounts     faces per frame (1..4)
 * @param sections       which parts run: io, detect, stages, embed, memory, video, encoders (video: end-to-end
 *                       renders of whole files; encoders: each codec's quality; both run by the CLI's bench
 *                       command, not by {@link BenchRunner})
 * @param swapModel      a real swap model with inswapper_128's interface, or null to build the swapper-shaped test model
 * @param memoryFrames   frames rendered by the memory section
 * @param threshold      detection score threshold (ours and OpenCV's alike)
 * @param classicMaxCrop largest classic-swap crop (faces smaller on screen are swapped smaller)
 * @param cpuClock       time with the calling thread's CPU clock instead of the wall clock (for a busy
 *                       machine; meaningful with one inference thread, when all work runs on that thread)
 * @param faceSizes      face heights in frame pixels of the face-size axis (section {@code faces})
 */
public record BenchOptions(Path media, Path models, int runs, int warmup, List<int[]> sizes, List<Integer> faceCounts,
                           Set<String> sections, Path swapModel, int memoryFrames, float threshold, int classicMaxCrop,
                           boolean cpuClock, List<Integer> faceSizes) {
    public static final Set<String> ALL_SECTIONS = Set.of("io", "detect", "stages", "embed", "memory", "video",
            "encoders", "faces");

    public BenchOptions {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(models, "models");
        if (runs < 1 || warmup < 0) {
            throw new IllegalArgumentException("runs must be >= 1 and warm-up >= 0, got " + runs + " and " + warmup);
        }
        for (int[] s : sizes) {
            if (s.length != 2 || s[0] < 64 || s[1] < 64) {
                throw new IllegalArgumentException("frame sizes must be at least 64x64");
            }
        }
        for (int f : faceCounts) {
            if (f < 1 || f > BenchFrames.FACE_PHOTOS.size()) {
                throw new IllegalArgumentException("faces per frame must be 1.." + BenchFrames.FACE_PHOTOS.size() + ", got " + f);
            }
        }
        for (String s : sections) {
            if (!ALL_SECTIONS.contains(s)) {
                throw new IllegalArgumentException("unknown bench section '" + s + "' (known: " + ALL_SECTIONS + ")");
            }
        }
        if (memoryFrames < 1) {
            throw new IllegalArgumentException("memory frames must be >= 1, got " + memoryFrames);
        }
        if (!(threshold > 0f && threshold < 1f)) {
            throw new IllegalArgumentException("detection threshold must be in (0,1), got " + threshold);
        }
        for (int f : faceSizes) {
            if (f < 32) {
                throw new IllegalArgumentException("face sizes must be at least 32 px, got " + f);
            }
        }
        faceSizes = List.copyOf(faceSizes);
        sizes = List.copyOf(sizes);
        faceCounts = List.copyOf(faceCounts);
        sections = Set.copyOf(sections);
    }

    /** Parses "1280x720" style sizes; the names 720p, 1080p and 4k are accepted too. */
    public static int[] parseSize(String s) {
        String t = s.trim().toLowerCase();
        switch (t) {
            case "720p":
                return new int[] {1280, 720};
            case "1080p":
                return new int[] {1920, 1080};
            case "4k":
            case "2160p":
                return new int[] {3840, 2160};
            default:
                break;
        }
        String[] p = t.split("x");
        try {
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("frame size '" + s + "' is not WIDTHxHEIGHT, 720p, 1080p or 4k");
    }

    public boolean runs(String section) {
        return sections.contains(section);
    }
}
