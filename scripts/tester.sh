#!/usr/bin/env bash
# Installe ce qui manque, puis lance toute la suite de tests : unitaires, notebooks (nbval), tableaux de bord
# dans Chromium. Les tests tournent réseau coupé (unshare -n) quand c'est possible : rien ne doit sortir.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh --tests
export ATELIER_CACHE_DIR=${ATELIER_CACHE_DIR:-$PWD/.cache/tests}
export HF_HUB_OFFLINE=1 OMP_NUM_THREADS=2 PYDEVD_DISABLE_FILE_VALIDATION=1
pytest=(.venv/bin/python -m pytest tests notebooks --nbval-lax --nbval-current-env
        --nbval-sanitize-with tests/sanitize.cfg -p no:cacheprovider -q "$@")
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  echo "→ Tests réseau coupé (unshare -n ; seule l'interface locale est active)"
  exec unshare -n bash -c 'ip link set lo up && exec "$@"' _ "${pytest[@]}"
else
  echo "→ Tests (attention : réseau non coupé, unshare -n indisponible ici)"
  exec "${pytest[@]}"
fi
