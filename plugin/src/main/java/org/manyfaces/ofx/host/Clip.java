package org.manyfaces.ofx.host;

import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.Scratch;

/** A clip of an effect instance, looked up once when the instance is created. */
public final class Clip {
    private final HostSuites suites;
    private final String name;
    private final long handle;

    Clip(HostSuites suites, long instance, String name) {
        this.suites = suites;
        this.name = name;
        Scratch s = Scratch.get();
        OfxException.check(suites.effects.clipGetHandle(instance, NativeName.of(name), s), "clipGetHandle(" + name + ")");
        this.handle = s.getAddress(0);
    }

    /** The clip named {@code name}, or null when this instance has none (a general-context-only clip). */
    static Clip find(HostSuites suites, long instance, String name) {
        Scratch s = Scratch.get();
        if (suites.effects.clipGetHandle(instance, NativeName.of(name), s) != OfxStatus.OK) {
            return null;
        }
        return new Clip(suites, instance, name);
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

    /** Whether something is connected to this clip. */
    public boolean connected() {
        return properties().getInt(OfxNames.CLIP_CONNECTED, 0) != 0;
    }

    /** First and last frame the clip can deliver (kOfxImageEffectPropFrameRange). */
    public double[] frameRange() {
        double[] r = new double[2];
        properties().getDoubles(OfxNames.FRAME_RANGE, r);
        return r;
    }

    /** Frames per second of the clip (kOfxImageEffectPropFrameRate). */
    public double frameRate() {
        return properties().getDouble(OfxNames.FRAME_RATE, 0);
    }

    private PropertySet properties() {
        Scratch s = Scratch.get();
        OfxException.check(suites.effects.clipGetPropertySet(handle, s), "clipGetPropertySet(" + name + ")");
        return suites.props(s.getAddress(0));
    }
}
