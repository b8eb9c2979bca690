package org.manyfaces.effect.common;

import org.manyfaces.effect.params.ChoiceOption;
import org.manyfaces.inference.ProviderChoice;

/** The options of every effect's "Execution provider" choice (Engine page), in saved-index order. */
public enum ExecutionProvider implements ChoiceOption {
    AUTO("Auto", ProviderChoice.AUTO),
    CUDA("CUDA", ProviderChoice.CUDA),
    CPU("CPU", ProviderChoice.CPU);

    private final String label;
    private final ProviderChoice choice;

    ExecutionProvider(String label, ProviderChoice choice) {
        this.label = label;
        this.choice = choice;
    }

    @Override
    public String label() {
        return label;
    }

    /** What the inference layer is asked for. */
    public ProviderChoice choice() {
        return choice;
    }

    /** The provider of saved option {@code index}. */
    public static ProviderChoice of(int index) {
        return ChoiceOption.at(ExecutionProvider.class, index).choice();
    }
}
