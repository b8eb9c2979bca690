package org.manyfaces.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import org.manyfaces.ofx.host.ActionInterceptor;
import org.manyfaces.ofx.jna.NativeMemory;

/**
 * Test-only {@link ActionInterceptor} that makes an action fail on purpose, so host-driven tests can prove
 * that a Java failure stops at the dispatcher (failed status + host message) and never takes the host down.
 *
 * <p>Never in the shipped plug-in: it is compiled with the tests and packed, with its ServiceLoader entry,
 * into {@code manyfaces-faults.jar}, which only the test bundle variant {@code ManyFaces-faults.ofx.bundle}
 * carries in its {@code Contents/Resources/lib} (plugin/pom.xml, execution {@code assemble-faults-bundle}).
 * The product bundle ignores {@value #ENV}.
 *
 * <p>Made once by the plug-in's {@code Bridge.init} (ServiceLoader), which reads the environment variable
 * {@value #ENV}: a comma-separated list of {@code action[@frame][:kind]}.
 * <ul>
 * <li>action: any OFX action, by its full name ({@code OfxActionCreateInstance}) or its short name, the full
 * name without {@code OfxImageEffectAction}/{@code OfxAction} and with a lower-case first letter
 * ({@code render}, {@code createInstance}, {@code getRegionOfDefinition}, {@code isIdentity},
 * {@code instanceChanged}, {@code destroyInstance}, {@code getClipPreferences}, ...). Actions ManyFaces
 * otherwise answers with "reply default" can be named too: the fault fires before the dispatcher looks
 * the action up.</li>
 * <li>frame: optional; the fault fires only when the action's in-args carry {@code OfxPropTime} equal to it
 * (render, GetRegionOfDefinition, IsIdentity, InstanceChanged). Without it the fault fires on every call
 * of the action.</li>
 * <li>kind: {@code error} (default: an {@link IllegalStateException}), {@code oom} (an
 * {@link OutOfMemoryError}, reported as {@code kOfxStatErrMemory}) or {@code npe-storm}: no failure, but
 * {@value #NPE_STORM_SIZE} {@link NullPointerException}s thrown and caught by JIT-compiled code first.
 * HotSpot turns most of those into SIGSEGVs it handles itself (implicit null checks), so a host that
 * installed its own SIGSEGV handler after the JVM started must still see the action succeed; or
 * {@code native-crash}: a read of address 16 in native code (JNA), standing for a crash in ONNX Runtime or a
 * driver. That one is meant to kill the process: it proves a real native crash reaches the host's own crash
 * handler instead of being swallowed by the JVM.</li>
 * </ul>
 * Example: {@code MANYFACES_FAULT_INJECTION=render@3,render@5:oom,createInstance}. Unset or empty means no
 * faults.
 */
public final class FaultInjection implements ActionInterceptor {
    public static final String ENV = "MANYFACES_FAULT_INJECTION";
    static final FaultInjection NONE = new FaultInjection(List.of());
    static final int NPE_STORM_SIZE = 100_000;

    enum Kind { ERROR, OOM, NPE_STORM, NATIVE_CRASH }

    private record Fault(String action, double frame, Kind kind) {
        boolean hasFrame() {
            return !Double.isNaN(frame);
        }
    }

    private final List<Fault> faults;

    /** The provider ServiceLoader makes: the faults {@value #ENV} names; a malformed value fails Bridge.init. */
    public FaultInjection() {
        this(parse(System.getenv(ENV)).faults);
    }

    private FaultInjection(List<Fault> faults) {
        this.faults = List.copyOf(faults);
    }

    @Override
    public void beforeAction(String action, DoubleSupplier time) {
        check(action, time);
    }

