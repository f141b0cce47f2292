#!/usr/bin/env bash
# Builds Trivy from the Go module proxy into ~/.cache/quai/tools/trivy-v0.74.0/ (cached: a second
# run with the binary present does nothing). Used only by bench/scan-vs-trivy.ts, never by CI.
# It compiles a few thousand packages: expect tens of minutes on two cores, so it runs `nice`.
#
#   bash bench/trivy/build.sh          # prints the binary path on its last line
set -euo pipefail
version="${TRIVY_VERSION:-v0.74.0}"
dest="${QUAI_CACHE_DIR:-$HOME/.cache/quai}/tools/trivy-${version}"
bin="$dest/trivy"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "build.sh: the Go toolchain is required to build trivy" >&2; exit 1; }
mkdir -p "$dest"
tmp=$(mktemp -d "$dest/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# GOBIN receives the binary; the rename below publishes it atomically.
# Trivy uses encoding/json/v2, which Go gates behind GOEXPERIMENT=jsonv2 (as its own release build sets).
GOEXPERIMENT=jsonv2 GOFLAGS="-trimpath" GOBIN="$tmp" CGO_ENABLED=0 nice -n 10 \
  go install -ldflags "-s -w -X github.com/aquasecurity/trivy/pkg/version/app.ver=${version#v}" \
  "github.com/aquasecurity/trivy/cmd/trivy@${version}" >&2
mv -f "$tmp/trivy" "$bin"
"$bin" --version >&2
echo "$bin"
