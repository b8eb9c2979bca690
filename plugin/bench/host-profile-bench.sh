#!/usr/bin/env bash
# Both effects with their defaults under each emulated host profile of the OFX test host (strict, MLT), on the
# real frames of faces_pd_640x360_6s.mp4: frames rendered / failed, per-frame ms, messages the host printed
# per 100 frames, and (where the host makes an instance per frame) the cost of CreateInstance and
# DestroyInstance. The frames are decoded once by the bundle's own FFmpeg (JavaCV), so no system ffmpeg is
# needed; the host runs with --frame-cache, as an editor hands out its cached frames.
#
# A second table runs each single switch (one quirk of a real host) on fewer frames.
#
# Usage: plugin/bench/host-profile-bench.sh [FRAMES] [WARMUP] [SWITCH_FRAMES]   (defaults 100, 10, 25; after
#        mvn -DskipTests package).
#        Needs ../shared/media and ../shared/models (or MEDIA=..., MODELS=...).
set -euo pipefail
# shellcheck source=host-bench-paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/host-bench-paths.sh"
frames="${1:-100}"
warmup="${2:-10}"
switch_frames="${3:-25}"
video="$media/faces_pd_640x360_6s.mp4"
for f in "$host" "$bundle" "$video" "$media/grace_hopper.jpg" "$models/yunet_s_dynamic.onnx"; do
    [ -e "$f" ] || { echo "missing $f (build with mvn -DskipTests package; MEDIA/MODELS for the shared files)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The plug-in's log goes into the scratch folder, not into the user's state folder.
export XDG_STATE_HOME="$work/state"

# JavaCPP unpacks FFmpeg for the decode into the scratch folder too, not into ~/.javacpp.
java -Dorg.bytedeco.javacpp.cachedir="$work/javacpp" -cp "$bundle/Contents/Resources/lib/*" \
    org.manyfaces.bench.HostBenchFrames --video "$video" "$frames" "$work/v_%04d.pam"

# median and mean of the numbers on stdin (mawk has no sort: sort(1) first)
median() { sort -g | awk '{ v[n++] = $1 } END { if (n == 0) print "-"; else printf "%.2f", v[int(n / 2)] }'; }
mean() { awk '{ s += $1; n++ } END { if (n == 0) print "-"; else printf "%.2f", s / n }'; }

run() { # run PROFILE_LABEL EFFECT_LABEL PLUGIN_ID HOST_ARGS... -- EFFECT_ARGS...
    local profile="$1" label="$2" plugin="$3"
    shift 3
    local host_args=()
    while [ "$1" != "--" ]; do host_args+=("$1"); shift; done
    shift
    MANYFACES_MODELS="$models" "$host" "${host_args[@]}" --plugin "$plugin" --input "$work/v_%04d.pam" --frame-cache \
        --frames "0-$((frames - 1))" "$@" "$bundle" 2>"$work/err.txt" >"$work/out.txt" || {
        echo "host failed for '$profile $label':" >&2; cat "$work/err.txt" "$work/out.txt" >&2; exit 1; }
    local rendered failed messages ms cpu cpu_mean create destroy
    rendered=$(awk '/^summary/ { split($2, a, "="); print a[2] }' "$work/out.txt")
    failed=$(awk '/^summary/ { split($3, a, "="); print a[2] }' "$work/out.txt")
    messages=$(grep -c '^message ' "$work/out.txt" || true)
    ms=$(awk -v warm="$warmup" '/^frame=/ { split($1, f, "="); split($4, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    cpu=$(awk -v warm="$warmup" '/^frame=/ { split($1, f, "="); split($5, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    cpu_mean=$(awk -v warm="$warmup" '/^frame=/ { split($1, f, "="); split($5, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | mean)
    create=$(awk -v warm="$warmup" '/^instance / { split($2, f, "="); split($4, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    destroy=$(awk -v warm="$warmup" '/^instance / { split($2, f, "="); split($5, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    printf "| %-${width}s | %-38s | %8s | %6s | %9s | %10s | %8s | %8s | %11s | %13s | %14s |\n" "$profile" "$label" \
        "$rendered" "$failed" "$ms" "$cpu" "$cpu_mean" "$messages" "$(awk -v m="$messages" -v n="$frames" 'BEGIN { printf "%.1f", m * 100 / n }')" \
        "$create" "$destroy"
}

face=(--set "sourceFaces=$media/grace_hopper.jpg")
negative=(--set "model=Diagnostic: colour negative (no model)")
echo "Both effects, defaults, $frames frames of $(basename "$video") (640x360 8-bit RGBA), one render thread;"
echo "medians leave out the first $warmup frames (JVM start, model loading, JIT). load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo
printf "| %-7s | %-38s | %8s | %6s | %9s | %10s | %8s | %8s | %11s | %13s | %14s |\n" profile effect rendered failed \
    "median ms" "median CPU" "mean CPU" messages "per 100 fr" "create µs" "destroy µs"
echo "|---------|----------------------------------------|----------|--------|-----------|------------|----------|----------|-------------|---------------|----------------|"
width=7
for p in strict mlt; do
    run "$p" "Face Swap (Classic, YuNet, tracking)" org.manyfaces.FaceSwap --profile "$p" -- "${face[@]}"
    run "$p" "Image Translate (diagnostic negative)" org.manyfaces.ImageTranslate --profile "$p" -- "${negative[@]}"
done
run strict "Face Swap, smoothing 0" org.manyfaces.FaceSwap --profile strict -- "${face[@]}" --set smoothing=0
run strict "Face Swap, an instance per frame" org.manyfaces.FaceSwap --instance-per-frame -- "${face[@]}"
echo
echo "median ms: wall time per frame; median / mean CPU: CPU ms of the whole host process per frame (all threads),"
echo "which a busy machine does not inflate (with tracking, detection runs in bursts: the mean is its cost per frame). messages: every line the host's message suite printed in the run (each note once per process: the provider,"
echo "and on hosts without other frames the tracking-off note). create/destroy µs: the median wall time of the"
echo "CreateInstance and DestroyInstance actions (instance-per-frame hosts only)."
echo
echo "Each single switch of the test host (one quirk of a real host), both effects, defaults, the first $switch_frames frames:"
echo
printf "| %-22s | %-38s | %8s | %6s | %9s | %10s | %8s | %8s | %11s | %13s | %14s |\n" switch effect rendered failed \
    "median ms" "median CPU" "mean CPU" messages "per 100 fr" "create µs" "destroy µs"
echo "|------------------------|----------------------------------------|----------|--------|-----------|------------|----------|----------|-------------|---------------|----------------|"
frames=$switch_frames
width=22
for s in --no-temporal --fake-temporal --no-frame-range --null-optional-clips --instance-per-frame \
         --no-instance-changed --no-identity --choices-by-label --no-multires --sparse-host-props; do
    run "$s" "Face Swap (Classic, YuNet, tracking)" org.manyfaces.FaceSwap "$s" -- "${face[@]}"
    run "$s" "Image Translate (diagnostic negative)" org.manyfaces.ImageTranslate "$s" -- "${negative[@]}"
done
