package org.manyfaces.ofx.host;

import org.manyfaces.effect.EditableParams;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.ofx.jna.NativeMemory;
import org.manyfaces.ofx.jna.ParameterSuiteV1;
import org.manyfaces.ofx.jna.Scratch;
import org.manyfaces.ofx.jna.ShimCalls;

/**
 * {@link EditableParams} over one effect instance's OFX parameters. Handles are looked up once at instance
 * creation; each read is one {@code paramGetValueAtTime} through the shim's trampoline (direct-mapped,
 * no allocation except for strings). Writes and key edits (presets) are only legal where the host allows
 * a plug-in to change params, i.e. in instanceChanged.
 */
final class InstanceParams implements EditableParams {
    private final ParamTable table;
    private final long[] handles;
    private final long paramSet;
    private final ParameterSuiteV1 suite;
    private final HostSuites suites;
    private final long getAtTime;
    private final long setValue;
    private final long setValueAtTime;
    /** Open paramEditBegin groups (instanceChanged runs on one thread at a time per instance). */
    private int editing;

    InstanceParams(HostSuites suites, ParamSet set, ParamTable table) {
        this.table = table;
        this.handles = new long[table.size()];
        for (int i = 0; i < handles.length; i++) {
            ParamSpec p = table.get(i);
            if (p.type().hasValue()) {
                handles[i] = set.handle(p.id());
            }
        }
        this.paramSet = set.address();
        this.suite = suites.params;
        this.suites = suites;
        this.getAtTime = suites.params.getValueAtTimeFunction();
        this.setValue = suites.params.setValueFunction();
        this.setValueAtTime = suites.params.setValueAtTimeFunction();
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

    @Override
    public int keyCount(String id) {
        Scratch s = Scratch.get();
        s.clear(8);
        check(suite.paramGetNumKeys(handleOf(id), s), "paramGetNumKeys", id);
        return s.getInt(0);
    }

    @Override
    public double keyTime(String id, int index) {
        Scratch s = Scratch.get();
        check(suite.paramGetKeyTime(handleOf(id), index, s), "paramGetKeyTime(" + index + ")", id);
        return s.getDouble(0);
    }

    @Override
    public void deleteAllKeys(String id) {
        check(suite.paramDeleteAllKeys(handleOf(id)), "paramDeleteAllKeys", id);
    }

    @Override
    public void setDouble(String id, double value) {
        Scratch s = Scratch.get();
        s.setDouble(0, value);
        check(ShimCalls.paramSetDoubles(setValue, handles[index(id, ParamType.DOUBLE)], 1, s.at(0)),
                "paramSetValue", id);
    }

    @Override
    public void setInt(String id, int value) {
        setInts(id, ParamType.INT, value);
    }

    @Override
    public void setBool(String id, boolean value) {
        setInts(id, ParamType.BOOL, value ? 1 : 0);
    }

    @Override
    public void setChoice(String id, int index) {
        setInts(id, ParamType.CHOICE, index);
    }

    @Override
    public void setString(String id, String value) {
        int i = index(id, ParamType.STRING);
        check(ShimCalls.paramSetString(setValue, handles[i], value), "paramSetValue", id);
    }

    /** Sets the param's OfxParamPropEnabled; a host without the property (or refusing it) keeps the control as is. */
    @Override
    public void setEnabled(String id, boolean enabled) {
        Scratch s = Scratch.get();
        if (suite.paramGetPropertySet(handleOf(id), s) == OfxStatus.OK && s.getAddress(0) != 0) {
            suites.props(s.getAddress(0)).trySetInt(OfxNames.PARAM_ENABLED, enabled ? 1 : 0);
        }
    }

    @Override
    public void setDoubleAtTime(String id, double time, double value) {
        Scratch s = Scratch.get();
        s.setDouble(0, value);
        check(ShimCalls.paramSetDoublesAtTime(setValueAtTime, handles[index(id, ParamType.DOUBLE)], time,
                1, s.at(0)), "paramSetValueAtTime(" + time + ")", id);
    }

    @Override
    public void setIntAtTime(String id, double time, int value) {
        setIntsAtTime(id, ParamType.INT, time, value);
    }

    @Override
    public void setBoolAtTime(String id, double time, boolean value) {
        setIntsAtTime(id, ParamType.BOOL, time, value ? 1 : 0);
    }

    @Override
    public void setChoiceAtTime(String id, double time, int index) {
        setIntsAtTime(id, ParamType.CHOICE, time, index);
    }

    @Override
    public void beginEdit(String undoName) {
        try {
            OfxException.check(suite.paramEditBegin(paramSet, undoName), "paramEditBegin(" + undoName + ")");
            editing++;
        } catch (UnsupportedOperationException noUndoGroups) {
            // A host without paramEditBegin still takes the edits, just not as one undo step.
        }
    }

    @Override
    public void endEdit() {
        if (editing == 0) {
            return;
        }
        editing--;
        OfxException.check(suite.paramEditEnd(paramSet), "paramEditEnd");
    }

    private void setInts(String id, ParamType type, int value) {
        Scratch s = Scratch.get();
        s.setInt(0, value);
        check(ShimCalls.paramSetInts(setValue, handles[index(id, type)], 1, s.at(0)), "paramSetValue", id);
    }

    private void setIntsAtTime(String id, ParamType type, double time, int value) {
        Scratch s = Scratch.get();
        s.setInt(0, value);
        check(ShimCalls.paramSetIntsAtTime(setValueAtTime, handles[index(id, type)], time, 1, s.at(0)),
                "paramSetValueAtTime(" + time + ")", id);
    }

    private Scratch read(String id, ParamType type, double time) {
        int i = index(id, type);
        Scratch s = Scratch.get();
        int st = ShimCalls.paramGetAtTime(getAtTime, handles[i], time, 1, s.slotPointers());
        if (st != OfxStatus.OK) {
            throw new OfxException(st, "paramGetValueAtTime(" + id + ", " + time + ") failed: " + OfxStatus.name(st));
        }
        return s;
    }

    private long handleOf(String id) {
        int i = table.indexOf(id);
        if (!table.get(i).type().hasValue()) {
            throw new IllegalArgumentException("param '" + id + "' is a " + table.get(i).type() + " and holds no value");
        }
        return handles[i];
    }

    private int index(String id, ParamType type) {
        int i = table.indexOf(id);
        ParamType actual = table.get(i).type();
        if (actual != type) {
            throw new IllegalArgumentException("param '" + id + "' is a " + actual + ", used as " + type);
        }
        return i;
    }

    private static void check(int status, String call, String id) {
        if (status != OfxStatus.OK) {
            throw new OfxException(status, call + " of '" + id + "' failed: " + OfxStatus.name(status));
        }
    }
}
