#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler,
# kwok) from Go modules through the Go module proxy, into a cache folder outside the repository,
# keyed by version. Re-running it is cheap: a component whose binaries exist is skipped.
# With `node`, it also builds what a real node runs: kubelet and kube-proxy from the same wrapper
# module as the control plane (the Go build cache is shared, so only their own packages compile),
# and CoreDNS.
#
# Usage: build.sh [control-plane|node]   (versions from versions.env beside this script)
# Env:   QUAI_CACHE_DIR   cache root (default: $XDG_CACHE_HOME/quai or ~/.cache/quai)
#        QUAI_K8S_VERSION, QUAI_ETCD_VERSION, QUAI_KWOK_VERSION, QUAI_COREDNS_VERSION override the
#        pinned versions.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
K8S=${QUAI_K8S_VERSION:-$K8S_VERSION}
ETCD=${QUAI_ETCD_VERSION:-$ETCD_VERSION}
KWOK=${QUAI_KWOK_VERSION:-$KWOK_VERSION}
COREDNS=${QUAI_COREDNS_VERSION:-$COREDNS_VERSION}
what=${1:-control-plane}
case "$what" in control-plane | node) ;; *) printf 'usage: build.sh [control-plane|node]\n' >&2; exit 2 ;; esac
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
bin="$cache/control-plane/bin"

say() { printf '[control-plane] %s\n' "$*" >&2; }
die() { printf '[control-plane] error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "Go is not installed. Install Go ${GO_MIN_VERSION} or newer (https://go.dev/dl/ or your distribution's golang package), or use an existing cluster instead of the local control plane (--kubeconfig or KUBECONFIG; for the tests QUAI_TEST_KUBECONFIG)."
gov=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$GO_MIN_VERSION" "$gov" | sort -V | head -n1)" != "$GO_MIN_VERSION" ]; then
  die "Go $gov is too old: building KWOK ${KWOK} needs Go ${GO_MIN_VERSION} or newer. Upgrade Go, or use an existing cluster (--kubeconfig or KUBECONFIG; for the tests QUAI_TEST_KUBECONFIG)."
fi
mkdir -p "$bin"
avail_kb=$(df -Pk "$bin" | awk 'NR==2 {print $4}')
if [ "${avail_kb:-0}" -lt 4000000 ]; then
  die "only $((avail_kb / 1024)) MiB free under $bin; the build needs about 4 GiB (Go build cache and module cache). Free some space or point QUAI_CACHE_DIR elsewhere."
fi

export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN=local
work="$cache/control-plane/src"
mkdir -p "$work"

# Shows a live count of compiled packages while `go build -v` runs; full log kept in $log.
build_with_progress() {
  local name=$1 log=$2; shift 2
  local start=$SECONDS n=0
  say "building $name (log: $log)"
  ( "$@" ) >"$log" 2>&1 &
  local pid=$!
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; die "interrupted while building $name; nothing was installed"' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    n=$(grep -c '' "$log" 2>/dev/null || true)
    printf '\r[control-plane] %s: %s packages compiled, %ss elapsed ' "$name" "$n" $((SECONDS - start)) >&2
    sleep 5
  done
  local rc=0
  wait "$pid" || rc=$?
  trap - INT TERM
  printf '\n' >&2
  if [ "$rc" -ne 0 ]; then
    tail -n 30 "$log" >&2
    die "building $name failed (exit $rc); full log: $log"
  fi
  say "$name built in $((SECONDS - start))s"
}

