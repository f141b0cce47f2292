#!/usr/bin/env bash
# Exercise 3: deploy a new version, then go back.
# Exercice 3 : déployer une nouvelle version, puis revenir en arrière.
set -euo pipefail
examples=$(cd "$(dirname "$0")/../../../examples" && pwd)
work=$(mktemp -d)
app=ex03-grist
cleanup() { kubectl delete namespace "$app" --ignore-not-found --wait=false >/dev/null; rm -rf "$work"; }
trap cleanup EXIT
image() { kubectl get deployment grist -n "$app" -o jsonpath='{.spec.template.spec.containers[0].image}'; }

quai import compose -f "$examples/grist/docker-compose.yml" --name "$app" --out "$work/$app" 2>/dev/null
quai apply "$work/$app/app.yaml" --secrets "$work/$app/secrets" --message "version 1.2.1"
echo "running: $(image)"

echo "== 1. A new version: change the image tag and apply / Nouvelle version : changer l'étiquette et appliquer"
sed -i 's#gristlabs/grist:1.2.1#gristlabs/grist:1.2.2#' "$work/$app/app.yaml"
quai plan "$work/$app/app.yaml" --secrets "$work/$app/secrets" || true
quai apply "$work/$app/app.yaml" --secrets "$work/$app/secrets" --message "version 1.2.2"
[ "$(image)" = "gristlabs/grist:1.2.2" ]

echo "== 2. The history of the app / L'historique de l'application"
quai history "$app"

echo "== 3. Roll back to the previous revision / Revenir à la révision précédente"
quai rollback "$app" --to 1
[ "$(image)" = "gristlabs/grist:1.2.1" ]
quai history "$app"
echo "OK: exercise 3 done / exercice 3 terminé"
