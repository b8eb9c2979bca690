#!/usr/bin/env bash
# Both effects with their defaults under each emulated host profile of the OFX test host (strict, MLT), on the
# real frames of faces_pd_640x360_6s.mp4: frames rendered / failed, per-frame ms, messages the host printed
# per 100 frames, and (where the host makes an instance per frame) the cost of CreateInstance and
# DestroyInstance. The frames are decoded once by the bundle's own FFmpeg (JavaCV), so no system ffmpeg is
# needed; the host runs with --frame-cache, as an editor hands out its cached frames.
#
# Usage: plugin/bench/host-profile-bench.sh [FRAMES] [WARMUP]   (defaults 100, 10; after mvn -DskipTests package).
#        Needs ../shared/media and ../shared/models (or MEDIA=..., MODELS=...).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host="$root/bridge-native/target/ofx-testhost"
bundle="$root/plugin/target/ManyFaces.ofx.bundle"
media="${MEDIA:-$root/../shared/media}"
models="${MODELS:-$root/../shared/models}"
frames="${1:-100}"
warmup="${2:-10}"
video="$media/faces_pd_640x360_6s.mp4"
for f in "$host" "$bundle" "$video" "$media/grace_hopper.jpg" "$models/yunet_s_dynamic.onnx"; do
    [ -e "$f" ] || { echo "missing $f (build with mvn -DskipTests package; MEDIA/MODELS for the shared files)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The plug-in's log goes into the scratch folder, not into the user's state folder.
export XDG_STATE_HOME="$work/state"

java -cp "$bundle/Contents/Resources/lib/*" org.manyfaces.bench.HostBenchFrames --video "$video" "$frames" \
    "$work/v_%04d.pam"

# median of the numbers on stdin (mawk has no sort: sort(1) first)
median() { sort -g | awk '{ v[n++] = $1 } END { if (n == 0) print "-"; else printf "%.2f", v[int(n / 2)] }'; }

run() { # run PROFILE_LABEL EFFECT_LABEL PLUGIN_ID HOST_ARGS... -- EFFECT_ARGS...
    local profile="$1" label="$2" plugin="$3"
    shift 3
    local host_args=()
    while [ "$1" != "--" ]; do host_args+=("$1"); shift; done
    shift
    MANYFACES_MODELS="$models" "$host" "${host_args[@]}" --plugin "$plugin" --input "$work/v_%04d.pam" --frame-cache \
        --frames "0-$((frames - 1))" "$@" "$bundle" 2>"$work/err.txt" >"$work/out.txt" || {
        echo "host failed for '$profile $label':" >&2; cat "$work/err.txt" "$work/out.txt" >&2; exit 1; }
    local rendered failed messages ms create destroy
    rendered=$(awk '/^summary/ { split($2, a, "="); print a[2] }' "$work/out.txt")
    failed=$(awk '/^summary/ { split($3, a, "="); print a[2] }' "$work/out.txt")
    messages=$(grep -c '^message ' "$work/out.txt" || true)
    ms=$(awk -v warm="$warmup" '/^frame=/ { split($1, f, "="); split($4, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    create=$(awk -v warm="$warmup" '/^instance / { split($2, f, "="); split($4, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    destroy=$(awk -v warm="$warmup" '/^instance / { split($2, f, "="); split($5, kv, "="); if (f[2] + 0 >= warm) print kv[2] }' \
        "$work/out.txt" | median)
    printf "| %-7s | %-38s | %8s | %6s | %9s | %12s | %13s | %14s |\n" "$profile" "$label" "$rendered" "$failed" "$ms" \
        "$(awk -v m="$messages" -v n="$frames" 'BEGIN { printf "%.1f", m * 100 / n }')" "$create" "$destroy"
}

face=(--set "sourceFaces=$media/grace_hopper.jpg")
negative=(--set "model=Diagnostic: colour negative (no model)")
echo "Both effects, defaults, $frames frames of $(basename "$video") (640x360 8-bit RGBA), one render thread;"
echo "medians leave out the first $warmup frames (JVM start, model loading, JIT). load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo
printf "| %-7s | %-38s | %8s | %6s | %9s | %12s | %13s | %14s |\n" profile effect rendered failed "median ms" \
    "msgs/100 fr" "create µs" "destroy µs"
echo "|---------|----------------------------------------|----------|--------|-----------|--------------|---------------|----------------|"
for p in strict mlt; do
    run "$p" "Face Swap (Classic, YuNet, tracking)" org.manyfaces.FaceSwap --profile "$p" -- "${face[@]}"
    run "$p" "Image Translate (diagnostic negative)" org.manyfaces.ImageTranslate --profile "$p" -- "${negative[@]}"
done
run strict "Face Swap, smoothing 0" org.manyfaces.FaceSwap --profile strict -- "${face[@]}" --set smoothing=0
run strict "Face Swap, an instance per frame" org.manyfaces.FaceSwap --instance-per-frame -- "${face[@]}"
echo
echo "create/destroy µs: the wall time of the CreateInstance and DestroyInstance actions (instance-per-frame hosts only)."
