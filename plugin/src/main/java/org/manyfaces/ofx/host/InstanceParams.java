package org.manyfaces.ofx.host;

import org.manyfaces.effect.HostParams;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.ofx.jna.NativeMemory;
import org.manyfaces.ofx.jna.Scratch;
import org.manyfaces.ofx.jna.ShimTrampolines;

/**
 * {@link HostParams} over one effect instance's OFX parameters. Handles are looked up once at instance
 * creation; each read is one {@code paramGetValueAtTime} through the shim's trampoline (direct-mapped,
 * no allocation except for strings).
 */
final class InstanceParams implements HostParams {
    private final ParamTable table;
    private final long[] handles;
    private final long getAtTime;
    private final long setValue;

    InstanceParams(HostSuites suites, ParamSet set, ParamTable table) {
        this.table = table;
        this.handles = new long[table.size()];
        for (int i = 0; i < handles.length; i++) {
            ParamSpec p = table.get(i);
            if (p.type().hasValue()) {
                handles[i] = set.handle(p.id());
            }
        }
        this.getAtTime = suites.params.getValueAtTimeFunction();
        this.setValue = suites.params.setValueFunction();
    }

    @Override
    public double getDouble(String id, double time) {
        Scratch s = read(id, ParamType.DOUBLE, time);
        return s.getDouble(0);
    }

    @Override
    public int getInt(String id, double time) {
        return read(id, ParamType.INT, time).getInt(0);
    }

    @Override
    public boolean getBool(String id, double time) {
        return read(id, ParamType.BOOL, time).getInt(0) != 0;
    }

    @Override
    public int getChoice(String id, double time) {
        return read(id, ParamType.CHOICE, time).getInt(0);
    }

    @Override
    public String getString(String id, double time) {
        String v = NativeMemory.cString(read(id, ParamType.STRING, time).getAddress(0));
        return v == null ? "" : v;
    }

    /**
     * Sets a string param's current value (only legal in instanceChanged and similar actions); used for
     * read-only status lines.
     */
    @Override
    public void setString(String id, String value) {
        int i = index(id, ParamType.STRING);
        int st = ShimTrampolines.mf_param_set_string(setValue, handles[i], value);
        OfxException.check(st, "paramSetValue(" + id + ")");
    }

    private Scratch read(String id, ParamType type, double time) {
        int i = index(id, type);
        Scratch s = Scratch.get();
        int st = ShimTrampolines.mf_param_get_at_time(getAtTime, handles[i], time, 1, s.slotPointers());
        if (st != OfxStatus.OK) {
            throw new OfxException(st, "paramGetValueAtTime(" + id + ", " + time + ") failed: " + OfxStatus.name(st));
        }
        return s;
    }

    private int index(String id, ParamType type) {
        int i = table.indexOf(id);
        ParamType actual = table.get(i).type();
        if (actual != type) {
            throw new IllegalArgumentException("param '" + id + "' is a " + actual + ", read as " + type);
        }
        return i;
    }
}