# The wrapper module: requires k8s.io/kubernetes and pins each staging module it replaces with
# ./staging/src/... to its published version (what `go install` cannot do).
wrapper_go_mod() {
  say "resolving k8s.io/kubernetes@$K8S through the Go module proxy"
  local upstream_mod staging_ver
  upstream_mod=$(cd "$1" && go mod download -json "k8s.io/kubernetes@$K8S" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
  [ -f "$upstream_mod" ] || die "could not download k8s.io/kubernetes@$K8S (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
  staging_ver="v0.${K8S#v1.}"
  {
    echo "module quai.local/controlplane"
    echo
    sed -n 's/^go \(.*\)$/go \1/p' "$upstream_mod" | head -n1
    sed -n 's/^godebug \(.*\)$/godebug \1/p' "$upstream_mod"
    echo
    echo "require k8s.io/kubernetes $K8S"
    echo
    echo "replace ("
    # every staging module upstream replaces with ./staging/src/..., pinned to its published version
    awk '/=> .\/staging\/src\// {print $1}' "$upstream_mod" | sort -u | while read -r m; do
      echo "	$m => $m $staging_ver"
    done
    echo ")"
  } >"$1/go.mod"
}

# -ldflags that stamp the Kubernetes version into the binaries.
k8s_ldflags() {
  local major minor p ld=""
  major=${K8S#v}; major=${major%%.*}; minor=${K8S#v*.}; minor=${minor%%.*}
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $p.gitVersion=$K8S -X $p.gitMajor=$major -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  printf '%s' "$ld"
}

# ---- Kubernetes: kube-apiserver, kube-controller-manager, kube-scheduler, kubectl -------------
kdir="$bin/kubernetes-$K8S"
if [ -x "$kdir/kube-apiserver" ] && [ -x "$kdir/kube-controller-manager" ] && [ -x "$kdir/kube-scheduler" ] && [ -x "$kdir/kubectl" ]; then
  say "kubernetes $K8S already built in $kdir"
else
  w="$work/kubernetes-$K8S"; rm -rf "$w"; mkdir -p "$w"
  wrapper_go_mod "$w"
  cat >"$w/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  (cd "$w" && go mod tidy -e >"$w/tidy.log" 2>&1) || { tail -n 20 "$w/tidy.log" >&2; die "resolving Kubernetes dependencies failed; log: $w/tidy.log"; }
  ld=$(k8s_ldflags)
  mkdir -p "$kdir.tmp"
  build_with_progress "kubernetes $K8S" "$w/build.log" \
    bash -c "cd '$w' && go build -v -trimpath -ldflags '-s -w $ld' -o '$kdir.tmp/' k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl"
  rm -rf "$kdir"; mv "$kdir.tmp" "$kdir"
fi

# ---- etcd ---------------------------------------------------------------------------------------
edir="$bin/etcd-$ETCD"
if [ -x "$edir/etcd" ]; then
  say "etcd $ETCD already built in $edir"
else
  w="$work/etcd-$ETCD"; rm -rf "$w"; mkdir -p "$w"
  printf 'module quai.local/etcd\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD" >"$w/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.etcd.io/etcd/server/v3"\n' >"$w/tools.go"
  (cd "$w" && go mod tidy -e >"$w/tidy.log" 2>&1) || { tail -n 20 "$w/tidy.log" >&2; die "resolving etcd dependencies failed; log: $w/tidy.log"; }
  mkdir -p "$edir.tmp"
  build_with_progress "etcd $ETCD" "$w/build.log" \
    bash -c "cd '$w' && go build -v -trimpath -ldflags '-s -w' -o '$edir.tmp/etcd' go.etcd.io/etcd/server/v3"
  rm -rf "$edir"; mv "$edir.tmp" "$edir"
fi

# ---- KWOK ---------------------------------------------------------------------------------------
wdir="$bin/kwok-$KWOK"
if [ -x "$wdir/kwok" ] && [ -d "$wdir/stages" ]; then
  say "kwok $KWOK already built in $wdir"
else
  mkdir -p "$wdir.tmp"
  build_with_progress "kwok $KWOK" "$work/kwok-$KWOK.log" \
    bash -c "cd '$work' && GOBIN='$wdir.tmp' GOFLAGS= go install -v -trimpath -ldflags '-s -w' sigs.k8s.io/kwok/cmd/kwok@$KWOK"
  src=$(cd "$work" && GOFLAGS= go mod download -json "sigs.k8s.io/kwok@$KWOK" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -d "$src/kustomize/stage" ] || die "kwok module source has no kustomize/stage folder ($src)"
  mkdir -p "$wdir.tmp/stages"
  # Stage objects only: no kustomizations, no test fixtures.
  find "$src/kustomize/stage" -name '*.yaml' ! -name 'kustomization.yaml' ! -path '*/testdata/*' | while read -r f; do
    rel=${f#"$src/kustomize/stage/"}; cp "$f" "$wdir.tmp/stages/$(echo "$rel" | tr '/' '-')"
  done
  chmod -R u+w "$wdir.tmp"
  rm -rf "$wdir"; mv "$wdir.tmp" "$wdir"
fi

if [ "$what" = control-plane ]; then
  say "ready: $kdir $edir $wdir"
  exit 0
fi

# ---- Real nodes: kubelet and kube-proxy ---------------------------------------------------------
# Same wrapper module as the control plane, in a folder of its own (the control plane's module is
# left as built); the shared Go build cache compiles only what the kubelet and kube-proxy add.
ndir="$bin/node-$K8S"
if [ -x "$ndir/kubelet" ] && [ -x "$ndir/kube-proxy" ]; then
  say "kubelet and kube-proxy $K8S already built in $ndir"
else
  w="$work/node-$K8S"; rm -rf "$w"; mkdir -p "$w"
  if [ -f "$work/kubernetes-$K8S/go.sum" ]; then
    cp "$work/kubernetes-$K8S/go.mod" "$work/kubernetes-$K8S/go.sum" "$w/"
  else
    wrapper_go_mod "$w"
  fi
  cat >"$w/tools.go" <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-proxy"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
GO
  (cd "$w" && go mod tidy -e >"$w/tidy.log" 2>&1) || { tail -n 20 "$w/tidy.log" >&2; die "resolving kubelet dependencies failed; log: $w/tidy.log"; }
  ld=$(k8s_ldflags)
  mkdir -p "$ndir.tmp"
  build_with_progress "kubelet and kube-proxy $K8S" "$w/build.log" \
    bash -c "cd '$w' && go build -v -trimpath -ldflags '-s -w $ld' -o '$ndir.tmp/' k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy"
  rm -rf "$ndir"; mv "$ndir.tmp" "$ndir"
fi

# ---- CoreDNS: service names inside the cluster ---------------------------------------------------
cdir="$bin/coredns-$COREDNS"
if [ -x "$cdir/coredns" ]; then
  say "coredns $COREDNS already built in $cdir"
else
  # Only the plugins of the Corefile the real nodes use (packages/devcluster/src/realnodes.ts):
  # CoreDNS's own main compiles every plugin, the cloud providers' DNS SDKs included (about 1,400
  # packages instead of 800).
  c=$work/coredns-$COREDNS
  rm -rf "$c"; mkdir -p "$c" "$cdir.tmp"
  cat >"$c/main.go" <<'GO'
// CoreDNS with the plugins of Quai's local cluster only (see build.sh).
package main

import (
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/ready"
)

func main() {
	coremain.Run()
}
GO
  printf 'module quai.local/coredns\n\ngo %s\n' "$GO_MIN_VERSION" >"$c/go.mod"
  build_with_progress "coredns $COREDNS" "$work/coredns-$COREDNS.log" \
    bash -c "cd '$c' && go get 'github.com/coredns/coredns@$COREDNS' && go build -v -trimpath -ldflags '-s -w' -o '$cdir.tmp/coredns' ."
  rm -rf "$cdir"; mv "$cdir.tmp" "$cdir"
fi

say "ready: $kdir $edir $wdir $ndir $cdir"
