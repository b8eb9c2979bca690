package org.manyfaces.pipeline.translate;

/** Order of the colour channels a model expects; images are always R,G,B in ManyFaces. */
public enum ColorOrder {
    RGB,
    /** OpenCV-trained models. */
    BGR;

    /** The image channel (0=R, 1=G, 2=B) that feeds tensor channel {@code tensorChannel}. */
    public int imageChannel(int tensorChannel) {
        return this == RGB ? tensorChannel : 2 - tensorChannel;
    }
}
