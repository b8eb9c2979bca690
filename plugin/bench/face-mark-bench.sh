#!/usr/bin/env bash
# The face-mark bench of issue #17 (org.manyfaces.cli.FaceMarkBench): the shared photos and clip swapped with
# Classic, mark on/off; PSNR/SSIM of the face box, embedding cost per face at 1080p, detection after real FFmpeg
# attacks (x264 CRF 23/28, half size, 10 % crop, +-10 % brightness, all combined) as `manyfaces verify` reads
# them, and false positives on the unswapped originals. Prints markdown tables; asserts nothing.
#
# It runs on the test class path because the attacks need libx264, which only the GPL FFmpeg build has (a
# test-scope dependency; the shipped bundle has none).
#
# Usage: plugin/bench/face-mark-bench.sh [WORK_DIR] [DIFF_PNG]   (after mvn -B -o -pl plugin test-compile)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${MANYFACES_SHARED:-$root/../shared}"
work="${1:-$root/plugin/target/face-mark-bench}"
diff="${2:-}"
cp_file="$root/plugin/target/face-mark-bench.classpath"
(cd "$root" && mvn -B -o -q -pl plugin dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null)
exec env ORT_DISABLE_TELEMETRY=1 java -Djava.awt.headless=true -Dorg.bytedeco.javacpp.platform.extension=-gpl \
    -Dorg.bytedeco.javacpp.cachedir="$root/plugin/target/javacpp-cache" \
    -cp "$root/plugin/target/classes:$root/plugin/target/test-classes:$(cat "$cp_file")" \
    org.manyfaces.cli.FaceMarkBench "$shared/media" "$shared/models" "$work" $diff
