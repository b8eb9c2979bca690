package org.manyfaces.pipeline.track;

import org.manyfaces.pipeline.Face;

/**
 * A face as the tracker reports it for one frame.
 *
 * @param trackId             stable id: the same person keeps it from frame to frame until the track ends
 *                            (at a shot cut, or after a gap longer than allowed); ids are never reused
 * @param face                smoothed box and landmarks (score: that of the last real detection)
 * @param observed            true when a detection was matched to this track on this frame; false when the
 *                            face is carried over a missed or skipped detection
 * @param framesSinceObserved 0 when observed, else frames since the last matched detection
 * @param embedding           the track's identity embedding (last one seen), or null
 */
public record TrackedFace(int trackId, Face face, boolean observed, int framesSinceObserved, float[] embedding) {
    @Override
    public float[] embedding() {
        return embedding == null ? null : embedding.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackedFace t && t.trackId == trackId && t.face.equals(face) && t.observed == observed
                && t.framesSinceObserved == framesSinceObserved && java.util.Arrays.equals(t.embedding, embedding);
    }

    @Override
    public int hashCode() {
        return trackId * 31 + face.hashCode();
    }
}
