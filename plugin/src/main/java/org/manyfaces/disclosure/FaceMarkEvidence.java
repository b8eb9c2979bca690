package org.manyfaces.disclosure;

/**
 * The face-mark evidence of one face track: the sum, cell by cell, of the normalised residuals read on each of
 * its frames ({@link FaceMarkReader#read}). Because the mark sits in the face's own coordinates, cell i is the
 * same facial point in every frame, so the chips add up coherently while codec noise and alignment jitter,
 * different in every frame, average out. The picture's own contribution (the face's structure at the cell
 * scale) is the same in every frame and adds up too; the decision therefore normalises by the energy of the
 * sum itself ({@link FaceMarkReader#judge}), never by the frame count, so a long unmarked track scores no
 * higher than one frame of it.
 */
public final class FaceMarkEvidence {
    private final double[] sum;
    private int frames;

    FaceMarkEvidence(int cells) {
        this.sum = new double[cells];
    }

    /** Frames added so far. */
    public int frames() {
        return frames;
    }

    void add(float[] residuals) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += residuals[i];
        }
        frames++;
    }

    /** Adds all of {@code other} (a second reading of the same face, e.g. another detector). */
    public void addAll(FaceMarkEvidence other) {
        if (other.sum.length != sum.length) {
            throw new IllegalArgumentException("evidence of another layout");
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.sum[i];
        }
        frames += other.frames;
    }

    double[] sum() {
        return sum;
    }
}
