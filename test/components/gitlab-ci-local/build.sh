#!/usr/bin/env bash
# Installs gitlab-ci-local (runs a .gitlab-ci.yml locally with GitLab's pipeline semantics) and the
# Node.js it needs (22 or newer: the npm package `node` ships a Node binary) from the npm registry,
# cached by version outside the repository. Prints the command to run: a wrapper script that starts
# gitlab-ci-local with that Node. It also needs rsync (a Debian package) on the PATH.
set -euo pipefail
GCL_VERSION=${GITLAB_CI_LOCAL_VERSION:-4.75.1}
NODE_PKG_VERSION=${GITLAB_CI_LOCAL_NODE_VERSION:-24}
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
dir="$cache/test-components/gitlab-ci-local-$GCL_VERSION-node$NODE_PKG_VERSION"
if [ ! -x "$dir/gitlab-ci-local" ]; then
  command -v rsync >/dev/null 2>&1 || { echo "[test-components] error: rsync is not installed (apt-get install rsync); gitlab-ci-local copies the project with it" >&2; exit 1; }
  echo "[test-components] installing gitlab-ci-local $GCL_VERSION with node@$NODE_PKG_VERSION" >&2
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  (cd "$dir.tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "gitlab-ci-local@$GCL_VERSION" "node@$NODE_PKG_VERSION" >install.log 2>&1) || { tail -n 20 "$dir.tmp/install.log" >&2; echo "[test-components] error: installing gitlab-ci-local failed; log: $dir.tmp/install.log" >&2; exit 1; }
  node_bin="$dir/node_modules/node/bin/node"
  cat >"$dir.tmp/gitlab-ci-local" <<SH
#!/bin/sh
exec "$node_bin" "$dir/node_modules/gitlab-ci-local/dist/index.js" "\$@"
SH
  chmod +x "$dir.tmp/gitlab-ci-local"
  "$dir.tmp/node_modules/node/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
fi
echo "$dir/gitlab-ci-local"
