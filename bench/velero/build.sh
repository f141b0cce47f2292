#!/usr/bin/env bash
# Builds Velero and its AWS (S3) object-store plugin from the Go module proxy into
# ~/.cache/quai/tools/, for the side-by-side benchmark (bench/backup-vs-velero.ts).
# Velero's go.mod carries replace directives, so `go install pkg@version` refuses it: the module
# zip is downloaded with `go mod download`, copied to a writable directory and built there.
# Long on 2 cores (about 15-25 minutes the first time); run it with `nice`.
set -euo pipefail
VELERO_VERSION=${VELERO_VERSION:-v1.18.3}
PLUGIN_VERSION=${VELERO_PLUGIN_AWS_VERSION:-v1.14.3}
cache=${QUAI_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quai}
tools="$cache/tools"
mkdir -p "$tools"
command -v go >/dev/null 2>&1 || { echo "[velero] error: Go is not installed" >&2; exit 1; }

build() { # module version package output
  local module=$1 version=$2 pkg=$3 out=$4
  if [ -x "$out" ]; then
    echo "[velero] $out already built" >&2
    return 0
  fi
  local dir
  dir=$(GOFLAGS= go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "[velero] error: go mod download $module@$version gave no directory" >&2; exit 1; }
  local work
  work=$(mktemp -d "$tools/build.XXXXXX")
  # shellcheck disable=SC2064 # the directory of this build, expanded now
  trap "rm -rf '$work' '$work.err'" EXIT
  cp -r "$dir/." "$work/"
  chmod -R u+w "$work"
  echo "[velero] building $module@$version ($pkg)" >&2
  local start=$SECONDS
  # The proxy does not serve every version a go.mod names (k8s.io/cli-runtime v0.33.12 answers
  # 403 "not available"). Such a module is replaced by the nearest served patch release of the
  # same minor version, and each replacement is printed; at most 10 of them.
  local try
  for try in 1 2 3 4 5 6 7 8 9 10 11; do
    if (cd "$work" && GOFLAGS=-mod=mod CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -ldflags '-s -w' -o "$out.tmp" "$pkg") 2>"$work.err"; then
      break
    fi
    cat "$work.err" >&2
    local missing
    missing=$(sed -n 's/.*[[:space:]]\([^[:space:]]*\)@\(v[^:]*\): reading .*403 Forbidden.*/\1 \2/p' "$work.err" | head -1)
    [ -n "$missing" ] && [ "$try" -le 10 ] || { echo "[velero] error: building $module failed (see above)" >&2; exit 1; }
    local mod=${missing% *} ver=${missing#* }
    local minor
    minor=$(echo "$ver" | sed 's/^\(v[0-9]*\.[0-9]*\)\..*/\1/')
    local served
    served=$(GOFLAGS=-mod=mod go list -m -versions "$mod" | tr ' ' '\n' | grep "^$minor\.[0-9]*$" | sort -V)
    local pick
    pick=$(printf '%s\n' "$served" | awk -v v="$ver" '{print}' | sort -V | awk -v v="$ver" 'BEGIN{split(v,a,".")} {split($0,b,"."); if (b[3]+0 > a[3]+0) {print; exit}}')
    [ -n "$pick" ] || pick=$(printf '%s\n' "$served" | tail -1)
    [ -n "$pick" ] || { echo "[velero] error: $mod has no served $minor.x release" >&2; exit 1; }
    echo "[velero] $mod@$ver is not served by the module proxy: replacing it with $mod@$pick" >&2
    (cd "$work" && go mod edit -replace "$mod=$mod@$pick")
  done
  rm -f "$work.err"
  mv "$out.tmp" "$out"
  rm -rf "$work"
  echo "[velero] built $out in $((SECONDS - start))s" >&2
}

build github.com/vmware-tanzu/velero "$VELERO_VERSION" ./cmd/velero "$tools/velero-$VELERO_VERSION"
mkdir -p "$tools/velero-plugins-$PLUGIN_VERSION"
build github.com/vmware-tanzu/velero-plugin-for-aws "$PLUGIN_VERSION" ./velero-plugin-for-aws \
  "$tools/velero-plugins-$PLUGIN_VERSION/velero-plugin-for-aws"
echo "[velero] ready: $tools/velero-$VELERO_VERSION, plugins in $tools/velero-plugins-$PLUGIN_VERSION" >&2
