package org.manyfaces.effect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.effect.params.StringKind;

/**
 * {@link HostParams} without a host: an effect's {@link ParamTable} defaults (or another set of params, such
 * as a loaded preset), overridden by constant values and by keyframes, for the command line and for anything else that drives an effect outside OFX.
 *
 * <p>Keyframes behave as in the project's OFX test host: between two keys a numeric value is interpolated
 * linearly (integers rounded to the nearest), before the first key it holds the first key's value and after
 * the last key the last one's. A keyed parameter ignores its constant value, as in a host.
 *
 * <p>Values are given as text, the way a user types them, and checked against the table: unknown names,
 * values outside the hard range, unknown choice options and non-animating keys are rejected with an
 * {@link IllegalArgumentException} whose message names the parameter and what it accepts.
 *
 * <p>Not thread-safe while being filled; once filled, reading is safe from any thread.
 */
public final class ParamValues implements HostParams {
    private final ParamTable table;
    private final HostParams base;
    private final Map<String, Object> constants = new HashMap<>();
    private final Map<String, NavigableMap<Double, Double>> keys = new HashMap<>();
    /** What the user gave, in order, as text: the record of a render's parameters. */
    private final Map<String, String> given = new LinkedHashMap<>();

    /** Every parameter at its default. */
    public ParamValues(ParamTable table) {
        this(table, null);
    }

    /**
     * Values and keys given here override {@code base} (for example a preset loaded into other params); a
     * parameter not given here reads through to {@code base}, with the base's own keys and interpolation.
     *
     * @param base params of the same table, or null for the table's defaults
     */
    public ParamValues(ParamTable table, HostParams base) {
        this.table = table;
        this.base = base;
    }

    /** The table these values belong to. */
    public ParamTable table() {
        return table;
    }

