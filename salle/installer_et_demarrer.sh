#!/usr/bin/env bash
# Une commande pour la salle, sur Debian/Ubuntu, avec accès aux dépôts de paquets :
#   bash salle/installer_et_demarrer.sh
# installe l'atelier (scripts/installer.sh), le hub (salle/requirements-salle.txt, épinglé), le proxy
# (npm ci --prefix salle, épinglé par salle/package-lock.json), puis démarre le JupyterHub de la salle.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/installer.sh
echo "→ Installation du hub de la salle (JupyterHub, arrêt des serveurs inactifs)"
.venv/bin/pip install --disable-pip-version-check -q -r salle/requirements-salle.txt 2>&1 | grep -v "is ignored" || true
if ! command -v npm >/dev/null 2>&1; then
  echo "→ Installation de Node.js et npm (paquets Debian) pour le proxy du hub"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
echo "→ Installation du proxy (configurable-http-proxy, npm ci --prefix salle)"
npm ci --prefix salle --no-audit --no-fund --loglevel=error
exec bash salle/demarrer_salle.sh "$@"
