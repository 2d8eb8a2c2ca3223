"""Tableaux de bord Voilà pilotés dans Chromium (paquet Debian), comme une personne le ferait.

Un serveur Voilà est démarré pour toute la session de tests sur 127.0.0.1, puis arrêté. Chaque test reçoit une
page neuve (1280×720) ; les boîtes de dialogue (``alert``) et les requêtes qui sortent de la machine sont notées.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from actions import ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, DASHBOARDS, ROOT, port_libre, serveur


@pytest.fixture(scope="session")
def voila_url():
    """Adresse de base du serveur Voilà qui sert ``notebooks/dashboards/``, avec les réglages de
    ``share/jupyter/config`` (section « tableaux ») : noyaux préchauffés, arrêt des noyaux abandonnés."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : lancez bash scripts/tester.sh, qui l'installe.")
    port = port_libre()
    voila = shutil.which("voila", path=str(Path(sys.executable).parent)) or "voila"
    yield from serveur(
        "voila", [voila, str(DASHBOARDS), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                  "--template=atelier"], "/voila/tree", port,
        env={"PYTHONUNBUFFERED": "1", "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
             "JUPYTER_CONFIG_PATH": str(ROOT / "share" / "jupyter" / "config"), "ATELIER_DEPLOIEMENT": "tableaux"})


@pytest.fixture(scope="session")
def navigateur():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Journal:
    """Ce qui s'est passé pendant le test : dialogues ouverts, requêtes hors de la machine, erreurs JS."""

    def __init__(self) -> None:
        self.dialogues: list[str] = []
        self.requetes_externes: list[str] = []
        self.erreurs_js: list[str] = []


@pytest.fixture
def page(navigateur, request):
    """Une page neuve de 1280×720 ; ``page.journal`` garde dialogues et requêtes externes."""
    taille = getattr(request, "param", {"width": 1280, "height": 720})
    context = navigateur.new_context(viewport=taille)
    pg = context.new_page()
    journal = Journal()

    def sur_dialogue(dialog):
        journal.dialogues.append(dialog.message)
        dialog.dismiss()

    def sur_requete(req):
        host = urlparse(req.url).hostname or ""
        if req.url.startswith(("http://", "https://", "ws://", "wss://")) and host not in ("127.0.0.1", "localhost"):
            journal.requetes_externes.append(req.url)

    pg.on("dialog", sur_dialogue)
    pg.on("request", sur_requete)
    pg.on("pageerror", lambda exc: journal.erreurs_js.append(str(exc)))
    pg.journal = journal
    yield pg
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTEFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
    # fermer l'onglet comme une personne (beforeunload) : Voilà arrête alors le noyau de la page
    pg.close(run_before_unload=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)
