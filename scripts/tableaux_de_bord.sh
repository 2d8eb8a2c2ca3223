#!/usr/bin/env bash
# Sert les tableaux de bord (notebooks/dashboards/) avec Voilà, sans code à l'écran, sur ce poste ou sur le
# réseau local de la salle : bash scripts/tableaux_de_bord.sh [adresse IP, par défaut 127.0.0.1] [port, 8866]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/voila ] || bash scripts/installer.sh
IP=${1:-127.0.0.1}; PORT=${2:-8866}
echo "→ Tableaux de bord (Ctrl+C pour arrêter) :"
for nb in notebooks/dashboards/*.ipynb; do echo "   http://$IP:$PORT/voila/render/$(basename "$nb")"; done
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}" OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
exec .venv/bin/voila notebooks/dashboards --no-browser --Voila.ip="$IP" --port="$PORT" --template=atelier
