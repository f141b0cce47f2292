#!/usr/bin/env bash
# Exercise 2: from a vendor's compose file to a running app.
# Exercice 2 : du fichier compose d'un prestataire à une application qui tourne.
set -euo pipefail
examples=$(cd "$(dirname "$0")/../../../examples" && pwd)
work=$(mktemp -d)
app=ex02-grist
cleanup() { kubectl delete namespace "$app" --ignore-not-found --wait=false >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "== 1. Import the compose file into an app spec / Importer le fichier compose en spécification d'application"
quai import compose -f "$examples/grist/docker-compose.yml" --name "$app" --out "$work/$app"
grep -q "name: $app" "$work/$app/app.yaml"

echo "== 2. See what Kubernetes objects it becomes / Voir les objets Kubernetes produits"
quai render "$work/$app/app.yaml" --secrets "$work/$app/secrets" | grep '^kind:' | sort | uniq -c

echo "== 3. Preview, then deploy / Prévisualiser, puis déployer"
quai plan "$work/$app/app.yaml" --secrets "$work/$app/secrets" || true
quai apply "$work/$app/app.yaml" --secrets "$work/$app/secrets" --message "exercise 2"

echo "== 4. Check it / Vérifier"
quai status "$app"
kubectl get deployments,services,persistentvolumeclaims,ingresses -n "$app"
kubectl rollout status "deployment/grist" -n "$app" --timeout=60s
echo "OK: exercise 2 done / exercice 2 terminé"
