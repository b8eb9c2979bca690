package org.manyfaces.preset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;

/**
 * {@link EditableParams} held in memory, starting at an effect table's defaults: what the CLI renders
 * with after seeding it from a preset ({@code PresetApplier.apply}), and the test double that proves a
 * failed preset changes nothing ({@link #snapshot()}).
 *
 * <p>Keyframed values follow each key's {@link Interpolation} (linear by default); INT values are rounded
 * after interpolation; BOOL and CHOICE keys always hold until the next key. Before the first key and after
 * the last the value is constant. Not thread-safe: one instance per render.
 */
public final class InMemoryParams implements EditableParams {
    private record Key(Object value, Interpolation interpolation) {
    }

    private final ParamTable table;
    private final Map<String, Object> constants = new LinkedHashMap<>();
    private final Map<String, NavigableMap<Double, Key>> keys = new LinkedHashMap<>();
    private int editDepth;

    /** Every value param at its default. */
    public InMemoryParams(ParamTable table) {
        this.table = table;
        for (ParamSpec p : table.rows()) {
            if (!p.type().hasValue()) {
                continue;
            }
            constants.put(p.id(), switch (p.type()) {
                case DOUBLE -> p.defaultNumber();
                case INT, CHOICE -> (int) p.defaultNumber();
                case BOOL -> p.defaultNumber() != 0;
                default -> p.defaultText();
            });
            keys.put(p.id(), new TreeMap<>());
        }
    }

    public ParamTable table() {
        return table;
    }

    @Override
    public double getDouble(String id, double time) {
        return (Double) valueAt(id, ParamType.DOUBLE, time);
    }

    @Override
    public int getInt(String id, double time) {
        return (Integer) valueAt(id, ParamType.INT, time);
    }

    @Override
    public boolean getBool(String id, double time) {
        return (Boolean) valueAt(id, ParamType.BOOL, time);
    }

    @Override
    public int getChoice(String id, double time) {
        return (Integer) valueAt(id, ParamType.CHOICE, time);
    }

    @Override
    public String getString(String id, double time) {
        return (String) valueAt(id, ParamType.STRING, time);
    }

    @Override
    public int keyCount(String id) {
        return keysOf(id).size();
    }

    @Override
    public double keyTime(String id, int index) {
        NavigableMap<Double, Key> k = keysOf(id);
        if (index < 0 || index >= k.size()) {
            throw new IndexOutOfBoundsException("param '" + id + "' has " + k.size() + " keys, asked for key " + index);
        }
        return k.keySet().stream().skip(index).findFirst().orElseThrow();
    }

    /** Interpolation of the key at {@code time} (to the next key). */
    public Interpolation interpolation(String id, double time) {
        Key k = keysOf(id).get(time);
        if (k == null) {
            throw new IllegalArgumentException("param '" + id + "' has no key at " + time);
        }
        return k.interpolation();
    }

    /** Sets the interpolation of the existing key at {@code time}. */
    public void setInterpolation(String id, double time, Interpolation interpolation) {
        NavigableMap<Double, Key> k = keysOf(id);
        Key old = k.get(time);
        if (old == null) {
            throw new IllegalArgumentException("param '" + id + "' has no key at " + time);
        }
        k.put(time, new Key(old.value(), interpolation));
    }

    @Override
    public void deleteAllKeys(String id) {
        NavigableMap<Double, Key> k = keysOf(id);
        if (!k.isEmpty()) {
            // As hosts do: the curve's value at the first key becomes the constant.
            constants.put(id, k.firstEntry().getValue().value());
            k.clear();
        }
    }

    @Override
    public void setDouble(String id, double value) {
        set(id, ParamType.DOUBLE, checkRange(id, value));
    }

    @Override
    public void setInt(String id, int value) {
        set(id, ParamType.INT, (int) checkRange(id, value));
    }

    @Override
    public void setBool(String id, boolean value) {
        set(id, ParamType.BOOL, value);
    }

    @Override
    public void setChoice(String id, int index) {
        set(id, ParamType.CHOICE, checkChoice(id, index));
    }

    @Override
    public void setString(String id, String value) {
        set(id, ParamType.STRING, java.util.Objects.requireNonNull(value, "value"));
    }

    @Override
    public void setDoubleAtTime(String id, double time, double value) {
        key(id, ParamType.DOUBLE, time, checkRange(id, value));
    }

    @Override
    public void setIntAtTime(String id, double time, int value) {
        key(id, ParamType.INT, time, (int) checkRange(id, value));
    }

    @Override
    public void setBoolAtTime(String id, double time, boolean value) {
        key(id, ParamType.BOOL, time, value);
    }

    @Override
    public void setChoiceAtTime(String id, double time, int index) {
        key(id, ParamType.CHOICE, time, checkChoice(id, index));
    }

    @Override
    public void beginEdit(String undoName) {
        editDepth++;
    }

    @Override
    public void endEdit() {
        if (editDepth == 0) {
            throw new IllegalStateException("endEdit without beginEdit");
        }
        editDepth--;
    }

