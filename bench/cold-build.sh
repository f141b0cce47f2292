#!/usr/bin/env bash
# Cold build of the local control plane: an empty Quai cache and an empty Go build cache (the Go
# module cache is kept unless --fresh-modules, so the figure is compile time, not network time).
# Reports wall time, the peak resident memory of the largest process (GNU time), and the peak
# memory used by the whole machine during the build (sampled from /proc/meminfo every second).
#
#   npm run bench:cold-build [-- --fresh-modules]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/quai-cold-build.XXXXXX)
trap 'kill "$sampler" 2>/dev/null || true; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export QUAI_CACHE_DIR="$work/quai-cache" GOCACHE="$work/go-build"
[ "${1:-}" = "--fresh-modules" ] && export GOMODCACHE="$work/go-mod"

avail() { awk '/^MemAvailable:/ {print $2}' /proc/meminfo; }
base=$(avail)
peak_file="$work/peak"
echo 0 >"$peak_file"
( peak=0; while sleep 1; do used=$((base - $(avail))); [ "$used" -gt "$peak" ] && peak=$used && echo "$peak" >"$peak_file"; done ) &
sampler=$!

start=$SECONDS
/usr/bin/time -v -o "$work/time.txt" bash "$root/packages/devcluster/assets/control-plane/build.sh" 2>&1 | tr '\r' '\n' | grep -v 'packages compiled' || true
wall=$((SECONDS - start))
kill "$sampler" 2>/dev/null || true
max_rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
peak_kb=$(cat "$peak_file")
cat <<OUT
| measure | value |
| --- | --- |
| cold build, wall time | ${wall} s |
| peak RSS of the largest process (GNU time) | $((max_rss_kb / 1024)) MiB |
| peak memory used by the machine during the build | $((peak_kb / 1024)) MiB |
OUT
mkdir -p "$root/bench/results"
printf '{\n  "date": "%s",\n  "freshModules": %s,\n  "wallSeconds": %s,\n  "maxRssMiB": %s,\n  "machinePeakMiB": %s\n}\n' \
  "$(date -u +%FT%TZ)" "$([ -n "${GOMODCACHE:-}" ] && echo true || echo false)" "$wall" $((max_rss_kb / 1024)) $((peak_kb / 1024)) \
  >"$root/bench/results/cold-build.json"
