package org.manyfaces.effect;

/**
 * Parameter values as the host holds them, read at a given time (frames), so keyframes and animation
 * curves are honoured. Implemented over OFX in {@code org.manyfaces.ofx.host}; tests and the CLI can
 * implement it over a map. Unknown ids or a type mismatch throw {@link IllegalArgumentException}.
 */
public interface HostParams {
    double getDouble(String id, double time);

    int getInt(String id, double time);

    boolean getBool(String id, double time);

    /** 0-based index of the chosen option. */
    int getChoice(String id, double time);

    /** Never null; an empty field is "". */
    String getString(String id, double time);

    /**
     * Sets a string parameter's value, for read-only status lines. OFX allows this only while handling an
     * instance change (never during a render), so renderers call it from
     * {@link EffectRenderer#paramChanged}. Implementations that cannot set values refuse.
     *
     * @throws UnsupportedOperationException when these params cannot be written
     */
    default void setString(String id, String value) {
        throw new UnsupportedOperationException("these parameters are read-only (" + id + ")");
    }

    /**
     * Greys a control out (or back in) where it does not apply to the other settings, e.g. a weight only one
     * model has. Like {@link #setString}, legal only while handling an instance change. Where there is no control
     * to grey out (the command line, a map) or the host ignores it, nothing happens: the control's hint says
     * when it applies, so nothing depends on this.
     */
    default void setEnabled(String id, boolean enabled) {
    }
}
