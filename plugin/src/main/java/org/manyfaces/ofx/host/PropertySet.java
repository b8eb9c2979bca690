package org.manyfaces.ofx.host;

import java.util.List;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.ofx.jna.NativeMemory;
import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.PropertySuiteV1;
import org.manyfaces.ofx.jna.Scratch;

/**
 * A typed view of one OFX property set. Failed calls throw {@link OfxException} naming the property and
 * the status; the {@code ...Or} and {@code trySet...} forms are for properties older hosts may not know.
 */
public final class PropertySet {
    private final PropertySuiteV1 suite;
    private final long handle;

    PropertySet(PropertySuiteV1 suite, long handle) {
        if (handle == 0) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "NULL property set");
        }
        this.suite = suite;
        this.handle = handle;
    }

    long handle() {
        return handle;
    }

    public int getInt(NativeName name, int index) {
        Scratch s = Scratch.get();
        check(suite.getInt(handle, name, index, s), "get", name);
        return s.getInt(0);
    }

    public double getDouble(NativeName name, int index) {
        Scratch s = Scratch.get();
        check(suite.getDouble(handle, name, index, s), "get", name);
        return s.getDouble(0);
    }

    /** Raw address held by a pointer property. */
    long getPointer(NativeName name, int index) {
        Scratch s = Scratch.get();
        check(suite.getPointer(handle, name, index, s), "get", name);
        return s.getAddress(0);
    }

    public String getString(NativeName name, int index) {
        return NativeMemory.cString(getStringAddress(name, index));
    }

    /** Address of the host-owned C string (valid until the property changes); compare without copying. */
    long getStringAddress(NativeName name, int index) {
        Scratch s = Scratch.get();
        check(suite.getString(handle, name, index, s), "get", name);
        return s.getAddress(0);
    }

    /** The int at {@code index}, or {@code fallback} when the host does not define it (older hosts, lean hosts). */
    public int getIntOr(NativeName name, int index, int fallback) {
        Scratch s = Scratch.get();
        return suite.getInt(handle, name, index, s) == OfxStatus.OK ? s.getInt(0) : fallback;
    }

    public String getStringOr(NativeName name, int index, String fallback) {
        Scratch s = Scratch.get();
        if (suite.getString(handle, name, index, s) != OfxStatus.OK) {
            return fallback;
        }
        String v = NativeMemory.cString(s.getAddress(0));
        return v == null ? fallback : v;
    }

    /** Reads an int x 4 rectangle property (x1, y1, x2, y2) in one call. */
    public PixelRect getRect(NativeName name) {
        Scratch s = Scratch.get();
        check(suite.getIntN(handle, name, 4, s), "get", name);
        return new PixelRect(s.getInt(0), s.getInt(4), s.getInt(8), s.getInt(12));
    }

    /** Reads {@code out.length} doubles (at most 32) in one call. */
    public void getDoubles(NativeName name, double[] out) {
        Scratch s = Scratch.get();
        check(suite.getDoubleN(handle, name, out.length, s), "get", name);
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getDouble(8 * i);
        }
    }

    /** Reads {@code out.length} doubles (at most 32) when the host defines them; false (and {@code out} untouched) when not. */
    public boolean tryGetDoubles(NativeName name, double[] out) {
        Scratch s = Scratch.get();
        if (suite.getDoubleN(handle, name, out.length, s) != OfxStatus.OK) {
            return false;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = s.getDouble(8 * i);
        }
        return true;
    }

    public void setInt(NativeName name, int index, int value) {
        check(suite.setInt(handle, name, index, value), "set", name);
    }

    public void setDouble(NativeName name, int index, double value) {
        check(suite.setDouble(handle, name, index, value), "set", name);
    }

    public void setString(NativeName name, int index, NativeName value) {
        check(suite.setString(handle, name, index, value), "set", name);
    }

    public void setString(NativeName name, int index, String value) {
        check(suite.setString(handle, name, index, value), "set", name);
    }

    /** Sets a string x N property, one index after the other. */
    public void setStrings(NativeName name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            setString(name, i, values.get(i));
        }
    }

    /** Sets an int property a host may not know; returns whether the host took it. */
    public boolean trySetInt(NativeName name, int value) {
        return suite.setInt(handle, name, 0, value) == OfxStatus.OK;
    }

    /** Sets a string property a host may not know; returns whether the host took it. */
    public boolean trySetString(NativeName name, String value) {
        return suite.setString(handle, name, 0, value) == OfxStatus.OK;
    }

    private static void check(int status, String op, NativeName name) {
        if (status != OfxStatus.OK) {
            throw new OfxException(status, op + " property " + name.text() + " failed: " + OfxStatus.name(status));
        }
    }
}
