package org.manyfaces.effect;

/**
 * How an effect tells the user something. Over OFX these become host messages on the effect instance;
 * every message is also written to stderr so render farms keep a log.
 */
public interface EffectMessages {
    /** A problem the user should fix; rendering continues. */
    void warning(String id, String text);

    /** A failure of the current operation. */
    void error(String id, String text);

    /** Information for the log only. */
    void log(String id, String text);
}
