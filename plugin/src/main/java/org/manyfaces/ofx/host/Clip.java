package org.manyfaces.ofx.host;

import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.Scratch;

/** A clip of an effect instance, looked up once when the instance is created. */
public final class Clip {
    private final HostSuites suites;
    private final String name;
    private final long handle;

    private Clip(HostSuites suites, String name, long handle) {
        this.suites = suites;
        this.name = name;
        this.handle = handle;
    }

    /** The clip named {@code name}, which the instance must have (Source, Output). */
    static Clip require(HostSuites suites, long instance, String name) {
        Scratch s = Scratch.get();
        OfxException.check(suites.effects.clipGetHandle(instance, NativeName.of(name), s), "clipGetHandle(" + name + ")");
        long handle = s.getAddress(0);
        if (handle == 0) {
            throw new OfxException(OfxStatus.ERR_BAD_HANDLE, "the host gave no " + name + " clip (a NULL handle)");
        }
        return new Clip(suites, name, handle);
    }

    /**
     * The optional clip named {@code name}, or null when this instance has none: not declared in this context
     * (a general-context-only clip in the filter context), refused, or answered with OK and a NULL handle
     * (MLT does that for clips it does not have). Null simply means "not connected".
     */
    static Clip find(HostSuites suites, long instance, String name) {
        Scratch s = Scratch.get();
        if (suites.effects.clipGetHandle(instance, NativeName.of(name), s) != OfxStatus.OK || s.getAddress(0) == 0) {
            return null;
        }
        return new Clip(suites, name, s.getAddress(0));
    }

    /** The clip's region of definition at {@code time} in canonical coordinates: x1, y1, x2, y2. */
    public double[] regionOfDefinition(double time) {
        Scratch s = Scratch.get();
        OfxException.check(suites.effects.clipGetRegionOfDefinition(handle, time, s),
                "clipGetRegionOfDefinition(" + name + ")");
        return new double[] {s.getDouble(0), s.getDouble(8), s.getDouble(16), s.getDouble(24)};
    }

    public String name() {
        return name;
    }

    /** The image at {@code time}, or null when the host has none; close it when done. */
    public HostImage image(double time) {
        return HostImage.fetch(suites, handle, name, time);
    }

    /**
     * Whether something is connected to this clip. A clip whose property set the host cannot give (a bad
     * handle) or that has no connected flag counts as not connected: an optional input the host does not
     * feed must never fail a frame.
     */
    public boolean connected() {
        PropertySet p = propertiesOrNull();
        return p != null && p.getIntOr(OfxNames.CLIP_CONNECTED, 0, 0) != 0;
    }

    /**
     * First and last frame the clip can deliver (kOfxImageEffectPropFrameRange), or null when the host
     * gives the clip no frame range (MLT answers kOfxStatErrUnknown).
     */
    public double[] frameRangeOrNull() {
        PropertySet p = propertiesOrNull();
        double[] r = new double[2];
        return p != null && p.tryGetDoubles(OfxNames.FRAME_RANGE, r) ? r : null;
    }

    /** First and last frame the clip can deliver (kOfxImageEffectPropFrameRange). */
    public double[] frameRange() {
        double[] r = frameRangeOrNull();
        if (r == null) {
            throw new OfxException(OfxStatus.ERR_UNKNOWN, "the host gives clip " + name + " no frame range");
        }
        return r;
    }

    /** Frames per second of the clip (kOfxImageEffectPropFrameRate), 0 when the host does not say. */
    public double frameRate() {
        PropertySet p = propertiesOrNull();
        double[] r = new double[1];
        return p != null && p.tryGetDoubles(OfxNames.FRAME_RATE, r) ? r[0] : 0;
    }

    private PropertySet propertiesOrNull() {
        Scratch s = Scratch.get();
        if (suites.effects.clipGetPropertySet(handle, s) != OfxStatus.OK || s.getAddress(0) == 0) {
            return null;
        }
        return suites.props(s.getAddress(0));
    }
}
