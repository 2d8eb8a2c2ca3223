"""La commande de démarrage du README sert JupyterLab : le notebook d'accueil s'ouvre et s'exécute en entier."""
import json
import os
import sys
import time
from pathlib import Path

import pytest

from conftest import ARTEFACTS, ROOT, _port_libre, serveur


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    """Une copie du notebook d'accueil : le test l'exécute et l'enregistre sans toucher au dépôt."""
    d = tmp_path_factory.mktemp("lab")
    (d / "00_demarrer.ipynb").write_bytes((ROOT / "notebooks" / "00_demarrer.ipynb").read_bytes())
    return d


@pytest.fixture(scope="module")
def jupyterlab(dossier):
    port = _port_libre()
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
           f"--ServerApp.root_dir={dossier}", "--LabApp.news_url=",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    yield from serveur("jupyterlab", cmd, "/api/status", port)


def test_notebook_d_accueil_s_ouvre_et_s_execute(page, jupyterlab, dossier):
    page.set_default_timeout(60_000)
    page.goto(f"{jupyterlab}/lab/tree/00_demarrer.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.locator(".jp-RenderedMarkdown h1", has_text="Module 00").first.wait_for()
    # Le noyau est prêt, puis « Exécuter › Exécuter toutes les cellules », comme une personne le ferait.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.locator(".jp-Notebook .jp-Cell").first.click()   # le notebook devient le document actif
    for _ in range(3):  # le menu peut être encore inactif juste après l'ouverture : on réessaie
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-InputPrompt')].some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))",
                timeout=15_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    page.get_by_text("Tout est prêt ✅").first.wait_for(timeout=90_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.screenshot(path=str(ARTEFACTS / "jupyterlab_00.png"))
    avant = (dossier / "00_demarrer.ipynb").stat().st_mtime
    page.keyboard.press("Control+s")
    for _ in range(40):
        if (dossier / "00_demarrer.ipynb").stat().st_mtime != avant:
            break
        time.sleep(0.25)
    time.sleep(0.5)
    nb = json.loads((dossier / "00_demarrer.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["execution_count"] for c in code), "une cellule n'a pas été exécutée"
    assert not [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    textes = "".join(t for c in code for o in c["outputs"] for t in o.get("text", []))
    assert "Nombre de nombres dans le plongement : 384" in textes
    assert any("image/png" in o.get("data", {}) for c in code for o in c["outputs"]), "la figure manque"
