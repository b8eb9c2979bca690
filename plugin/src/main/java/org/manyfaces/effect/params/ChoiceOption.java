package org.manyfaces.effect.params;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One option of a choice parameter, as an enum constant: its menu label, and the manifest model it stands for
 * when it names one. A choice built from such an enum ({@link ParamSpec.Builder#choices(Class)}) keeps label,
 * index and model id in one place, so that no list of labels has to be kept in step with a list of ids, and
 * code reads {@code SwapModel.CLASSIC} instead of index 0.
 *
 * <p>The enum's declaration order is the option index saved in projects and presets: append, never reorder.
 */
public interface ChoiceOption {
    /** The menu label. */
    String label();

    /** The manifest id of the model this option runs, when it names one. */
    default Optional<String> modelId() {
        return Optional.empty();
    }

    /**
     * The option at {@code index} (as the host hands it back), the nearest option for an index outside the
     * enum: a project saved by a newer build with more options still renders.
     */
    static <E extends Enum<E> & ChoiceOption> E at(Class<E> options, int index) {
        E[] all = options.getEnumConstants();
        return all[Math.max(0, Math.min(all.length - 1, index))];
    }

    /** The labels of every option, in index order. */
    static <E extends Enum<E> & ChoiceOption> List<String> labels(Class<E> options) {
        return Arrays.stream(options.getEnumConstants()).map(ChoiceOption::label).toList();
    }
}
