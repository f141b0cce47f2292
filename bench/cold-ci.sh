#!/usr/bin/env bash
# A whole cold CI run, as on a new machine: `.ci/run` on a fresh clone with an empty home (no npm
# cache, no Go module or build cache, no ~/.cache/quai). Debian packages are assumed installed
# (apt's time is the machine's, not Quai's). Prints .ci/run's phases and its total; the log stays
# in /tmp/quai-cold-ci.log.
#
#   bash bench/cold-ci.sh      (needs about 30 GB free under /tmp; removes it at the end)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/quai-cold-ci.XXXXXX)
log=/tmp/quai-cold-ci.log
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
git clone -q "$root" "$work/repo"
export HOME="$work/home"
mkdir -p "$HOME/.config/go"
# The machine's Go and npm settings (GOFLAGS, GOTOOLCHAIN; nodedir, cafile), not its caches.
[ -f /root/.config/go/env ] && cp /root/.config/go/env "$HOME/.config/go/env"
[ -f /root/.npmrc ] && cp /root/.npmrc "$HOME/.npmrc"
unset GOCACHE GOMODCACHE GOPATH QUAI_CACHE_DIR XDG_CACHE_HOME
start=$SECONDS
status=0
(cd "$work/repo" && bash .ci/run) >"$log" 2>&1 || status=$?
grep -E '^\[ci\] phase|^\[ci\] total' "$log" || true
printf 'cold CI run on %s cores: exit %s in %ss; load average at the end: %s\n' \
  "$(nproc)" "$status" $((SECONDS - start)) "$(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
