package org.manyfaces.pipeline.track;

import java.util.List;

/**
 * What {@link TrackAnalysis} asks of the input, frame by frame, in increasing frame order. The effect or
 * CLI implements it over its clip and detector; an implementation may keep the last fetched frame so
 * that {@code signature} and {@code detect} of the same frame fetch it once.
 */
public interface FrameSampler {

    /** The frame's cut-detection signature (cheap; asked for every frame), or null to skip cut detection. */
    FrameSignature signature(long frame) throws Exception;

    /** The faces the detector finds in the frame (expensive; asked only on detection frames). */
    List<Detection> detect(long frame) throws Exception;
}
