package org.manyfaces.pipeline.select;

/** Which detected faces get swapped. */
public enum SelectionMode {
    /** Every detected face. */
    ALL,
    /** Only the face with the largest box. */
    LARGEST,
    /** The n-th face counted from the left (by box centre), 0-based. */
    INDEX,
    /** Every face whose identity is within the distance threshold of a reference face. */
    REFERENCE
}
