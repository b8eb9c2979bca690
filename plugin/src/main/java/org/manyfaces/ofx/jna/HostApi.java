package org.manyfaces.ofx.jna;

import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * The host's {@code OfxHost} struct: {@code {OfxPropertySetHandle host; fetchSuite}} (16 bytes on 64-bit).
 */
public final class HostApi {
    private final long hostStruct;
    private final long hostProperties;
    private final Function fetchSuite;

    public HostApi(long hostStruct) {
        if (hostStruct == 0) {
            throw new IllegalArgumentException("NULL OfxHost pointer");
        }
        Pointer p = new Pointer(hostStruct);
        this.hostStruct = hostStruct;
        this.hostProperties = p.getLong(0);
        long fetch = p.getLong(8);
        if (fetch == 0) {
            throw new IllegalArgumentException("OfxHost.fetchSuite is NULL");
        }
        this.fetchSuite = Function.getFunction(new Pointer(fetch));
    }

    public long address() {
        return hostStruct;
    }

    /** The host descriptor property set. */
    public long hostProperties() {
        return hostProperties;
    }

    /** Address of the named suite struct, or 0 when the host does not offer that suite and version. */
    public long fetchSuite(String name, int version) {
        Pointer p = (Pointer) fetchSuite.invoke(Pointer.class,
                new Object[] {hostProperties, NativeName.of(name).address(), version});
        return Pointer.nativeValue(p);
    }
}