    /**
     * Sets a constant value from text. Choices accept the option's index or its label (case, spaces and
     * punctuation ignored; a unique prefix is enough: {@code yunet}, {@code largest}, {@code 1}); booleans
     * accept true/false, on/off, yes/no, 1/0.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public ParamValues set(String id, String text) {
        ParamSpec p = writable(id);
        Object v = switch (p.type()) {
            case DOUBLE -> checkRange(p, parseNumber(p, text));
            case INT -> (double) Math.round(checkRange(p, parseInteger(p, text)));
            case BOOL -> parseBool(p, text) ? 1.0 : 0.0;
            case CHOICE -> (double) parseChoice(p, text);
            case STRING -> text;
            default -> throw new IllegalArgumentException("parameter '" + id + "' is a " + p.type() + " and holds no value");
        };
        constants.put(id, v);
        given.put(id, text);
        return this;
    }

    /**
     * Adds a keyframe: the parameter takes {@code text} at frame {@code time}. Only animating (numeric)
     * parameters take keys.
     *
     * @throws IllegalArgumentException naming the parameter when it does not animate or the value is bad
     */
    public ParamValues key(String id, double time, String text) {
        ParamSpec p = writable(id);
        if (!p.animates()) {
            throw new IllegalArgumentException("parameter '" + id + "' (" + p.type() + ") cannot be keyframed; set it "
                    + "with a constant value instead");
        }
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException("keyframe time of '" + id + "' must be a finite frame number, got " + time);
        }
        double v = p.type() == ParamType.INT ? checkRange(p, parseInteger(p, text)) : checkRange(p, parseNumber(p, text));
        keys.computeIfAbsent(id, k -> new TreeMap<>()).put(time, v);
        given.put(id + "@" + formatTime(time), text);
        return this;
    }

    /**
     * What was set, as text, in the order given: {@code name -> value} for constants and
     * {@code name@frame -> value} for keys. Parameters left at their defaults are not listed.
     */
    public Map<String, String> given() {
        return Collections.unmodifiableMap(given);
    }

    /**
     * Every parameter a user can set, at {@code time}, as text (choices by label), in table order; read-only
     * status fields are left out.
     */
    public Map<String, String> resolved(double time) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParamSpec p : table.rows()) {
            if (!p.enabled() || p.stringKind() == StringKind.LABEL || PresetControls.isPresetControl(p.id())) {
                continue;
            }
            switch (p.type()) {
                case DOUBLE -> out.put(p.id(), Double.toString(getDouble(p.id(), time)));
                case INT -> out.put(p.id(), Integer.toString(getInt(p.id(), time)));
                case BOOL -> out.put(p.id(), Boolean.toString(getBool(p.id(), time)));
                case CHOICE -> out.put(p.id(), p.choices().get(getChoice(p.id(), time)));
                case STRING -> out.put(p.id(), getString(p.id(), time));
                default -> {
                }
            }
        }
        return out;
    }

    @Override
    public double getDouble(String id, double time) {
        return number(id, ParamType.DOUBLE, time);
    }

    @Override
    public int getInt(String id, double time) {
        return (int) Math.round(number(id, ParamType.INT, time));
    }

    @Override
    public boolean getBool(String id, double time) {
        return number(id, ParamType.BOOL, time) != 0;
    }

    @Override
    public int getChoice(String id, double time) {
        return (int) number(id, ParamType.CHOICE, time);
    }

    @Override
    public String getString(String id, double time) {
        ParamSpec p = typed(id, ParamType.STRING);
        Object v = constants.get(id);
        if (v != null) {
            return (String) v;
        }
        return base != null ? base.getString(id, time) : p.defaultText();
    }

    private double number(String id, ParamType type, double time) {
        ParamSpec p = typed(id, type);
        NavigableMap<Double, Double> k = keys.get(id);
        if (k != null && !k.isEmpty()) {
            return interpolate(k, time);
        }
        Object v = constants.get(id);
        if (v != null) {
            return (Double) v;
        }
        if (base == null) {
            return p.defaultNumber();
        }
        return switch (type) {
            case DOUBLE -> base.getDouble(id, time);
            case INT -> base.getInt(id, time);
            case BOOL -> base.getBool(id, time) ? 1 : 0;
            default -> base.getChoice(id, time);
        };
    }

    /** Linear between the neighbouring keys; held constant outside the keyed range. */
    static double interpolate(NavigableMap<Double, Double> k, double time) {
        Map.Entry<Double, Double> lo = k.floorEntry(time);
        Map.Entry<Double, Double> hi = k.ceilingEntry(time);
        if (lo == null) {
            return hi.getValue();
        }
        if (hi == null || lo.getKey().equals(hi.getKey())) {
            return lo.getValue();
        }
        double f = (time - lo.getKey()) / (hi.getKey() - lo.getKey());
        return lo.getValue() + f * (hi.getValue() - lo.getValue());
    }

    private ParamSpec typed(String id, ParamType type) {
        ParamSpec p = lookup(id);
        if (p.type() != type) {
            throw new IllegalArgumentException("parameter '" + id + "' is a " + p.type() + ", read as " + type);
        }
        return p;
    }

    private ParamSpec lookup(String id) {
        for (ParamSpec p : table.rows()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown parameter '" + id + "'; this effect has: "
                + String.join(", ", valueIds()));
    }

    private ParamSpec writable(String id) {
        ParamSpec p = lookup(id);
        if (!p.type().hasValue()) {
            throw new IllegalArgumentException("'" + id + "' is a " + p.type().name().toLowerCase(Locale.ROOT)
                    + ", not a parameter with a value; this effect has: " + String.join(", ", valueIds()));
        }
        if (!p.enabled() || p.stringKind() == StringKind.LABEL) {
            throw new IllegalArgumentException("parameter '" + id + "' is a read-only status field and cannot be set");
        }
        if (PresetControls.isPresetControl(id)) {
            throw new IllegalArgumentException("'" + id + "' is a control of the Presets page, used in an editor; "
                    + "outside one, apply a preset file instead (manyfaces render --preset FILE)");
        }
        return p;
    }

    /** The ids a user can set, in table order. */
    public List<String> valueIds() {
        List<String> ids = new ArrayList<>();
        for (ParamSpec p : table.rows()) {
            if (p.type().hasValue() && p.enabled() && p.stringKind() != StringKind.LABEL
                    && !PresetControls.isPresetControl(p.id())) {
                ids.add(p.id());
            }
        }
        return ids;
    }

    private static double parseNumber(ParamSpec p, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the parameter's name
        }
        throw new IllegalArgumentException("parameter '" + p.id() + "' needs a number, got '" + text + "'");
    }

    private static double parseInteger(ParamSpec p, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + p.id() + "' needs a whole number, got '" + text + "'");
        }
    }

    private static double checkRange(ParamSpec p, double v) {
        if (v < p.min() || v > p.max()) {
            throw new IllegalArgumentException("parameter '" + p.id() + "' must be between " + fmt(p.min()) + " and "
                    + fmt(p.max()) + ", got " + fmt(v));
        }
        return v;
    }

    private static boolean parseBool(ParamSpec p, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("parameter '" + p.id() + "' is on/off: use true or false, got '"
                    + text + "'");
        };
    }

    private static int parseChoice(ParamSpec p, String text) {
        List<String> options = p.choices();
        String t = text.trim();
        if (t.matches("\\d+")) {
            int i = Integer.parseInt(t);
            if (i < options.size()) {
                return i;
            }
        }
        String wanted = normalise(t);
        int prefixMatch = -1;
        int prefixCount = 0;
        for (int i = 0; i < options.size(); i++) {
            String o = normalise(options.get(i));
            if (o.equals(wanted)) {
                return i;
            }
            if (!wanted.isEmpty() && o.startsWith(wanted)) {
                prefixMatch = i;
                prefixCount++;
            }
        }
        if (prefixCount == 1) {
            return prefixMatch;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(i).append(" = '").append(options.get(i)).append('\'');
        }
        throw new IllegalArgumentException("parameter '" + p.id() + "' has no option '" + text + "'"
                + (prefixCount > 1 ? " (ambiguous)" : "") + "; options: " + sb);
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String formatTime(double t) {
        return fmt(t);
    }
}
