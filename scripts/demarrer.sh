#!/usr/bin/env bash
# Installe l'atelier (si besoin) et ouvre JupyterLab sur le notebook d'accueil, en local.
set -euo pipefail
cd "$(dirname "$0")/.."
# La première fois, installation complète ; ensuite, on ne retente pas le modèle anglais facultatif à chaque démarrage.
if [ -x .venv/bin/python ]; then bash scripts/installer.sh --sans-anglais; else bash scripts/installer.sh; fi
echo "→ JupyterLab démarre : ouvrez l'adresse http://127.0.0.1:${PORT:-8888}/lab/... affichée ci-dessous (Ctrl+C pour arrêter)."
# Réglages de l'atelier, les mêmes pour tous les déploiements (share/jupyter/config/atelier.toml, section « poste ») :
# interface en français, ni actualités ni recherche de mises à jour, noyau arrêté quand on ferme son onglet, fils de
# calcul, gabarit des tableaux de bord.
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_CONFIG_PATH="$PWD/share/jupyter/config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
export ATELIER_DEPLOIEMENT=poste
exec .venv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" --ServerApp.root_dir="$PWD" \
  notebooks/00_demarrer.ipynb
