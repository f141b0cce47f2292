#!/usr/bin/env bash
# Builds compose-config (compose-spec/compose-go's loader behind a tiny main, the oracle of the
# compose-semantics test) from the Go module proxy, cached by the content of this folder outside
# the repository. Prints the binary's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
sum=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
dir="$cache/test-components/compose-config-$sum"
if [ ! -x "$dir/compose-config" ]; then
  command -v go >/dev/null 2>&1 || { echo "[test-components] error: Go is not installed; it builds compose-config (the compose oracle)" >&2; exit 1; }
  echo "[test-components] building compose-config ($sum)" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  (cd "$here" && GOFLAGS= CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -ldflags '-s -w' -o "$dir.tmp/compose-config" .)
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi
echo "$dir/compose-config"
