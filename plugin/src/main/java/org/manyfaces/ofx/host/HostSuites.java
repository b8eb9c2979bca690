package org.manyfaces.ofx.host;

import org.manyfaces.ofx.jna.HostApi;
import org.manyfaces.ofx.jna.ImageEffectSuiteV1;
import org.manyfaces.ofx.jna.MemorySuiteV1;
import org.manyfaces.ofx.jna.MessageSuite;
import org.manyfaces.ofx.jna.MultiThreadSuiteV1;
import org.manyfaces.ofx.jna.ParameterSuiteV1;
import org.manyfaces.ofx.jna.ProgressSuite;
import org.manyfaces.ofx.jna.PropertySuiteV1;

/**
 * The suites fetched from one host, once, in {@code setHost}. Property, image-effect and parameter suites
 * are required; the others are used when the host offers them.
 */
final class HostSuites {
    final HostApi host;
    final PropertySuiteV1 properties;
    final ImageEffectSuiteV1 effects;
    final ParameterSuiteV1 params;
    /** May be null. */
    final MemorySuiteV1 memory;
    /** May be null. */
    final MultiThreadSuiteV1 threads;
    /** V2 when offered, else V1; may be null. */
    final MessageSuite messages;
    /** V2 when offered, else V1; may be null. */
    final ProgressSuite progress;
    /** What the host says it supports, read once here. */
    final HostProfile profile;

    private HostSuites(HostApi host) {
        this.host = host;
        this.properties = new PropertySuiteV1(require(host, PropertySuiteV1.NAME));
        this.effects = new ImageEffectSuiteV1(require(host, ImageEffectSuiteV1.NAME));
        this.params = new ParameterSuiteV1(require(host, ParameterSuiteV1.NAME));
        long mem = host.fetchSuite(MemorySuiteV1.NAME, 1);
        this.memory = mem == 0 ? null : new MemorySuiteV1(mem);
        long mt = host.fetchSuite(MultiThreadSuiteV1.NAME, 1);
        this.threads = mt == 0 ? null : new MultiThreadSuiteV1(mt);
        this.messages = versioned(host, MessageSuite.NAME, (a, v) -> new MessageSuite(a, v));
        this.progress = versioned(host, ProgressSuite.NAME, (a, v) -> new ProgressSuite(a, v));
        PropertySet hostProps = new PropertySet(properties, host.hostProperties());
        this.profile = HostProfile.read(host, hostProps, this);
    }

    static HostSuites fetch(long ofxHost) {
        return new HostSuites(new HostApi(ofxHost));
    }

    PropertySet props(long handle) {
        return new PropertySet(properties, handle);
    }

    private interface Maker<T> {
        T make(long address, int version);
    }

    private static <T> T versioned(HostApi host, String name, Maker<T> maker) {
        long v2 = host.fetchSuite(name, 2);
        if (v2 != 0) {
            return maker.make(v2, 2);
        }
        long v1 = host.fetchSuite(name, 1);
        return v1 == 0 ? null : maker.make(v1, 1);
    }

    private static long require(HostApi host, String name) {
        long a = host.fetchSuite(name, 1);
        if (a == 0) {
            throw new OfxException(OfxStatus.ERR_MISSING_HOST_FEATURE, "the host offers no " + name + " V1");
        }
        return a;
    }
}
