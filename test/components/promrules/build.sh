#!/usr/bin/env bash
# Builds promrules: a tiny checker of Prometheus rule files made of Prometheus's own rule-format
# library (github.com/prometheus/prometheus/model/rulefmt, the parser promtool and the server use),
# from the Go module proxy, cached outside the repository by the hash of its sources.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
hash=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-12)
dir="$cache/test-components/promrules-$hash"
if [ -x "$dir/promrules" ]; then
  echo "[test-components] promrules already built in $dir" >&2
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "[test-components] error: Go is not installed; it builds the Prometheus rule checker the observability tests use" >&2; exit 1; }
echo "[test-components] building promrules (Prometheus rule-format library, about a minute)" >&2
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
start=$SECONDS
(cd "$here" && GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -ldflags '-s -w' -o "$dir.tmp/promrules" .)
rm -rf "$dir"
mv "$dir.tmp" "$dir"
echo "[test-components] promrules built in $((SECONDS - start))s" >&2
