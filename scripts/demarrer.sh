#!/usr/bin/env bash
# Installe l'atelier (si besoin) et ouvre JupyterLab sur le notebook d'accueil, en local.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
ROOT_FLAG=""; [ "$(id -u)" = 0 ] && ROOT_FLAG="--allow-root"
echo "→ JupyterLab démarre : ouvrez l'adresse http://127.0.0.1:8888/lab/... affichée ci-dessous (Ctrl+C pour arrêter)."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}   # numpy : un fil (réglé par atelier.embeddings)
exec .venv/bin/jupyter lab --no-browser --ip=127.0.0.1 --port="${PORT:-8888}" $ROOT_FLAG \
  --ServerApp.root_dir="$PWD" notebooks/00_demarrer.ipynb
