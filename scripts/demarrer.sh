#!/usr/bin/env bash
# Installe l'atelier (si besoin) et ouvre JupyterLab sur le notebook d'accueil, en local.
set -euo pipefail
cd "$(dirname "$0")/.."
# La première fois, installation complète ; ensuite, on ne retente pas le modèle anglais facultatif à chaque démarrage.
if [ -x .venv/bin/python ]; then bash scripts/installer.sh --sans-anglais; else bash scripts/installer.sh; fi
ROOT_FLAG=""; [ "$(id -u)" = 0 ] && ROOT_FLAG="--allow-root"
echo "→ JupyterLab démarre : ouvrez l'adresse http://127.0.0.1:${PORT:-8888}/lab/... affichée ci-dessous (Ctrl+C pour arrêter)."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}   # numpy : un fil (réglé par atelier.embeddings)
# Réglages de l'atelier (share/jupyter/lab/settings/overrides.json, les mêmes sur Binder et dans les tests) :
# interface en français, ni actualités ni recherche de mises à jour, noyau arrêté quand on ferme son onglet.
exec .venv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" $ROOT_FLAG \
  --ServerApp.root_dir="$PWD" --LabApp.app_settings_dir="$PWD/share/jupyter/lab/settings" \
  --LabApp.news_url= --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate notebooks/00_demarrer.ipynb
