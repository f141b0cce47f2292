#!/usr/bin/env bash
# Exercise 6: plan the production cluster, and read the errors of a bad inventory.
# Exercice 6 : planifier le cluster de production, et lire les erreurs d'un inventaire faux.
set -euo pipefail
docs=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. The plan of the documented inventory / Le plan de l'inventaire documenté"
quai cluster plan "$docs/examples/cluster-inventory.yaml" --lang fr --out "$work/plan"
ls "$work/plan" "$work/plan/k8s-cp-1/etc/rancher/rke2"
head -20 "$work/plan/checklist.md"

echo "== 2. Break it: two control-plane nodes and an overlapping pod network / Le casser"
sed -e 's/name: k8s-cp-3, role: control-plane/name: k8s-cp-3, role: worker/' \
    -e 's#podCidr: 10.42.0.0/16#podCidr: 10.49.0.0/16#' \
    "$docs/examples/cluster-inventory.yaml" > "$work/bad.yaml"
if quai cluster plan "$work/bad.yaml" --lang en 2>"$work/err"; then echo "the bad inventory was accepted" >&2; exit 1; fi
cat "$work/err"
grep -q 'etcd needs an odd number' "$work/err"
grep -q 'overlaps the existing network "serveurs"' "$work/err"
echo "OK: exercise 6 done / exercice 6 terminé"
