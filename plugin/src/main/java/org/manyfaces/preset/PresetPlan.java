package org.manyfaces.preset;

import java.util.List;

import org.manyfaces.effect.params.ParamSpec;

/**
 * A preset fully checked against one effect and turned into writes: nothing in it can fail for a reason
 * the file could have caused, so applying it never stops half-way.
 *
 * @param preset   the preset it came from
 * @param writes   one entry per parameter to set, in table order
 * @param warnings what was skipped or ignored (unknown params, faces not found, newer fields)
 */
public record PresetPlan(Preset preset, List<ParamWrite> writes, List<String> warnings) {
    public PresetPlan {
        writes = List.copyOf(writes);
        warnings = List.copyOf(warnings);
    }

    /** Total keyframes the plan writes. */
    public int keyCount() {
        return writes.stream().mapToInt(w -> w.keys().size()).sum();
    }

    /**
     * One parameter's new state: a constant value, or keyframes (then {@code value} is ignored).
     * Values are Double (DOUBLE), Integer (INT, and the option index of CHOICE), Boolean (BOOL) or String.
     */
    public record ParamWrite(ParamSpec spec, Object value, List<Key> keys) {
        public ParamWrite {
            keys = List.copyOf(keys);
        }
    }

    /** One keyframe: time (frames), value (as in {@link ParamWrite}) and the interpolation to the next key. */
    public record Key(double time, Object value, Interpolation interpolation) {
    }
}
