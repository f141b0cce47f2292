#!/usr/bin/env bash
# Exercise 7: redo the study's comparison with your own weights.
# Exercice 7 : refaire la comparaison de l'étude avec vos propres poids.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. The study's ranking / Le classement de l'étude"
quai compare --lang fr

echo "== 2. A team that values operability above all / Une équipe qui privilégie l'exploitabilité"
cat > "$work/weights.yaml" <<'YAML'
apiVersion: quai.dev/v1alpha1
kind: CompareWeights
weights:
  operability: 8
  security: 1
YAML
quai compare --weights "$work/weights.yaml" --lang fr
winner=$(quai compare --weights "$work/weights.yaml" -o json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).ranking.winners.join(",")))')
echo "winner with these weights / solution retenue avec ces poids : $winner"
[ "$winner" = "k3s" ]
echo "OK: exercise 7 done / exercice 7 terminé"
