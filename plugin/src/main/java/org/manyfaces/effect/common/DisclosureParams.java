package org.manyfaces.effect.common;

import org.manyfaces.effect.HostParams;
import java.util.ArrayList;
import java.util.List;

import org.manyfaces.disclosure.LabelSettings;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;

/**
 * The disclosure parameters both effects share (same ids, same defaults): the invisible watermark (on by
 * default) and the optional visible label with its text, corner, size and opacity. Turning the watermark
 * off is an explicit parameter, so presets and the CLI's provenance record hold that choice like any other.
 *
 * @param watermark    embed the invisible disclosure watermark into every changed region
 * @param label        draw the visible label
 * @param labelText    the label's text
 * @param labelCorner  index into {@link #CORNERS}
 * @param labelSize    text height in percent of the frame height
 * @param labelOpacity 0..1
 */
public record DisclosureParams(boolean watermark, boolean label, String labelText, int labelCorner,
                               double labelSize, double labelOpacity) {
    public static final String WATERMARK = "watermark";
    public static final String LABEL = "visibleLabel";
    /** Kept as "watermarkLabel": presets written before the label had its own switch use this id. */
    public static final String LABEL_TEXT = "watermarkLabel";
    public static final String LABEL_CORNER = "labelCorner";
    public static final String LABEL_SIZE = "labelSize";
    public static final String LABEL_OPACITY = "labelOpacity";
    public static final List<String> CORNERS = List.of("Bottom right", "Bottom left", "Top right", "Top left");
    private static final LabelSettings.Corner[] CORNER_VALUES = {LabelSettings.Corner.BOTTOM_RIGHT,
            LabelSettings.Corner.BOTTOM_LEFT, LabelSettings.Corner.TOP_RIGHT, LabelSettings.Corner.TOP_LEFT};

    /**
     * The rows, on page {@code parentPage}, in table order; {@code markRows} (an effect's own choices about its
     * mark, such as Face Swap's "Face mark") follow the watermark switch.
     */
    public static List<ParamSpec> rows(String parentPage, String whatChanges, List<ParamSpec> markRows) {
        List<ParamSpec> rows = new ArrayList<>();
        rows.add(ParamSpec.of(WATERMARK, ParamType.BOOL, "Disclosure watermark",
                        "Embeds an invisible watermark into every region this effect changes (" + whatChanges
                                + "), which 'manyfaces verify' detects. Keep it on when publishing; many "
                                + "platforms and laws require disclosure of AI-altered media.")
                        .defaultValue(true).parent(parentPage).build());
        rows.addAll(markRows);
        rows.addAll(List.of(
                ParamSpec.of(LABEL, ParamType.BOOL, "Visible label",
                        "Also writes a visible text label on every processed frame.")
                        .defaultValue(false).parent(parentPage).build(),
                ParamSpec.of(LABEL_TEXT, ParamType.STRING, "Label text",
                        "The text of the visible label.")
                        .defaultText(LabelSettings.DEFAULT_TEXT).parent(parentPage).build(),
                ParamSpec.of(LABEL_CORNER, ParamType.CHOICE, "Label position",
                        "The corner of the frame the visible label sits in.")
                        .choices(CORNERS.toArray(String[]::new)).parent(parentPage).build(),
                ParamSpec.of(LABEL_SIZE, ParamType.DOUBLE, "Label size",
                        "Height of the label's text in percent of the frame height. Can be animated.")
                        .defaultValue(100.0 / 24).range(1, 25).display(1, 10).parent(parentPage).build(),
                ParamSpec.of(LABEL_OPACITY, ParamType.DOUBLE, "Label opacity",
                        "How opaque the visible label is (0 invisible, 1 solid). Can be animated.")
                        .defaultValue(0.8).range(0, 1).parent(parentPage).build()));
        return rows;
    }

    /** Reads the disclosure parameters at {@code time}. */
    public static DisclosureParams read(HostParams p, double time) {
        return new DisclosureParams(p.getBool(WATERMARK, time), p.getBool(LABEL, time),
                p.getString(LABEL_TEXT, time), p.getChoice(LABEL_CORNER, time), p.getDouble(LABEL_SIZE, time),
                p.getDouble(LABEL_OPACITY, time));
    }

    /** The label for a frame {@code frameHeight} pixels high (sizes clamped to what the label can draw). */
    public LabelSettings labelSettings(int frameHeight) {
        int h = (int) Math.round(frameHeight * labelSize / 100.0);
        h = Math.max(6, Math.min(512, h));
        String text = labelText == null || labelText.isBlank() ? LabelSettings.DEFAULT_TEXT : labelText.strip();
        if (text.length() > 200) {
            text = text.substring(0, 200);
        }
        LabelSettings.Corner c = CORNER_VALUES[Math.max(0, Math.min(CORNER_VALUES.length - 1, labelCorner))];
        float o = (float) Math.max(0, Math.min(1, labelOpacity));
        return new LabelSettings(text, c, 0, 0, h, o, Math.max(4, h / 2));
    }
}
