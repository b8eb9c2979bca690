package org.manyfaces.ofx.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Test hook that makes an action fail on purpose, so host-driven tests can prove that a Java failure
 * stops at the dispatcher (failed status + host message) and never takes the host down.
 *
 * <p>Read once by {@link Bridge#init} from the environment variable {@value #ENV}: a comma-separated
 * list of {@code action@frame[:kind]}, where action is {@code render} (the only action with a frame),
 * frame is the frame number and kind is {@code error} (default: a {@link IllegalStateException}) or
 * {@code oom} (an {@link OutOfMemoryError}, reported as {@code kOfxStatErrMemory}). Example:
 * {@code MANYFACES_FAULT_INJECTION=render@3,render@5:oom}. Unset or empty means no faults.
 */
final class FaultInjection {
    static final String ENV = "MANYFACES_FAULT_INJECTION";
    static final FaultInjection NONE = new FaultInjection(List.of());

    private record Fault(String action, double frame, boolean oom) {
    }

    private final List<Fault> faults;

    private FaultInjection(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** Parses the variable's value; a malformed entry throws naming it. */
    static FaultInjection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Fault> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String e = raw.trim();
            int at = e.indexOf('@');
            if (at <= 0) {
                throw new IllegalArgumentException(ENV + " entry '" + e + "' is not action@frame[:error|:oom]");
            }
            String action = e.substring(0, at);
            String rest = e.substring(at + 1);
            boolean oom = false;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                String kind = rest.substring(colon + 1);
                if (kind.equals("oom")) {
                    oom = true;
                } else if (!kind.equals("error")) {
                    throw new IllegalArgumentException(ENV + " entry '" + e + "': kind must be error or oom");
                }
                rest = rest.substring(0, colon);
            }
            if (!action.equals("render")) {
                throw new IllegalArgumentException(ENV + " entry '" + e + "': only 'render' can be injected");
            }
            double frame;
            try {
                frame = Double.parseDouble(rest);
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException(ENV + " entry '" + e + "': frame '" + rest + "' is not a number");
            }
            out.add(new Fault(action, frame, oom));
        }
        return new FaultInjection(out);
    }

    boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Throws the configured fault when one matches {@code action} at {@code frame}. */
    void check(String action, double frame) {
        for (Fault f : faults) {
            if (f.frame == frame && f.action.equals(action)) {
                String text = "injected fault (" + ENV + "): " + action + " at frame " + format(frame);
                if (f.oom) {
                    throw new OutOfMemoryError(text);
                }
                throw new IllegalStateException(text);
            }
        }
    }

    private static String format(double frame) {
        return frame == Math.rint(frame) ? Long.toString((long) frame) : Double.toString(frame);
    }
}
