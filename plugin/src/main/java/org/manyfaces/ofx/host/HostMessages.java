package org.manyfaces.ofx.host;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.ofx.jna.MessageSuite;
import org.manyfaces.ofx.jna.ShimCalls;

/**
 * {@link EffectMessages} through the host's message suite, on one effect instance (or on no handle for
 * process-wide messages). Every message is also written to stderr, the only channel a render farm keeps,
 * and the only one left when the host has no message suite.
 */
final class HostMessages implements EffectMessages {
    private final MessageSuite suite;
    private final long handle;

    HostMessages(HostSuites suites, long handle) {
        this.suite = suites == null ? null : suites.messages;
        this.handle = handle;
    }

    @Override
    public void warning(String id, String text) {
        post(OfxNames.MESSAGE_WARNING, id, text);
    }

    @Override
    public void error(String id, String text) {
        post(OfxNames.MESSAGE_ERROR, id, text);
    }

    @Override
    public void log(String id, String text) {
        post(OfxNames.MESSAGE_LOG, id, text);
    }

    private void post(String type, String id, String text) {
        System.err.println("[ManyFaces] " + type.substring("OfxMessage".length()).toLowerCase() + " " + id + ": " + text);
        if (suite != null && ShimCalls.isLoaded()) {
            suite.message(handle, type, id, text);
        }
    }
}
