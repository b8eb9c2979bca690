package org.manyfaces.pipeline.chain;

import java.util.EnumMap;
import java.util.Map;

/**
 * Accumulates nanoseconds per {@link Stage} for one render (or many, for a benchmark). Not
 * thread-safe: use one timer per render call. {@link #NONE} discards everything at no cost.
 */
public class StageTimer {
    /** A timer that records nothing. */
    public static final StageTimer NONE = new StageTimer() {
        @Override
        public void add(Stage stage, long nanos) {
        }

        @Override
        public StageTimer fork() {
            return this;
        }
    };

    private final long[] nanos = new long[Stage.values().length];

    /**
     * The clock the pipeline reads between stages, in nanoseconds: wall time ({@link System#nanoTime()})
     * by default. A benchmark on a busy machine may return the calling thread's CPU time instead, so
     * that time the thread spent waiting for a core is not counted.
     */
    public long now() {
        return System.nanoTime();
    }

    /**
     * True when {@link #now()} reads the thread's CPU time: model run times are then taken in CPU time too
     * (see {@link org.manyfaces.pipeline.swap.FaceSwapper#threadInferenceCpuNanos()}), so they can be
     * subtracted from the stage times.
     */
    public boolean cpuClock() {
        return false;
    }

    /** Adds {@code nanos} to {@code stage}. */
    public void add(Stage stage, long nanos) {
        this.nanos[stage.ordinal()] += nanos;
    }

    /** Adds the time from {@code since} (a {@link #now()} reading) until now to {@code stage}; returns now. */
    public long lap(Stage stage, long since) {
        long now = now();
        add(stage, now - since);
        return now;
    }

    /**
     * A new timer on this timer's clock, for work done on another thread (timers are not thread-safe); its
     * times are added back with {@link #addAll} once that work is done.
     */
    public StageTimer fork() {
        StageTimer parent = this;
        return new StageTimer() {
            @Override
            public long now() {
                return parent.now();
            }

            @Override
            public boolean cpuClock() {
                return parent.cpuClock();
            }
        };
    }

    /** Adds every stage time of {@code other} to this timer. */
    public void addAll(StageTimer other) {
        for (Stage s : Stage.values()) {
            add(s, other.nanos(s));
        }
    }

    public long nanos(Stage stage) {
        return nanos[stage.ordinal()];
    }

    /** Sum of all stages except {@link Stage#SWAP_INFERENCE} (which is part of {@link Stage#SWAP}). */
    public long totalNanos() {
        long t = 0;
        for (Stage s : Stage.values()) {
            if (s != Stage.SWAP_INFERENCE) {
                t += nanos[s.ordinal()];
            }
        }
        return t;
    }

    public void reset() {
        java.util.Arrays.fill(nanos, 0);
    }

    public Map<Stage, Long> snapshot() {
        Map<Stage, Long> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, nanos[s.ordinal()]);
        }
        return m;
    }
}