    /** Parses the variable's value; a malformed entry throws naming it. */
    static FaultInjection parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Fault> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String e = raw.trim();
            String rest = e;
            Kind kind = Kind.ERROR;
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                kind = switch (rest.substring(colon + 1)) {
                    case "error" -> Kind.ERROR;
                    case "oom" -> Kind.OOM;
                    case "npe-storm" -> Kind.NPE_STORM;
                    case "native-crash" -> Kind.NATIVE_CRASH;
                    default -> throw new IllegalArgumentException(ENV + " entry '" + e
                            + "': kind must be error, oom, npe-storm or native-crash");
                };
                rest = rest.substring(0, colon);
            }
            double frame = Double.NaN;
            int at = rest.indexOf('@');
            if (at >= 0) {
                String f = rest.substring(at + 1);
                try {
                    frame = Double.parseDouble(f);
                } catch (NumberFormatException nfe) {
                    throw new IllegalArgumentException(ENV + " entry '" + e + "': frame '" + f + "' is not a number");
                }
                rest = rest.substring(0, at);
            }
            if (!rest.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException(ENV + " entry '" + e
                        + "' is not action[@frame][:error|:oom|:npe-storm|:native-crash]");
            }
            out.add(new Fault(shortName(rest), frame, kind));
        }
        return new FaultInjection(out);
    }

    /** {@code OfxImageEffectActionRender} and {@code render} both become {@code render}. */
    static String shortName(String action) {
        String s = action;
        for (String prefix : new String[] {"OfxImageEffectAction", "OfxAction"}) {
            if (s.startsWith(prefix) && s.length() > prefix.length()) {
                s = s.substring(prefix.length());
                break;
            }
        }
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    boolean isEmpty() {
        return faults.isEmpty();
    }

    /** Convenience for an action whose time is known. */
    void check(String action, double frame) {
        check(action, () -> frame);
    }

    /**
     * Throws (or storms) when a fault names {@code action} (full or short name); {@code time} is read only
     * for faults with a frame and gives NaN when the action has no time.
     */
    void check(String action, DoubleSupplier time) {
        if (faults.isEmpty()) {
            return;
        }
        String name = shortName(action);
        for (Fault f : faults) {
            if (!f.action.equals(name)) {
                continue;
            }
            double t = f.hasFrame() ? time.getAsDouble() : Double.NaN;
            if (f.hasFrame() && t != f.frame) {
                continue;
            }
            String text = "injected fault (" + ENV + "): " + name + (f.hasFrame() ? " at frame " + format(t) : "");
            switch (f.kind) {
                case OOM -> throw new OutOfMemoryError(text);
                case ERROR -> throw new IllegalStateException(text);
                case NPE_STORM -> npeStorm();
                case NATIVE_CRASH -> {
                    System.err.println("[ManyFaces] " + text + ": reading address 16 in native code");
                    NativeMemory.cString(16);
                }
            }
        }
    }

    /** Boxes whose value is read through a field that is null every other time. */
    private static final class Holder {
        Object value;
    }

    private static final Holder[] STORM_HOLDERS = {new Holder(), null};

    /**
     * Throws and catches {@value #NPE_STORM_SIZE} NullPointerExceptions from a small hot method, so that
     * HotSpot compiles it and uses implicit null checks (a SIGSEGV caught by the JVM's own handler).
     * Returns how many were caught (always the full count: anything else is a JVM fault).
     */
    static int npeStorm() {
        int caught = 0;
        for (int i = 0; i < 2 * NPE_STORM_SIZE; i++) {
            try {
                readValue(STORM_HOLDERS[i & 1]);
            } catch (NullPointerException expected) {
                caught++;
            }
        }
        if (caught != NPE_STORM_SIZE) {
            throw new IllegalStateException("NPE storm caught " + caught + " of " + NPE_STORM_SIZE + " null dereferences");
        }
        return caught;
    }

    private static Object readValue(Holder h) {
        return h.value;
    }

    private static String format(double frame) {
        return frame == Math.rint(frame) ? Long.toString((long) frame) : Double.toString(frame);
    }
}
