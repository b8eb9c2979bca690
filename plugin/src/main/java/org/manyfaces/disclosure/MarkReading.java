package org.manyfaces.disclosure;

/**
 * What {@link WatermarkDetector#detect} found in one frame.
 *
 * @param found      true when a ManyFaces watermark was decoded (CRC and product mark match and the
 *                   correlation passed the calibrated threshold)
 * @param payload    the decoded payload when found, else null
 * @param confidence detection strength in 0..1: 0.5 at the decision threshold, towards 1 for strong
 *                   marks ({@code score / (score + threshold)}); 0 when nothing decoded
 * @param score      the z-score of the decoded message against the frame (about N(0,1) on unmarked
 *                   frames); 0 when nothing decoded
 * @param scale      the frame scale (frame pixels per embedded pixel) at which the mark was read, or 0
 */
public record MarkReading(boolean found, Payload payload, double confidence, double score, double scale) {

    /** Nothing found. */
    public static MarkReading none() {
        return new MarkReading(false, null, 0, 0, 0);
    }

    @Override
    public String toString() {
        return found
                ? String.format("MarkReading[found %s, confidence %.3f, z %.1f, scale %.3f]", payload, confidence, score, scale)
                : "MarkReading[not found]";
    }
}
