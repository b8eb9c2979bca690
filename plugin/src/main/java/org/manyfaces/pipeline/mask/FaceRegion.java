package org.manyfaces.pipeline.mask;

/**
 * The face parts a BiSeNet face parser labels, with their CelebAMask-HQ class index (the model's output
 * channel): the ten FaceFusion offers for its region mask. Left and right are as CelebAMask-HQ names
 * them. Background (0), ears, neck, cloth, hair and hat exist as classes but are never part of a region mask.
 */
public enum FaceRegion {
    SKIN(1, "skin"),
    LEFT_EYEBROW(2, "left-eyebrow"),
    RIGHT_EYEBROW(3, "right-eyebrow"),
    LEFT_EYE(4, "left-eye"),
    RIGHT_EYE(5, "right-eye"),
    GLASSES(6, "glasses"),
    NOSE(10, "nose"),
    MOUTH(11, "mouth"),
    UPPER_LIP(12, "upper-lip"),
    LOWER_LIP(13, "lower-lip");

    private final int label;
    private final String id;

    FaceRegion(int label, String id) {
        this.label = label;
        this.id = id;
    }

    /** The class index in the parser's output. */
    public int label() {
        return label;
    }

    /** FaceFusion's name for the region ("left-eyebrow"), as presets and the CLI spell it. */
    public String id() {
        return id;
    }

    /** The region with FaceFusion's name {@code id}. */
    public static FaceRegion parse(String id) {
        for (FaceRegion r : values()) {
            if (r.id.equalsIgnoreCase(id.trim()) || r.name().equalsIgnoreCase(id.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown face region '" + id + "'; known: skin, left-eyebrow, "
                + "right-eyebrow, left-eye, right-eye, glasses, nose, mouth, upper-lip, lower-lip");
    }
}
