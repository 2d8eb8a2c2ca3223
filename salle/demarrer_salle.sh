#!/usr/bin/env bash
# Démarre le JupyterHub de la salle (déjà installé : salle/installer_et_demarrer.sh ou salle/installer_hors_ligne.sh).
# Réglages par variables d'environnement (SALLE_PORT, SALLE_MEMOIRE, SALLE_INACTIVITE…) : voir salle/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export SALLE_DONNEES=${SALLE_DONNEES:-$PWD/salle/donnees}
mkdir -p "$SALLE_DONNEES" && chmod 700 "$SALLE_DONNEES"
# Le code de la salle (six chiffres) et le secret de l'animateur : tirés une fois, gardés dans SALLE_DONNEES.
[ -s "$SALLE_DONNEES/code_salle" ] || .venv/bin/python -c "import secrets; print(f'{secrets.randbelow(10**6):06d}')" > "$SALLE_DONNEES/code_salle"
[ -s "$SALLE_DONNEES/secret_animateur" ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(12))" > "$SALLE_DONNEES/secret_animateur"
chmod 600 "$SALLE_DONNEES/code_salle" "$SALLE_DONNEES/secret_animateur"
export SALLE_CODE=${SALLE_CODE:-$(cat "$SALLE_DONNEES/code_salle")}
export SALLE_SECRET_ANIMATEUR=${SALLE_SECRET_ANIMATEUR:-$(cat "$SALLE_DONNEES/secret_animateur")}
export SALLE_PORT=${SALLE_PORT:-8000} SALLE_ADMIN=${SALLE_ADMIN:-animateur} SALLE_MEMOIRE=${SALLE_MEMOIRE:-1.5G}
export HF_HUB_OFFLINE=1
ADRESSE=$(.venv/bin/python -c "import sys; sys.path.insert(0, 'salle'); from salle_hub import adresses_reseau; print(' ou '.join(f'http://{a}:$SALLE_PORT' for a in adresses_reseau()) or 'http://127.0.0.1:$SALLE_PORT (pas de réseau local)')")
cat <<TXT

  ┌─ Atelier IA & ESS : la salle ─────────────────────────────────────────────────────
  │ Adresse à taper sur les postes de la salle : $ADRESSE
  │ Code de la salle : $SALLE_CODE
  │ Animateur : nom « $SALLE_ADMIN », mot de passe « $SALLE_SECRET_ANIMATEUR »
  │ Page à projeter : http://127.0.0.1:$SALLE_PORT/hub/salle (connecté en animateur, avec le code)
  │ Notebooks de chacun : $SALLE_DONNEES/apprenants/<prénom>/notebooks (gardés à l'arrêt)
  │ Arrêter : Ctrl+C
  └───────────────────────────────────────────────────────────────────────────────────

TXT
cd "$SALLE_DONNEES"
exec "$OLDPWD/.venv/bin/jupyterhub" -f "$OLDPWD/salle/jupyterhub_config.py" "$@"
