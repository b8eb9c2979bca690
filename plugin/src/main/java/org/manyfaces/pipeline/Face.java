package org.manyfaces.pipeline;

import java.util.Arrays;

/**
 * One detected face in frame pixels (top-down coordinates).
 *
 * <p>The five landmarks are stored as x0,y0,...,x4,y4 in the order every supported detector and the
 * alignment templates use: the eye on the image's left (the subject's right eye), the eye on the
 * image's right, the nose tip, the mouth corner on the image's left, the mouth corner on the image's right.
 */
public record Face(Box box, float score, float[] landmarks) {
    public static final int LANDMARKS = 5;

    public Face {
        if (landmarks.length != 2 * LANDMARKS) {
            throw new IllegalArgumentException("a face needs 5 landmarks (10 numbers), got " + landmarks.length);
        }
        landmarks = landmarks.clone();
    }

    public float landmarkX(int i) {
        return landmarks[2 * i];
    }

    public float landmarkY(int i) {
        return landmarks[2 * i + 1];
    }

    @Override
    public float[] landmarks() {
        return landmarks.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Face f && f.box.equals(box) && f.score == score && Arrays.equals(f.landmarks, landmarks);
    }

    @Override
    public int hashCode() {
        return box.hashCode() * 31 + Arrays.hashCode(landmarks);
    }

    @Override
    public String toString() {
        return "Face[" + box + ", score " + score + ", landmarks " + Arrays.toString(landmarks) + "]";
    }
}
