package org.manyfaces.effect;

/**
 * How an effect tells the user something. Over OFX these become host messages on the effect instance (and
 * lines in the plug-in's log file); inside a host, renderers' notes pass through {@link OncePerProcess}.
 */
public interface EffectMessages {
    /** A problem the user should fix; rendering continues. */
    void warning(String id, String text);

    /** A failure of the current operation. */
    void error(String id, String text);

    /** Information for the log only. */
    void log(String id, String text);

    /**
     * The note {@code id} may be shown again (what it was about changed). Only meaningful for channels that
     * hold notes back ({@link OncePerProcess}); others show every note anyway.
     */
    default void rearm(String id) {
    }
}
