package org.manyfaces.pipeline.mask;

/** Whether the target's mouth is kept, and what finds it. */
public enum MouthKeep {
    /** The whole face is swapped. */
    OFF,
    /** The face parser's mouth and lip labels (needs a BiSeNet model). */
    FROM_REGIONS,
    /** The 68-point mouth landmarks (needs a 2DFAN4 model). */
    FROM_LANDMARKS
}
