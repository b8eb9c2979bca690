#!/usr/bin/env bash
# Frames per second of Face Swap at 1080p THROUGH AN OFX HOST: the C test host loads the bundle
# (dlopen -> shim -> JVM) and renders a clip frame by frame on one thread, as an editor's render queue does.
# Each frame's time is the host's full per-frame sequence (region of definition, regions of interest,
# isIdentity, render with its clipGetImage calls), measured by the host; writing output files is not included.
# The host runs with --frame-cache: like an editor's frame cache it builds each source frame once and hands
# the effect that buffer, so the figures are the effect's (without it the test host converts the whole frame
# pixel by pixel on every clipGetImage, which is the test host's cost, not the plug-in's).
#
# Rows: the pass-through floor (no source face: the host builds the images, the effect copies the frame),
# the effect's defaults (Classic swap, YuNet, tracking with smoothing 0.5, watermark on), detection on every
# frame without tracking (smoothing 0), and 4 faces with the defaults; then the same with close-ups (every face
# CLOSEUP px tall, default 600). The first WARMUP frames (JVM start, model loading, JIT) are left out of the
# figures. Last, for the ratios of issue 19, one OpenCV FaceDetectorYN detection of the same close-up frames (the
# bench's faces section on the clip's centre frame, same run, same machine load).
#
# Usage: plugin/bench/host-fps-bench.sh [FRAMES] [WARMUP] [SIZE]   (defaults 120, 20, 1920x1080; after
#        mvn -DskipTests install). Needs ../shared/media and ../shared/models (or MEDIA=..., MODELS=...).
set -euo pipefail
# shellcheck source=host-bench-paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/host-bench-paths.sh"
frames="${1:-120}"
warmup="${2:-20}"
size="${3:-1920x1080}"
closeup="${CLOSEUP:-600}"
loop=24 # distinct frames; the clip loops over them (the path is closed, so there is no jump)
for f in "$host" "$bundle" "$media/grace_hopper.jpg" "$models/yunet_s_dynamic.onnx"; do
    [ -e "$f" ] || { echo "missing $f (build with mvn -DskipTests install; MEDIA/MODELS for the shared files)" >&2; exit 1; }
done
work="$(mktemp -d)"
# The plug-in's log goes into the scratch folder, not into the user's state folder (as host-profile-bench.sh).
export XDG_STATE_HOME="$work/state"
trap 'rm -rf "$work"' EXIT

make_clip() { # make_clip FACES [FACE_PX]: writes $work/c<FACES>_%04d.pam (or c<FACES>x<PX>_...) for frames 0..frames-1
    local name="$1" sized=()
    if [ -n "${2:-}" ]; then
        name="$1x$2"
        sized=(--face-size "$2" "$models/yunet_s_dynamic.onnx")
    fi
    ORT_DISABLE_TELEMETRY=1 java -Donnxruntime.native.path="$bundle/Contents/Resources/native" \
        -cp "$bundle/Contents/Resources/lib/*" org.manyfaces.bench.HostBenchFrames "${sized[@]}" "$media" "$size" "$1" \
        "$loop" "$work/d${name}_%04d.pam"
    set -- "$name"
    for ((i = 0; i < frames; i++)); do
        ln -s "$work/$(printf "d$1_%04d.pam" $((i % loop)))" "$work/$(printf "c$1_%04d.pam" "$i")"
    done
}

run() { # run LABEL FACES ARGS...
    local label="$1" faces="$2"
    shift 2
    MANYFACES_MODELS="$models" "$host" --plugin org.manyfaces.FaceSwap --input "$work/c${faces}_%04d.pam" --frame-cache \
        --frames "0-$((frames - 1))" --depth byte "$@" "$bundle" 2>"$work/err.txt" >"$work/out.txt" || {
        echo "host failed for '$label':" >&2; cat "$work/err.txt" "$work/out.txt" >&2; exit 1; }
    grep -q "summary rendered=$frames failed=0" "$work/out.txt" || {
        echo "not every frame rendered for '$label':" >&2; tail -5 "$work/out.txt" >&2; exit 1; }
    # mawk has no sort: sort the per-frame times with sort(1), then take percentiles by rank.
    awk -v warm="$warmup" '/^frame=/ { split($4, kv, "="); if (substr($1, 7) + 0 >= warm) print kv[2] }' "$work/out.txt" \
        | sort -g | awk -v label="$label" '{ ms[n++] = $1; sum += $1 }
        END { printf "| %-54s | %6d | %9.2f | %8.2f | %8.2f | %6.1f |\n", label, n, ms[int(n * 0.5)], ms[int(n * 0.1)],
                     ms[int(n * 0.9)], n * 1000 / sum }'
}

make_clip 1
make_clip 4
make_clip 1 "$closeup"
make_clip 4 "$((closeup / 2))"
echo "Face Swap through the OFX test host, $size 8-bit RGBA, one render thread; $frames frames, the first $warmup left out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo
printf "| %-54s | frames | median ms | p10 ms   | p90 ms   | fps    |\n" case
echo "|--------------------------------------------------------|--------|-----------|----------|----------|--------|"
run "pass-through (no source face): host + chain + copy" 1
run "1 face, defaults (Classic, YuNet, tracking, watermark)" 1 --set "sourceFaces=$media/grace_hopper.jpg"
run "1 face, detection on every frame (smoothing 0)" 1 --set "sourceFaces=$media/grace_hopper.jpg" --set smoothing=0
run "4 faces, defaults" 4 --set "sourceFaces=$media/grace_hopper.jpg"
run "close-up: 1 face ${closeup} px, defaults" "1x$closeup" --set "sourceFaces=$media/grace_hopper.jpg"
run "close-up: 4 faces $((closeup / 2)) px, defaults" "4x$((closeup / 2))" --set "sourceFaces=$media/grace_hopper.jpg"
run "close-up: 1 face ${closeup} px, watermark off" "1x$closeup" --set "sourceFaces=$media/grace_hopper.jpg" \
    --set watermark=0
echo
echo "fps = frames / the sum of their render times (the host renders one frame after the other)."
echo
echo "OpenCV FaceDetectorYN on the close-up frames, same run (the 'OpenCV detect' column is the reference):"
# The bundle's natives (OpenCV, OpenBLAS, FFmpeg) are pre-extracted in Resources/native: JavaCPP loads them from
# there, as the installed launcher tells it to, instead of from platform jars the bundle does not carry.
TMPDIR="$work" ORT_DISABLE_TELEMETRY=1 java -Donnxruntime.native.path="$bundle/Contents/Resources/native" \
    -Dorg.bytedeco.javacpp.platform.preloadpath="$bundle/Contents/Resources/native" \
    -Dorg.bytedeco.javacpp.pathsFirst=true -Dorg.bytedeco.javacpp.cacheLibraries=false \
    -cp "$bundle/Contents/Resources/lib/*" org.manyfaces.cli.BenchMain --media "$media" --models "$models" \
    --only faces --sizes "$size" --face-sizes "$closeup,$((closeup / 2))" --faces 1,4 --runs 20 --warmup 5 2>/dev/null \
    | grep '^|'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
