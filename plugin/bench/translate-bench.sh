#!/usr/bin/env bash
# Image Translate frames per second at 720p and 1080p (8-bit RGBA frames, as hosts deliver them):
# a test-built 3x3 convolution generator with a fixed 256x256 input in RESIZE and TILES modes, and the real
# ESPCN x3 model (from $MANYFACES_SHARED/models or ../shared/models) at the frame's own size (NATIVE) and
# tiled. The "outside" column is the share of the time spent outside session.run (packing, resampling,
# tile blending, compositing). The runner is org.manyfaces.pipeline.translate.TranslateBench (test sources).
#
# Usage: plugin/bench/translate-bench.sh [AUTO|CPU|CUDA] [FRAMES]   (after mvn -B verify, or
#        mvn -o -q -DskipTests install from the checkout root; test classes must be compiled)
set -euo pipefail
plugin="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
native="$plugin/target/ManyFaces.ofx.bundle/Contents/Resources/native"
for f in "$plugin/target/classes" "$plugin/target/test-classes/org/manyfaces/pipeline/translate/TranslateBench.class" "$native"; do
    [ -e "$f" ] || { echo "missing $f: build first (mvn -B verify)" >&2; exit 1; }
done
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
(cd "$plugin" && mvn -o -q dependency:build-classpath -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=test >/dev/null)
exec java -Xmx4g -Djna.boot.library.path="$native" -Djna.nounpack=true -Donnxruntime.native.path="$native" \
    -cp "$plugin/target/test-classes:$plugin/target/classes:$(cat "$cpfile")" \
    org.manyfaces.pipeline.translate.TranslateBench "${1:-AUTO}" "${2:-3}"
