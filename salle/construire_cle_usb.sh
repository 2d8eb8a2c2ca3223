#!/usr/bin/env bash
# Prépare, AVEC accès aux dépôts de paquets, tout ce qu'il faut pour installer la salle SANS réseau :
#   bash salle/construire_cle_usb.sh [dossier de sortie, par défaut salle/cle_usb] [--hub-seulement]
# Le dossier contient roues/ (toutes les roues Python épinglées : le parcours, le hub, de quoi construire le
# paquet atelier) et npm-cache/ (le proxy configurable-http-proxy et ses dépendances, pour npm ci --offline).
# Copiez ce dossier ET le dépôt sur la clé USB, puis sur la machine de la salle : bash salle/installer_hors_ligne.sh
# --hub-seulement : seulement le hub (JupyterHub, culler, proxy), pour les tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SORTIE=salle/cle_usb; HUB_SEULEMENT=0
for arg in "$@"; do
  case "$arg" in --hub-seulement) HUB_SEULEMENT=1 ;; *) SORTIE=$arg ;; esac
done
PY=python3; [ -x .venv/bin/python ] && PY=.venv/bin/python
mkdir -p "$SORTIE/roues"; SORTIE=$(cd "$SORTIE" && pwd)
reqs=(-r salle/requirements-salle.txt)
[ "$HUB_SEULEMENT" = 1 ] || reqs=(-r requirements.txt "${reqs[@]}" "setuptools>=68" pip)
echo "→ Roues Python dans $SORTIE/roues (pip wheel : les paquets sans roue sont construits ici, une fois)"
"$PY" -m pip wheel --disable-pip-version-check -q -w "$SORTIE/roues" "${reqs[@]}" 2>&1 | grep -v "is ignored" || true
# Contrôle : tout s'installe depuis ce dossier seul (résolution sans rien télécharger).
# (sans la configuration pip de la machine : ni index, ni autre dossier de roues)
if ! env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
     "$PY" -m pip install --disable-pip-version-check -q --dry-run --ignore-installed --no-index \
     --find-links "$SORTIE/roues" "${reqs[@]}" >"$SORTIE/controle.log" 2>&1; then
  grep -v "is ignored" "$SORTIE/controle.log"; echo "Roues incomplètes dans $SORTIE/roues."; exit 1
fi
rm -f "$SORTIE/controle.log"
echo "→ Proxy npm dans $SORTIE/npm-cache (npm ci --offline le lira)"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cp salle/package.json salle/package-lock.json "$TMP/"
npm ci --prefix "$TMP" --cache "$SORTIE/npm-cache" --no-audit --no-fund --loglevel=error >/dev/null
cp salle/package.json salle/package-lock.json salle/requirements-salle.txt "$SORTIE/"
echo "→ Prêt : $(du -sh "$SORTIE" | cut -f1) dans $SORTIE ($(ls "$SORTIE/roues" | wc -l) roues)"
