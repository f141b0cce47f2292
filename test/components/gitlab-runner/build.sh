#!/usr/bin/env bash
# Builds the real GitLab Runner from the Go module proxy, cached by version outside the repository.
# Prints the binary's path.
#
# gitlab.com/gitlab-org/gitlab-runner publishes no tagged module versions that `go install` can
# take: the proxy serves the commits of its main branch as pseudo-versions, and its go.mod replaces
# one nested module (helpers/runner_wrapper/api) with a folder of the repository, which
# `go install module@version` refuses. So, as the control plane is built, a wrapper module requires
# the runner and pins that nested module to its published version.
set -euo pipefail
RUNNER_VERSION=${GITLAB_RUNNER_VERSION:-v1.11.1-0.20260903214710-fc1f1862bd91}
WRAPPER_API_VERSION=${GITLAB_RUNNER_WRAPPER_API_VERSION:-v0.1.1}
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
dir="$cache/test-components/gitlab-runner-$RUNNER_VERSION"
if [ ! -x "$dir/gitlab-runner" ]; then
  command -v go >/dev/null 2>&1 || { echo "[test-components] error: Go is not installed; it builds gitlab-runner (the runner tests load its config with it)" >&2; exit 1; }
  echo "[test-components] building gitlab-runner $RUNNER_VERSION (several minutes on 2 cores)" >&2
  start=$SECONDS
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp/module"
  w="$dir.tmp/module"
  cat >"$w/go.mod" <<GOMOD
module quai.local/gitlabrunner

go 1.26

require gitlab.com/gitlab-org/gitlab-runner $RUNNER_VERSION

replace gitlab.com/gitlab-org/gitlab-runner/helpers/runner_wrapper/api => gitlab.com/gitlab-org/gitlab-runner/helpers/runner_wrapper/api $WRAPPER_API_VERSION
GOMOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "gitlab.com/gitlab-org/gitlab-runner"\n' >"$w/tools.go"
  (cd "$w" && GOFLAGS= GOTOOLCHAIN=local go mod tidy -e >"$w/tidy.log" 2>&1) || { tail -n 20 "$w/tidy.log" >&2; echo "[test-components] error: resolving gitlab-runner's dependencies failed; log: $w/tidy.log" >&2; exit 1; }
  # The proxy may refuse some dependencies' zips ("403 This module version is not available"):
  # say which, rather than a list of missing go.sum entries.
  if grep -q '403 Forbidden' "$w/tidy.log"; then
    echo "[test-components] error: the Go module proxy refuses these modules gitlab-runner needs:" >&2
    grep -o '[^ ]*@v[^:]*: reading [^ ]*: 403 Forbidden' "$w/tidy.log" | sed 's/: reading .*//' | sort -u | sed 's/^/  /' >&2
    exit 1
  fi
  (cd "$w" && GOFLAGS= CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -ldflags '-s -w' -o "$dir.tmp/gitlab-runner" gitlab.com/gitlab-org/gitlab-runner >"$w/build.log" 2>&1) || { tail -n 30 "$w/build.log" >&2; echo "[test-components] error: building gitlab-runner failed; log: $w/build.log" >&2; exit 1; }
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  echo "[test-components] gitlab-runner built in $((SECONDS - start))s" >&2
fi
echo "$dir/gitlab-runner"
