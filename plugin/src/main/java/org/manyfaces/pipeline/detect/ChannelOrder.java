package org.manyfaces.pipeline.detect;

/** Order of the three colour planes a model expects. */
public enum ChannelOrder {
    RGB,
    BGR;

    /** Index of the source RGB channel that goes into model plane {@code plane}. */
    int sourceChannel(int plane) {
        return this == RGB ? plane : 2 - plane;
    }
}
