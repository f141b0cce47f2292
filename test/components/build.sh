#!/usr/bin/env bash
# Builds the servers the tests talk to, from the Go module proxy, cached by version outside the
# repository: Versity Gateway, a real S3-compatible server with a plain-filesystem backend.
set -euo pipefail
# The Prometheus rule checker of the observability tests (its own script, cached by source hash).
bash "$(dirname "$0")/promrules/build.sh"
# compose-config: the compose oracle of the onboarding tests (compose-go's loader).
bash "$(dirname "$0")/compose-config/build.sh" >/dev/null
# gitlab-ci-local and the Node.js 24 it needs (npm registry): runs the generated GitLab pipelines.
bash "$(dirname "$0")/gitlab-ci-local/build.sh" >/dev/null
VERSITYGW_VERSION=${VERSITYGW_VERSION:-v1.8.0}
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
dir="$cache/test-components/versitygw-$VERSITYGW_VERSION"
if [ -x "$dir/versitygw" ]; then
  echo "[test-components] versitygw $VERSITYGW_VERSION already built in $dir" >&2
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "[test-components] error: Go is not installed; it builds the S3 server the backup tests use" >&2; exit 1; }
echo "[test-components] building versitygw $VERSITYGW_VERSION (about 3 minutes on 2 cores)" >&2
rm -rf "$dir.tmp"
start=$SECONDS
GOFLAGS= CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$dir.tmp" go install -trimpath -ldflags '-s -w' "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
echo "[test-components] versitygw built in $((SECONDS - start))s" >&2
