#!/usr/bin/env bash
# Builds the real components of the capacity tests from the Go module proxy, cached outside the
# repository by version:
# - metrics-server v0.8.0 (sigs.k8s.io/metrics-server): serves metrics.k8s.io from KWOK's
#   simulated kubelet resource metrics (the HPA and `quai capacity` read it);
# - Prometheus and promtool (github.com/prometheus/prometheus, built without the cloud service
#   discoveries): scrapes the same metrics and keeps their history (`quai capacity --prometheus`,
#   right-sizing); promtool backfills weeks of history into its database.
# KWOK's CRDs (Metric, ClusterResourceUsage, ResourceUsage) are copied from the KWOK module the
# control plane is built from.
set -euo pipefail
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
METRICS_SERVER_VERSION=${METRICS_SERVER_VERSION:-v0.8.0}
PROMETHEUS_VERSION=${PROMETHEUS_VERSION:-v0.316.0}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
command -v go >/dev/null 2>&1 || { echo "[test-components] error: Go is not installed; it builds metrics-server and Prometheus for the capacity tests" >&2; exit 1; }

build() { # name version dir package...
  local name=$1 version=$2 dir=$3
  shift 3
  if [ -x "$dir/$name" ]; then
    echo "[test-components] $name $version already built in $dir" >&2
    return 0
  fi
  echo "[test-components] building $name $version from the Go module proxy (a few minutes on 2 cores)" >&2
  rm -rf "$dir.tmp"
  local start=$SECONDS
  GOFLAGS= CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN="$dir.tmp" go install -trimpath -ldflags '-s -w' "$@"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
  echo "[test-components] $name built in $((SECONDS - start))s" >&2
}

build metrics-server "$METRICS_SERVER_VERSION" "$cache/test-components/metrics-server-$METRICS_SERVER_VERSION" \
  "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
build prometheus "$PROMETHEUS_VERSION" "$cache/test-components/prometheus-$PROMETHEUS_VERSION" \
  -tags remove_all_sd "github.com/prometheus/prometheus/cmd/prometheus@$PROMETHEUS_VERSION" \
  "github.com/prometheus/prometheus/cmd/promtool@$PROMETHEUS_VERSION"

crds="$cache/test-components/kwok-crds-$KWOK_VERSION"
if [ ! -f "$crds/kwok.x-k8s.io_metrics.yaml" ]; then
  src=$(GOFLAGS= go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  rm -rf "$crds.tmp"
  mkdir -p "$crds.tmp"
  for kind in metrics clusterresourceusages resourceusages; do
    cp "$src/kustomize/crd/bases/kwok.x-k8s.io_$kind.yaml" "$crds.tmp/"
  done
  cp "$src/kustomize/metrics/resource/metrics-resource.yaml" "$crds.tmp/"
  rm -rf "$crds"
  mv "$crds.tmp" "$crds"
  echo "[test-components] KWOK $KWOK_VERSION CRDs copied to $crds" >&2
fi
