"""La commande de démarrage du README sert JupyterLab : le notebook d'accueil s'ouvre et s'exécute en entier,
l'interface est en français, et fermer l'onglet d'un notebook arrête son noyau (réglages de l'atelier)."""
import json
import os
import re
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from actions import ARTEFACTS, ROOT, port_libre, serveur


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    """Une copie du notebook d'accueil : le test l'exécute et l'enregistre sans toucher au dépôt."""
    d = tmp_path_factory.mktemp("lab")
    (d / "00_demarrer.ipynb").write_bytes((ROOT / "notebooks" / "00_demarrer.ipynb").read_bytes())
    return d


def environnement_de_demarrer() -> dict:
    """Les ``export`` de scripts/demarrer.sh (réglages de share/jupyter/config, section « poste ») : le test sert
    JupyterLab exactement ainsi."""
    script = (ROOT / "scripts" / "demarrer.sh").read_text(encoding="utf-8")
    exports = [ligne[len("export "):] for ligne in script.splitlines() if ligne.startswith("export ")]
    env = {}
    for ligne in exports:
        for cle, valeur in re.findall(r'(\w+)="?([^"\s]*)"?', ligne):
            env[cle] = re.sub(r"\$\{\w+:\+[^}]*\}", "", valeur).replace("$PWD", str(ROOT))
    assert env.get("JUPYTER_CONFIG_PATH") == str(ROOT / "share" / "jupyter" / "config"), env
    return env


@pytest.fixture(scope="module")
def jupyterlab(dossier, tmp_path_factory):
    port = port_libre()
    reglages = tmp_path_factory.mktemp("reglages_personnels")   # ni les réglages ni l'espace de travail de la machine
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
           f"--ServerApp.root_dir={dossier}",
           f"--LabApp.user_settings_dir={reglages}", f"--LabApp.workspaces_dir={reglages}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    yield from serveur("jupyterlab", cmd, "/api/status", port, env=environnement_de_demarrer())


def _api(base, chemin):
    with urllib.request.urlopen(base + chemin, timeout=10) as r:
        return json.loads(r.read())


def test_reglages_de_l_atelier_appliques(jupyterlab):
    """Les réglages de share/jupyter/lab/settings/overrides.json sont ceux que le serveur sert."""
    attendus = json.loads((ROOT / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert attendus["@jupyterlab/translation-extension:plugin"]["locale"] == "fr_FR"
    for plugin, reglages in attendus.items():
        schema = _api(jupyterlab, f"/lab/api/settings/{plugin}")["schema"]["properties"]
        for cle, valeur in reglages.items():
            assert schema[cle]["default"] == valeur, (plugin, cle)
    assert "fr_FR" in _api(jupyterlab, "/lab/api/translations/")["data"], "pack de langue français absent"
    assert _api(jupyterlab, "/lab/api/news")["news"] == []


def test_notebook_d_accueil_s_ouvre_et_s_execute(page, jupyterlab, dossier):
    page.set_default_timeout(60_000)
    page.goto(f"{jupyterlab}/lab/tree/00_demarrer.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.locator(".jp-RenderedMarkdown h1", has_text="Module 00").first.wait_for()
    # L'interface est en français : les menus « Fichier », « Édition », « Noyau »…
    barre = page.locator("#jp-menu-panel, .lm-MenuBar").first
    barre.get_by_text("Fichier", exact=True).wait_for()
    assert "Noyau" in barre.inner_text() and "File" not in barre.inner_text().split()
    # Le noyau est prêt, puis « Exécution › Exécuter toutes les cellules », comme une personne le ferait.
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.locator(".jp-Notebook .jp-Cell").first.click()   # le notebook devient le document actif
    for _ in range(3):  # le menu peut être encore inactif juste après l'ouverture : on réessaie
        barre.get_by_role("menuitem", name="Exécution", exact=True).click()
        page.get_by_text("Exécuter toutes les cellules", exact=True).click()
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
    # Fermer l'onglet du notebook arrête son noyau (sur Binder, deux noyaux oubliés suffisent à dépasser 2 Go).
    assert len(_api(jupyterlab, "/api/kernels")) == 1
    page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text="00_demarrer.ipynb").locator(
        ".lm-TabBar-tabCloseIcon").click()
    for _ in range(80):
        if not _api(jupyterlab, "/api/kernels"):
            break
        time.sleep(0.25)
    assert _api(jupyterlab, "/api/kernels") == [], "le noyau tourne encore après la fermeture de l'onglet"
    assert _api(jupyterlab, "/api/sessions") == []
