package org.manyfaces.ofx.host;

import org.manyfaces.effect.EffectMessages;
import org.manyfaces.ofx.jna.MessageSuite;
import org.manyfaces.ofx.jna.ShimCalls;

/**
 * {@link EffectMessages} through the host's message suite, on one effect instance (or on no handle for
 * process-wide messages). The host's message suite comes first; every message also goes to the
 * {@link PluginLog} file. stderr gets the line only when the host has no (working) message suite, or when
 * {@value PluginLog#ENV}=stderr asks for it (the log then copies every line there itself).
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
        String level = type.substring("OfxMessage".length()).toLowerCase();
        PluginLog log = PluginLog.get();
        log.info(level + " " + id + ": " + text);
        boolean posted = suite != null && ShimCalls.isLoaded()
                && suite.message(handle, type, id, text) == OfxStatus.OK;
        if (!posted && !log.toStderr()) {
            System.err.println("[ManyFaces] " + level + " " + id + ": " + text);
        }
    }
}
