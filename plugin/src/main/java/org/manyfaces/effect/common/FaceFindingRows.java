package org.manyfaces.effect.common;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;

/**
 * The controls of every effect that works face by face (Face Swap, Face Restore): which detector finds the
 * faces, how confident it must be, and how faces are followed over time. Same ids in every effect, so presets
 * and {@code --set} spell them alike; each effect puts them on its own pages.
 */
public final class FaceFindingRows {
    public static final String DETECTOR = "detector";
    public static final String DETECTION_THRESHOLD = "detectionThreshold";
    public static final String SMOOTHING = "smoothing";
    public static final String DETECT_EVERY = "detectEvery";

    /** Face detector options, in the order of {@link org.manyfaces.inference.DetectorPreference#FAMILIES}. */
    public enum Detector implements ChoiceOption {
        YUNET("YuNet"), SCRFD("SCRFD"), RETINAFACE("RetinaFace");

        private final String label;

        Detector(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** How faces are found, read at one time. */
    public record Settings(Detector detector, double threshold, double smoothing, int detectEvery) {
        public static Settings read(HostParams p, double time) {
            return new Settings(ChoiceOption.at(Detector.class, p.getChoice(DETECTOR, time)),
                    p.getDouble(DETECTION_THRESHOLD, time), p.getDouble(SMOOTHING, time), p.getInt(DETECT_EVERY, time));
        }

        /**
         * Whether faces come from the temporal analysis pass (tracked, gap-filled, smoothed) rather than from a
         * detection on the rendered frame alone: whenever smoothing is on or detection is sparse.
         */
        public boolean temporal() {
            return smoothing > 0 || detectEvery > 1;
        }
    }

    private FaceFindingRows() {
    }

    public static ParamSpec detector(String page) {
        return ParamSpec.of(DETECTOR, ParamType.CHOICE, "Face detector",
                        "Network that finds the faces in each frame. YuNet is fastest; SCRFD and RetinaFace find "
                                + "smaller and turned faces more reliably.")
                .choices(Detector.class).parent(page).build();
    }

    /** @param what what happens to a face found (e.g. "swapped") */
    public static ParamSpec threshold(String page, String what) {
        return ParamSpec.of(DETECTION_THRESHOLD, ParamType.DOUBLE, "Detection threshold",
                        "Minimum detector confidence for a face to be " + what + ". Raise it if background "
                                + "objects are " + what + ", lower it if real faces are missed.")
                .defaultValue(0.6).range(0, 1).parent(page).build();
    }

    public static ParamSpec smoothing(String page) {
        return ParamSpec.of(SMOOTHING, ParamType.DOUBLE, "Smoothing",
                        "Steadies the face position from frame to frame (0 = raw detections, 1 = strongest). "
                                + "Above 0, faces are tracked over the neighbouring frames, so jitter and single "
                                + "missed detections disappear. Can be animated.")
                .defaultValue(0.5).range(0, 1).parent(page).build();
    }

    public static ParamSpec detectEvery(String page) {
        return ParamSpec.of(DETECT_EVERY, ParamType.INT, "Detect every N frames",
                        "Runs the face detector on every N-th frame only and follows the faces in between; "
                                + "faster on long shots with slow motion. 1 detects on every frame.")
                .defaultValue(1).range(1, 100).display(1, 10).parent(page).build();
    }
}
