package org.manyfaces.install;

import java.io.Console;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Stops non-commercial models from being installed unless the user accepted their licence, either up
 * front ({@code --accept-licences}) or by answering a prompt. Models whose licence allows commercial use
 * pass without asking. Each licence name is asked about once per run.
 */
public final class LicenceGate {

    /** Asks the user about one model's licence; returns true to accept. */
    @FunctionalInterface
    public interface Prompt {
        boolean accept(ModelDownload model, String explanation);
    }

    private final boolean acceptAll;
    private final Prompt prompt;
    private final Set<String> acceptedLicences = new HashSet<>();

    private LicenceGate(boolean acceptAll, Prompt prompt) {
        this.acceptAll = acceptAll;
        this.prompt = prompt;
    }

    /** The user accepted every licence up front. */
    public static LicenceGate acceptingAll() {
        return new LicenceGate(true, null);
    }

    /** Non-commercial models are refused (no way to ask: scripts, CI, no terminal). */
    public static LicenceGate refusingRestricted() {
        return new LicenceGate(false, null);
    }

    /** Non-commercial models are installed only when {@code prompt} says yes. */
    public static LicenceGate asking(Prompt prompt) {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt is null");
        }
        return new LicenceGate(false, prompt);
    }

    /** Asks on the terminal ("yes" to accept) when there is one, else refuses restricted models. */
    public static LicenceGate forConsole(Console console) {
        if (console == null) {
            return refusingRestricted();
        }
        return asking((model, explanation) -> {
            console.printf("%n%s%n", explanation);
            String answer = console.readLine("Accept the %s licence for %s? Type 'yes' to accept: ",
                    model.licenceName(), model.id());
            return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
        });
    }

    /** The text shown to the user before a restricted model is installed. */
    public static String explain(ModelDownload model) {
        return "Model '" + model.id() + "' (" + model.fileName() + ") is licensed '" + model.licenceName()
                + "': non-commercial use only. You may use it only where that licence allows.";
    }

    /**
     * Returns normally when the model may be installed.
     *
     * @throws LicenceNotAcceptedException naming the model, its licence and how to accept it
     */
    public void requireAccepted(ModelDownload model) throws LicenceNotAcceptedException {
        if (!model.nonCommercial() || acceptAll) {
            return;
        }
        String key = model.licenceName().toLowerCase(Locale.ROOT);
        synchronized (acceptedLicences) {
            if (acceptedLicences.contains(key)) {
                return;
            }
        }
        if (prompt != null && prompt.accept(model, explain(model))) {
            synchronized (acceptedLicences) {
                acceptedLicences.add(key);
            }
            return;
        }
        throw new LicenceNotAcceptedException(model.id(), "model '" + model.id() + "' is licensed '"
                + model.licenceName() + "' (non-commercial use only) and its licence was not accepted;"
                + " rerun with --accept-licences, or answer 'yes' at the prompt, to install it");
    }
}
