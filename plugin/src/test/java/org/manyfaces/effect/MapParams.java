package org.manyfaces.effect;

import java.util.HashMap;
import java.util.Map;

import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;

/** {@link HostParams} over an effect's defaults plus overrides, constant in time; for renderer tests. */
public final class MapParams implements HostParams {
    private final ParamTable table;
    private final Map<String, Object> values = new HashMap<>();
    public int reads;

    public MapParams(ParamTable table) {
        this.table = table;
    }

    public MapParams set(String id, Object v) {
        table.indexOf(id);
        values.put(id, v);
        return this;
    }

    private Object value(String id, ParamType type) {
        ParamSpec p = table.get(id);
        if (p.type() != type) {
            throw new IllegalArgumentException(id + " is " + p.type() + " not " + type);
        }
        reads++;
        Object v = values.get(id);
        if (v != null) {
            return v;
        }
        return type == ParamType.STRING ? p.defaultText() : (Object) p.defaultNumber();
    }

    @Override
    public double getDouble(String id, double time) {
        return ((Number) value(id, ParamType.DOUBLE)).doubleValue();
    }

    @Override
    public int getInt(String id, double time) {
        return ((Number) value(id, ParamType.INT)).intValue();
    }

    @Override
    public boolean getBool(String id, double time) {
        return ((Number) value(id, ParamType.BOOL)).doubleValue() != 0;
    }

    @Override
    public int getChoice(String id, double time) {
        return ((Number) value(id, ParamType.CHOICE)).intValue();
    }

    @Override
    public String getString(String id, double time) {
        return (String) value(id, ParamType.STRING);
    }

    /** Writable like a host's params during an instance change; the writes are counted. */
    public int writes;

    @Override
    public void setString(String id, String value) {
        if (table.get(id).type() != ParamType.STRING) {
            throw new IllegalArgumentException(id + " is not a string");
        }
        writes++;
        values.put(id, value);
    }
}
