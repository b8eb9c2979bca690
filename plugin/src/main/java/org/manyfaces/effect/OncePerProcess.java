package org.manyfaces.effect;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EffectMessages} whose warnings and log lines reach the user once per process and effect: the
 * same (effect, id, text) is posted the first time only. Why process-wide: some hosts (MLT) create and
 * destroy an instance for every frame, so a renderer's own "said it already" flag is new on every frame
 * and a once-per-instance note would be printed on every frame. Errors always go through: each failed
 * frame deserves its own report. {@link #rearm} lets a renderer say a note again after the user changed
 * what it is about (a new source face chosen, then cleared again).
 */
public final class OncePerProcess implements EffectMessages {
    /** Bounded: notes are few and fixed; this only stops a pathological flood of distinct texts. */
    private static final int MAX_REMEMBERED = 4096;
    private static final Set<String> POSTED = ConcurrentHashMap.newKeySet();

    private final String effectId;
    private final EffectMessages target;

    public OncePerProcess(String effectId, EffectMessages target) {
        this.effectId = Objects.requireNonNull(effectId, "effectId");
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void warning(String id, String text) {
        if (first(id, text)) {
            target.warning(id, text);
        }
    }

    @Override
    public void log(String id, String text) {
        if (first(id, text)) {
            target.log(id, text);
        }
    }

    @Override
    public void error(String id, String text) {
        target.error(id, text);
    }

    @Override
    public void rearm(String id) {
        String prefix = effectId + '\u0000' + id + '\u0000';
        POSTED.removeIf(k -> k.startsWith(prefix));
    }

    private boolean first(String id, String text) {
        if (POSTED.size() >= MAX_REMEMBERED) {
            POSTED.clear();
        }
        return POSTED.add(effectId + '\u0000' + id + '\u0000' + text);
    }
}