    /** Open beginEdit groups (0 when balanced). */
    public int editDepth() {
        return editDepth;
    }

    /**
     * The whole state as text (every constant, every key with its interpolation), for comparing before
     * and after an operation.
     */
    public String snapshot() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : constants.entrySet()) {
            NavigableMap<Double, Key> k0 = keys.get(e.getKey());
            // Under keys the constant is invisible (every read follows the curve), so it is not state.
            sb.append(e.getKey()).append('=').append(k0.isEmpty() ? e.getValue() : "(animated)");
            for (Map.Entry<Double, Key> k : keys.get(e.getKey()).entrySet()) {
                sb.append(" @").append(k.getKey()).append(':').append(k.getValue().value()).append('/')
                        .append(k.getValue().interpolation().jsonName());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private void set(String id, ParamType type, Object value) {
        spec(id, type);
        NavigableMap<Double, Key> k = keys.get(id);
        if (!k.isEmpty()) {
            throw new IllegalStateException("param '" + id + "' is animated; delete its keys before setting a constant");
        }
        constants.put(id, value);
    }

    private void key(String id, ParamType type, double time, Object value) {
        ParamSpec spec = spec(id, type);
        if (!spec.animates()) {
            throw new IllegalArgumentException("param '" + id + "' does not animate");
        }
        if (!Double.isFinite(time)) {
            throw new IllegalArgumentException("key time " + time + " of '" + id + "' is not finite");
        }
        Key old = keys.get(id).get(time);
        keys.get(id).put(time, new Key(value, old == null ? Interpolation.LINEAR : old.interpolation()));
    }

    private Object valueAt(String id, ParamType type, double t) {
        ParamSpec spec = spec(id, type);
        NavigableMap<Double, Key> k = keys.get(id);
        if (k.isEmpty()) {
            return constants.get(id);
        }
        Map.Entry<Double, Key> lo = k.floorEntry(t);
        Map.Entry<Double, Key> hi = k.ceilingEntry(t);
        if (lo == null) {
            return hi.getValue().value();
        }
        if (hi == null || lo.getKey().equals(hi.getKey())) {
            return lo.getValue().value();
        }
        if (type == ParamType.BOOL || type == ParamType.CHOICE || lo.getValue().interpolation() == Interpolation.CONSTANT) {
            return lo.getValue().value();
        }
        double t0 = lo.getKey();
        double t1 = hi.getKey();
        double v0 = ((Number) lo.getValue().value()).doubleValue();
        double v1 = ((Number) hi.getValue().value()).doubleValue();
        double u = (t - t0) / (t1 - t0);
        double v;
        if (lo.getValue().interpolation() == Interpolation.SMOOTH) {
            // Cubic Hermite with Catmull-Rom tangents (one-sided at the ends), scaled to this segment.
            Map.Entry<Double, Key> before = k.lowerEntry(t0);
            Map.Entry<Double, Key> after = k.higherEntry(t1);
            double m0 = before == null ? (v1 - v0) : (v1 - num(before)) * (t1 - t0) / (t1 - before.getKey());
            double m1 = after == null ? (v1 - v0) : (num(after) - v0) * (t1 - t0) / (after.getKey() - t0);
            double u2 = u * u;
            double u3 = u2 * u;
            v = (2 * u3 - 3 * u2 + 1) * v0 + (u3 - 2 * u2 + u) * m0 + (-2 * u3 + 3 * u2) * v1 + (u3 - u2) * m1;
        } else {
            v = v0 + u * (v1 - v0);
        }
        v = Math.max(spec.min(), Math.min(spec.max(), v));
        return type == ParamType.INT ? (Object) (int) Math.floor(v + 0.5) : (Object) v;
    }

    private static double num(Map.Entry<Double, Key> e) {
        return ((Number) e.getValue().value()).doubleValue();
    }

    private NavigableMap<Double, Key> keysOf(String id) {
        NavigableMap<Double, Key> k = keys.get(id);
        if (k == null) {
            table.indexOf(id);
            throw new IllegalArgumentException("param '" + id + "' holds no value");
        }
        return k;
    }

    private ParamSpec spec(String id, ParamType type) {
        ParamSpec spec = table.get(id);
        if (spec.type() != type) {
            throw new IllegalArgumentException("param '" + id + "' is a " + spec.type() + ", used as " + type);
        }
        return spec;
    }

    private double checkRange(String id, double v) {
        ParamSpec spec = table.get(id);
        if (!(v >= spec.min() && v <= spec.max())) {
            throw new IllegalArgumentException("value " + v + " of '" + id + "' is outside [" + spec.min() + ", "
                    + spec.max() + "]");
        }
        return v;
    }

    private int checkChoice(String id, int index) {
        ParamSpec spec = table.get(id);
        if (index < 0 || index >= spec.choices().size()) {
            throw new IllegalArgumentException("option " + index + " of '" + id + "' is not one of 0.."
                    + (spec.choices().size() - 1));
        }
        return index;
    }
}
