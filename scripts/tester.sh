#!/usr/bin/env bash
# Installe ce qui manque, puis lance toute la suite de tests : unitaires, notebooks (nbval), tableaux de bord
# dans Chromium. Les tests tournent réseau coupé (unshare -n) quand c'est possible : rien ne doit sortir.
#
# La suite tourne deux fois : telle quelle, puis « sur un autre processeur » (ATELIER_PERTURBATION=1 : chaque
# vecteur calculé à la volée est décalé d'environ 1e-3 par composante, l'écart mesuré entre deux processeurs ;
# voir atelier.embeddings.perturbation). Les deux passes doivent réussir : un contrôle qui ne tient que sur
# cette machine-ci échoue ici plutôt que chez une animatrice.
#   bash scripts/tester.sh                 # les deux passes
#   ATELIER_PASSES=normale bash scripts/tester.sh -k recherche   # une seule passe, une partie des tests
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
export ATELIER_CACHE_DIR=${ATELIER_CACHE_DIR:-$PWD/.cache/tests}
export HF_HUB_OFFLINE=1 OMP_NUM_THREADS=2 PYDEVD_DISABLE_FILE_VALIDATION=1
pytest=(.venv/bin/python -m pytest tests notebooks --nbval-lax --nbval-current-env
        --nbval-sanitize-with tests/sanitize.cfg -p no:cacheprovider -q "$@")
coupe=()
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  echo "→ Tests réseau coupé (unshare -n ; seule l'interface locale est active)"
  coupe=(unshare -n bash -c 'ip link set lo up && exec "$@"' _)
else
  echo "→ Tests (attention : réseau non coupé, unshare -n indisponible ici)"
fi
statut=0
for passe in ${ATELIER_PASSES:-normale perturbee}; do
  case "$passe" in
    normale)  echo "→ Passe 1/2 : les vecteurs de ce processeur"; perturbation=0 ;;
    perturbee) echo "→ Passe 2/2 : « un autre processeur » (ATELIER_PERTURBATION=1:ci)"; perturbation=1:ci ;;
    *) echo "passe inconnue : $passe (normale ou perturbee)"; exit 2 ;;
  esac
  ATELIER_PERTURBATION=$perturbation "${coupe[@]}" "${pytest[@]}" || statut=1
done
[ "$statut" = 0 ] && echo "→ Toutes les passes ont réussi." || echo "→ Au moins une passe a échoué (voir ci-dessus)."
exit "$statut"
