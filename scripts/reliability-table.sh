#!/usr/bin/env bash
# Regenerates the results table of docs/reliability.md from the reliability ITs
# (plugin/src/test/java/org/manyfaces/it/Fault*IT.java, SoakIT.java).
#
#   scripts/reliability-table.sh            run the ITs (about 1-2 min; needs the bundle: 'mvn -o -q -DskipTests
#                                           install' from the root once), then rewrite the table
#   scripts/reliability-table.sh --soak     also run the long soak (10,000 frames at 720p, several minutes)
#   scripts/reliability-table.sh --no-run   only rewrite the table from plugin/target/reliability/*.md
#
# Each IT class writes one fragment, plugin/target/reliability/<Class>.md (the long soak: SoakIT-long.md); a
# failing case is written as FAIL and fails the build, so the table only shows what a build saw.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
frag="$root/plugin/target/reliability"
doc="$root/docs/reliability.md"
run=1 soak=0
for a in "$@"; do
  case "$a" in
    --no-run) run=0 ;;
    --soak) soak=1 ;;
    *) echo "usage: $0 [--soak] [--no-run]" >&2; exit 2 ;;
  esac
done
its='Fault*IT,SoakIT'
if [ "$run" = 1 ]; then
  rm -f "$frag"/Fault*IT.md "$frag"/SoakIT.md
  (cd "$root/plugin" && mvn -B -o -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "-Dit.test=$its")
  if [ "$soak" = 1 ]; then
    rm -f "$frag"/SoakIT-long.md
    (cd "$root/plugin" && mvn -B -o -q verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      '-Dit.test=SoakIT#longRun*' -Dmanyfaces.soak=true)
  fi
fi
table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
  echo "| Area | Case | Observed | Result |"
  echo "|---|---|---|---|"
  for f in FaultRuntimeIT FaultActionsIT FaultInputIT FaultModelIT FaultFaceIT SoakIT SoakIT-long; do
    if [ -s "$frag/$f.md" ]; then cat "$frag/$f.md"; fi
  done
} > "$table"
grep -q '^<!-- table:begin -->$' "$doc" && grep -q '^<!-- table:end -->$' "$doc" \
  || { echo "$doc lacks the <!-- table:begin --> / <!-- table:end --> markers" >&2; exit 1; }
awk -v table="$table" '
  /^<!-- table:begin -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /^<!-- table:end -->$/ { skip = 0 }
  !skip { print }' "$doc" > "$doc.tmp"
mv "$doc.tmp" "$doc"
echo "updated $doc ($(($(wc -l < "$table") - 2)) cases)"
