#!/usr/bin/env bash
# The 1080p GPU figure of docs/performance.md ("GPU path"), measured where an NVIDIA GPU and ONNX Runtime's CUDA
# provider are present: frames per second of Face Swap at 1080p with one face and an inswapper-class swap model,
# and how much of the frame is spent outside the model's session.run (detection, align, composite, the host
# memory crossings of every run). Prints the provider each session really ran on, so a run that fell back to the
# CPU says so instead of passing for a GPU figure.
#
# Usage: plugin/bench/gpu-bench.sh [RUNS] [SWAP_MODEL]
#   RUNS        timed frames per row (default 30, after 8 warm-up frames)
#   SWAP_MODEL  inswapper_128.onnx (or its fp16 form) when its weights are installed; without it the bench's
#               swapper-shaped test model with inswapper_128's 174.7 GFLOPs per swap is built and used.
# Needs the bundle (mvn -DskipTests package) with the CUDA natives of onnxruntime_gpu, ../shared/media and
# ../shared/models (or MEDIA=..., MODELS=...). Nothing is written outside a temporary folder this script removes.
set -euo pipefail
# shellcheck source=host-bench-paths.sh
. "$(dirname "${BASH_SOURCE[0]}")/host-bench-paths.sh"
runs="${1:-30}"
swap_model="${2:-}"
lib="$bundle/Contents/Resources/lib"
[ -d "$lib" ] || { echo "missing $lib (build with mvn -DskipTests package)" >&2; exit 1; }
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
else
    echo "no nvidia-smi on this machine: the rows below run on the CPU (compare them with the CPU tables only)"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ORT_DISABLE_TELEMETRY=1
model_args=(--swap-gflops 174.7)
[ -n "$swap_model" ] && model_args=(--swap-model "$swap_model")
# --gpu: CUDA when present (TensorRT too with MANYFACES_TENSORRT=1); the stages section prints, per row, the
# frame total, the swap model's session.run and the share outside it; the faces section the whole Classic frame
# against OpenCV's detector on the same frames (CPU) for the overhead the GPU does not remove.
TMPDIR="$work" java -Donnxruntime.native.path="$bundle/Contents/Resources/native" -cp "$lib/*" \
    org.manyfaces.cli.BenchMain --gpu --media "$media" --models "$models" --sizes 1080p --faces 1 \
    --only stages,faces --face-sizes 300,600 --runs "$runs" --warmup 8 "${model_args[@]}"
