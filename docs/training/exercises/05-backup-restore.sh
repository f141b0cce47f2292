#!/usr/bin/env bash
# Exercise 5: back up an app, lose it, restore it, then prove the backup with a drill.
# Exercice 5 : sauvegarder une application, la perdre, la restaurer, puis prouver la sauvegarde.
set -euo pipefail
examples=$(cd "$(dirname "$0")/../../../examples" && pwd)
work=$(mktemp -d)
app=ex05-grist
cleanup() { kubectl delete namespace "$app" --ignore-not-found --wait=false >/dev/null; rm -rf "$work"; }
trap cleanup EXIT

quai import compose -f "$examples/grist/docker-compose.yml" --name "$app" --out "$work/$app" 2>/dev/null
quai apply "$work/$app/app.yaml" --secrets "$work/$app/secrets"

echo "== 1. A key and a first backup (objects only: the local cluster has no real disks) / Une clé et une première sauvegarde (objets seulement)"
quai backup key create "$work/backup.key"
quai backup create "$app-1" -n "$app" --target "$work/backups" --key-file "$work/backup.key" --volumes none --wait
quai backup list --target "$work/backups"

echo "== 2. Lose the namespace / Perdre le namespace"
kubectl delete namespace "$app" --wait=true --timeout=120s

echo "== 3. Restore it / Le restaurer"
quai restore "$app-1" --target "$work/backups" --key-file "$work/backup.key"
kubectl rollout status deployment/grist -n "$app" --timeout=180s
quai status "$app"

echo "== 4. A drill: restore into scratch namespaces, check, clean up / Un exercice de restauration"
quai backup drill "$app-1" --target "$work/backups" --key-file "$work/backup.key"
echo "OK: exercise 5 done / exercice 5 terminé"
