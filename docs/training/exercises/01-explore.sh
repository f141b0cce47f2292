#!/usr/bin/env bash
# Exercise 1: find your way around a cluster.
# Exercice 1 : se repérer dans un cluster.
# Needs: KUBECONFIG pointing at a cluster, kubectl and quai on the PATH.
set -euo pipefail

echo "== The cluster and its version / Le cluster et sa version"
quai version --server

echo "== Nodes: every one should be Ready / Nœuds : chacun doit être Ready"
kubectl get nodes -o wide
not_ready=$(kubectl get nodes --no-headers | awk '$2 != "Ready"' | wc -l)
[ "$not_ready" -eq 0 ] || { echo "some nodes are not Ready / des nœuds ne sont pas Ready" >&2; exit 1; }

echo "== Namespaces"
kubectl get namespaces

echo "== What kinds of objects the API knows / Les types d'objets que connaît l'API"
kubectl api-resources --verbs=list -o name | sed -n '1,20p'
kubectl api-resources --verbs=list -o name | grep -x 'deployments.apps' >/dev/null

echo "== The system components / Les composants système"
kubectl get pods -n kube-system
echo "OK: exercise 1 done / exercice 1 terminé"
