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
}
