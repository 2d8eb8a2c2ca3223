"""Installation de la salle sans réseau : le dossier de roues du hub (construit par scripts/installer.sh --tests avec
salle/construire_cle_usb.sh --hub-seulement) s'installe dans un environnement neuf par salle/installer_hors_ligne.sh,
réseau coupé (unshare -n quand on est root), avec le proxy npm depuis son cache (npm ci --offline)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
CLE = RACINE / ".cache" / "cle_usb_hub"


def _reseau_coupe() -> list[str]:
    if os.geteuid() == 0 and shutil.which("unshare") and subprocess.run(
            ["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


@pytest.mark.skipif(not (CLE / "roues").is_dir(),
                    reason="dossier de roues du hub absent : lancez bash scripts/installer.sh --tests")
def test_installation_hors_ligne_du_hub(tmp_path):
    assert (CLE / "requirements-salle.txt").read_text() == (RACINE / "salle/requirements-salle.txt").read_text(), \
        "dossier de roues périmé : relancez bash scripts/installer.sh --tests"
    npm = tmp_path / "proxy"
    npm.mkdir()
    for nom in ("package.json", "package-lock.json"):
        shutil.copy(RACINE / "salle" / nom, npm / nom)
    env = dict(os.environ, VENV=str(tmp_path / "venv"), NPM_PREFIX=str(npm), PYTHON=shutil.which("python3") or "")
    commande = _reseau_coupe() + ["bash", str(RACINE / "salle/installer_hors_ligne.sh"), str(CLE), "--hub-seulement"]
    fin = subprocess.run(commande, env=env, capture_output=True, text=True, timeout=900)
    assert fin.returncode == 0, fin.stdout[-2000:] + fin.stderr[-3000:]
    version = subprocess.run([str(tmp_path / "venv/bin/jupyterhub"), "--version"], capture_output=True, text=True)
    attendue = next(ligne.split("==")[1] for ligne in (RACINE / "salle/requirements-salle.txt").read_text().split()
                    if ligne.startswith("jupyterhub=="))
    assert version.stdout.strip() == attendue
    proxy = subprocess.run([str(npm / "node_modules/.bin/configurable-http-proxy"), "--version"],
                           capture_output=True, text=True)
    assert proxy.stdout.strip() == json.loads((RACINE / "salle/package.json").read_text())[
        "dependencies"]["configurable-http-proxy"]
