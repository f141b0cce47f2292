#!/usr/bin/env bash
# Builds kube-score from the Go module proxy into ~/.cache/quai/tools/kube-score-v1.20.0/ (cached:
# a second run with the binary present does nothing). Used only by bench/audit.ts, never by CI.
# The same version, flags and toolchain every time, so side-by-side figures compare like with like.
#
#   bash bench/kube-score/build.sh          # prints the binary path on its last line
set -euo pipefail
version="${KUBE_SCORE_VERSION:-v1.20.0}"
dest="${QUAI_CACHE_DIR:-$HOME/.cache/quai}/tools/kube-score-${version}"
bin="$dest/kube-score"
if [ -x "$bin" ] && "$bin" version >/dev/null 2>&1; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || { echo "build.sh: the Go toolchain is required to build kube-score" >&2; exit 1; }
mkdir -p "$dest"
tmp=$(mktemp -d "$dest/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# GOBIN receives the binary; the rename below publishes it atomically. The flags are those of
# kube-score's release build (goreleaser: trimmed paths, no symbol table, no cgo).
GOFLAGS="-trimpath" GOBIN="$tmp" CGO_ENABLED=0 nice -n 10 \
  go install -ldflags "-s -w -X main.version=${version#v}" \
  "github.com/zegl/kube-score/cmd/kube-score@${version}" >&2
mv -f "$tmp/kube-score" "$bin"
"$bin" version >&2
echo "$bin"
