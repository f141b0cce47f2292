#!/usr/bin/env bash
# Exercise 4: Pod Security admission refuses what is unsafe; quai audit says why beforehand.
# Exercice 4 : l'admission Pod Security refuse ce qui est dangereux ; quai audit l'explique avant.
set -euo pipefail
examples=$(cd "$(dirname "$0")/../../../examples" && pwd)
work=$(mktemp -d)
ns=ex04-restricted
cleanup() { kubectl delete namespace "$ns" --ignore-not-found --wait=false >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== 1. A namespace that enforces the restricted level / Un namespace au niveau restricted"
kubectl create namespace "$ns"
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted

echo "== 2. A privileged pod is refused / Un pod privilégié est refusé"
cat > "$work/privileged.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: { name: root-shell }
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext: { privileged: true }
YAML
if kubectl apply -n "$ns" -f "$work/privileged.yaml" 2>"$work/err"; then
  echo "the privileged pod was accepted: admission is not enforcing / le pod privilégié a été accepté" >&2
  exit 1
fi
cat "$work/err"
grep -q 'violates PodSecurity' "$work/err"

echo "== 3. quai audit finds the same problem before deploying / quai audit trouve le même problème avant"
quai audit "$work/privileged.yaml" --checks pod-security || true

echo "== 4. Manifests rendered by quai pass / Les manifestes rendus par quai passent"
quai import compose -f "$examples/grist/docker-compose.yml" --name ex04 --out "$work/app" 2>/dev/null
quai render "$work/app/app.yaml" --out "$work/manifests" >/dev/null
quai audit "$work/manifests" --checks pod-security
echo "OK: exercise 4 done / exercice 4 terminé"
