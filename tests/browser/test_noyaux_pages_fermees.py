"""Une page de tableau de bord fermée sans prévenir (onglet fermé, navigateur quitté) libère son noyau ; une page
restée ouverte garde le sien, même si personne n'y tape rien.

Le serveur est celui d'un poste, lancé comme le README le dit (``bash scripts/tableaux_de_bord.sh``), avec les
réglages de share/jupyter/config ; seuls les délais sont raccourcis par les variables prévues pour cela
(ATELIER_TABLEAU_SANS_PAGE=10 s, ATELIER_VERIFICATION=5 s) pour que le test dure moins d'une minute. Les valeurs
livrées (60 s + une vérification toutes les 30 s, soit 90 s au plus) sont vérifiées par tests/test_config_jupyter.py.

La page est fermée sans lancer ses gestionnaires ``beforeunload`` (comme un navigateur qui quitte ou un onglet
qui n'a pas le temps d'envoyer sa demande d'arrêt) : c'est alors l'arrêt des noyaux sans page qui doit jouer.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from actions import ROOT, ouvrir, port_libre, serveur

NOTEBOOK = "recherche_de_metiers.ipynb"
SAISIE = ".atelier-saisie input"
RESULTATS = ".atelier-resultats-zone"
SANS_PAGE_S, VERIFICATION_S = 10, 5


@pytest.fixture(scope="module")
def tableaux_url():
    port = port_libre()
    yield from serveur(
        "voila-pages-fermees",
        ["bash", str(ROOT / "scripts" / "tableaux_de_bord.sh"), "127.0.0.1", str(port), "--tableaux", "recherche_de_metiers"],
        "/voila/tree", port,
        env={"PYTHONUNBUFFERED": "1", "ATELIER_RESERVE_AUTRES": "0", "ATELIER_TABLEAU_SANS_PAGE": str(SANS_PAGE_S),
             "ATELIER_VERIFICATION": str(VERIFICATION_S)})


def etat_noyau(base: str, noyau: str) -> dict | None:
    """Le noyau vu par le serveur (``/api/kernels/<id>``), ou None s'il n'existe plus."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{noyau}", timeout=5) as reponse:
            return json.loads(reponse.read())
    except urllib.error.HTTPError as erreur:
        if erreur.code == 404:
            return None
        raise


def noyau_de(page) -> str:
    return page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def chercher(page, texte: str, attendu: str) -> None:
    page.locator(SAISIE).press_sequentially(texte, delay=20)
    page.wait_for_function("([sel, txt]) => { const e = document.querySelector(sel); return !!e && e.innerText.includes(txt); }",
                           arg=[RESULTATS, attendu], timeout=30_000)


def test_page_fermee_noyau_arrete_page_ouverte_noyau_garde(navigateur, tableaux_url):
    fermee_ctx, ouverte_ctx = navigateur.new_context(), navigateur.new_context()
    try:
        fermee, ouverte = fermee_ctx.new_page(), ouverte_ctx.new_page()
        ouvrir(fermee, tableaux_url, NOTEBOOK, SAISIE, delai_ms=90_000)
        chercher(fermee, "infirmiere", "Infirmier")
        ouvrir(ouverte, tableaux_url, NOTEBOOK, SAISIE, delai_ms=90_000)
        noyau_ferme, noyau_ouvert = noyau_de(fermee), noyau_de(ouverte)
        assert noyau_ferme != noyau_ouvert
        assert etat_noyau(tableaux_url, noyau_ferme)["connections"] >= 1

        fermee.close(run_before_unload=False)   # aucune demande d'arrêt envoyée par la page
        fermee_ctx.close()
        debut = time.monotonic()
        while etat_noyau(tableaux_url, noyau_ferme) is not None and time.monotonic() - debut < 120:
            time.sleep(1)
        duree = time.monotonic() - debut
        print(f"noyau de la page fermée arrêté en {duree:.0f} s (délai {SANS_PAGE_S} s, vérification {VERIFICATION_S} s)")
        assert etat_noyau(tableaux_url, noyau_ferme) is None, "le noyau d'une page fermée tourne encore après 2 min"
        assert duree <= SANS_PAGE_S + 2 * VERIFICATION_S + 5

        # la page ouverte, sans rien taper depuis aussi longtemps : son noyau vit et répond
        time.sleep(max(0.0, SANS_PAGE_S + 2 * VERIFICATION_S - duree))
        etat = etat_noyau(tableaux_url, noyau_ouvert)
        assert etat is not None, "le noyau d'une page encore ouverte a été arrêté"
        assert etat["connections"] >= 1
        chercher(ouverte, "plonbier", "Plombier")
    finally:
        for contexte in (fermee_ctx, ouverte_ctx):
            try:
                contexte.close()
            except Exception:  # noqa: BLE001 — déjà fermé
                pass
