#!/usr/bin/env bash
# Chain cost per render call: host -> C shim -> JNI -> Bridge/ActionDispatcher -> suites (JNA) -> renderer,
# measured by the OFX test host on one 1920x1080 float RGBA frame, next to a plain memcpy of that frame.
#
# Each render call is the host's full per-frame sequence (getRegionOfDefinition, getRegionsOfInterest,
# isIdentity, render). Both effects run their no-pipeline render paths: Face Swap passes the frame
# through (one frame copy in Java) and reads its 20 parameters; Image Translate runs the diagnostic colour
# negative (one pass over the pixels) and reads its 10 parameters.
# On the 1920x1080 rows the median also contains the test host's own work: it builds the source image for
# every clipGetImage with a per-pixel conversion, much as an editor decodes a frame. The 8x8 rows isolate
# the chain (host -> shim -> JNI -> dispatcher -> suite calls -> renderer), which is what the 20 us budget
# per render call is about. "minus_memcpy" is the median minus memcpy. The cpu columns are the rendering
# thread's CPU time per call (the chain runs synchronously on that thread; reading that clock adds about
# 0.5 us): on a busy machine they leave out the time the thread waited for a core.
# "plugin_us" is ManyFaces' own share of a call (--bench-split): the time inside the plugin's mainEntry
# calls less the time inside the host's property, image-effect and parameter suite functions, which the
# test host times with thin wrappers (time-stamp counter; their cost is within run-to-run noise).
# "host_suites_us" is that suite time; the rest of the median is the host building each action's
# arguments and images.
#
# Usage: plugin/bench/chain-bench.sh [CALLS]   (after mvn -B verify or mvn package)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host="$root/bridge-native/target/ofx-testhost"
bundle="$root/plugin/target/ManyFaces.ofx.bundle"
calls="${1:-200}"
for f in "$host" "$bundle"; do
    [ -e "$f" ] || { echo "missing $f: build first (mvn -B verify)" >&2; exit 1; }
done
work="$(mktemp -d)"
# The plug-in's log goes into the scratch folder, not into the user's state folder (as host-profile-bench.sh).
export XDG_STATE_HOME="$work/state"
trap 'rm -rf "$work"' EXIT

frame() { # frame W H FILE: a mid-grey float frame (0.5 = 0x3f000000 little-endian)
    { printf 'RGBAF %d %d\n' "$1" "$2"; head -c $(($1 * $2 * 4)) /dev/zero | tr '\0' '\1' \
        | sed 's/\x01/\x00\x00\x00\x3f/g' | head -c $(($1 * $2 * 16)); } >"$3"
}

run() { # run LABEL INPUT CALLS ARGS...
    local label="$1" input="$2" n="$3"
    shift 3
    "$host" --input "$input" --output "$work/out_%04d.rgbaf" --depth float --bench "$n" --bench-split "$@" "$bundle" \
        2>/dev/null | awk -v label="$label" '/^bench/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
        END {
            printf "%-34s %7d %10.1f %8.1f %8.1f %10.1f %10.1f %13.1f %10.1f %10.1f %10.1f %15.1f\n", label, v["calls"],
                   v["median_us"], v["p10_us"], v["p90_us"], v["memcpy_us"], v["median_us"] - v["memcpy_us"], v["median_cpu_us"],
                   v["p10_cpu_us"], v["p90_cpu_us"], v["median_plugin_us"], v["median_host_suites_us"] }'
}

frame 1920 1080 "$work/hd.rgbaf"
frame 8 8 "$work/tiny.rgbaf"
printf "%-34s %7s %10s %8s %8s %10s %10s %13s %10s %10s %10s %15s\n" "effect / frame" calls median_us p10_us p90_us \
    memcpy_us "minus_memcpy" median_cpu_us p10_cpu_us p90_cpu_us plugin_us host_suites_us
run "Face Swap 1920x1080 float" "$work/hd.rgbaf" "$calls" --plugin org.manyfaces.FaceSwap
run "Image Translate (negative) 1080p" "$work/hd.rgbaf" "$calls" --plugin org.manyfaces.ImageTranslate --set model=1
run "Face Swap 8x8 float" "$work/tiny.rgbaf" $((calls * 100)) --plugin org.manyfaces.FaceSwap
run "Image Translate (negative) 8x8" "$work/tiny.rgbaf" $((calls * 100)) --plugin org.manyfaces.ImageTranslate --set model=1
run "Image Translate (neg.) 8x8, no mark" "$work/tiny.rgbaf" $((calls * 100)) --plugin org.manyfaces.ImageTranslate --set model=1 \
    --set watermark=0
