package org.manyfaces.inference;

import com.google.gson.annotations.SerializedName;

/** What a model does in the pipeline; the manifest spells these in lower case. */
public enum ModelKind {
    @SerializedName("detector") DETECTOR,
    @SerializedName("recognizer") RECOGNIZER,
    @SerializedName("swapper") SWAPPER,
    @SerializedName("translator") TRANSLATOR,
    @SerializedName("enhancer") ENHANCER,
    @SerializedName("mask") MASK,
    /** Face landmarks beyond the detector's five (2DFAN4's 68). */
    @SerializedName("landmarker") LANDMARKER
}
