package org.manyfaces.effect;

/**
 * Told, after every frame Face Swap renders, how many faces it found in the frame and how many of them it
 * swapped. A host has no use for it; the command line counts with it ("faces swapped in N of M frames") and
 * fails a render whose frame has no face when asked to ({@code --require-faces}).
 */
@FunctionalInterface
public interface FaceReport {
    /** Listens to nothing (the default of every renderer). */
    FaceReport NONE = (time, found, swapped) -> {
    };

    /**
     * @param time    the frame's time
     * @param found   faces detected (or tracked) in the frame
     * @param swapped faces the swap changed (0 when the frame passed through)
     */
    void frame(double time, int found, int swapped);
}
