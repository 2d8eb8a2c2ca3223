"""Audit d'accessibilité axe-core de chaque tableau de bord, de chaque diaporama du kit et des fiches.

Chaque tableau de bord est audité deux fois : après son premier résultat, puis après une saisie hostile (du
HTML tapé dans un champ). Le test échoue sur toute violation grave ou critique ; les autres sont listées dans
sa sortie (``pytest -s``) et dans ``test-artifacts/axe.jsonl``. Voir :mod:`accessibilite`.

On vérifie aussi ce qu'un lecteur d'écran reçoit : la langue de la page, des titres dans l'ordre, une
étiquette en français pour chaque commande, et une zone « vivante » (``aria-live``) qui annonce le résultat.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from accessibilite import auditer
from actions import ARTEFACTS, CALCUL_MS, CHROMIUM, TABLEAUX, ouvrir
from tests.scripts_du_depot import importer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "construire_kit.py"

kit = importer("scripts/construire_kit.py")
DECKS = kit.diaporamas()
FICHES = kit.fiches()


#: La zone vivante de chaque tableau de bord et ce qu'elle doit annoncer après le premier résultat.
ANNONCES = {
    "des_mots_aux_nombres": "Pour le modèle, ces deux textes sont",
    "mon_profil_mes_metiers": "métiers proposés ; le premier est",
    "recherche_de_metiers": "métiers trouvés.",
    "carte_des_metiers": "métiers entourés",
    "sonde_de_biais": "métiers sur 10 sont dans les deux listes",
    "recruteur_robot": "le score passe de",
    "chatbot_faq": "Le robot répond :",
    "diagnostic_ia": "questions sur 17",
    "mon_cv_assiste": "lignes de CV :",
}


def lecteur_d_ecran(page) -> dict:
    """Ce qu'un lecteur d'écran reçoit : langue, titres, commandes sans nom, zones vivantes."""
    return page.evaluate("""() => {
      const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
                           && getComputedStyle(e).visibility !== 'hidden';
      const nom = e => {
        if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
        if (e.getAttribute('aria-labelledby'))
          return e.getAttribute('aria-labelledby').split(/\\s+/).map(i => (document.getElementById(i) || {}).textContent || '').join(' ');
        if (e.labels && e.labels.length) return Array.from(e.labels).map(l => l.textContent).join(' ');
        if (e.tagName === 'BUTTON') return e.textContent || e.title;
        return e.title || '';
      };
      const commandes = Array.from(document.querySelectorAll(
          'input, select, textarea, button, [role=radiogroup], [role=group]'))
        .filter(visible).filter(e => e.type !== 'hidden');
      return {
        langue: document.documentElement.lang,
        titres: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter(visible)
                     .map(h => Number(h.tagName[1])),
        sans_nom: commandes.filter(e => !nom(e).trim()).map(e => e.outerHTML.slice(0, 120)),
        vivantes: Array.from(document.querySelectorAll('[aria-live], [role=status], [role=log]'))
                     .map(e => e.textContent.replace(/\\s+/g, ' ').trim()),
      };
    }""")


@pytest.mark.parametrize("nom", list(TABLEAUX))
def test_tableau_de_bord_sans_violation_grave(page, voila_url, nom):
    attente, premier, hostile = TABLEAUX[nom]
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, f"{nom}.ipynb", attente, delai_ms=CALCUL_MS)
    premier(page)
    time.sleep(0.3)
    auditer(page, f"{nom} (premier résultat)")
    lu = lecteur_d_ecran(page)
    assert lu["langue"] == "fr", f"langue de la page : {lu['langue']!r}"
    assert lu["titres"] and lu["titres"][0] == 1, f"la page doit commencer par un titre de niveau 1 : {lu['titres']}"
    sauts = [(a, b) for a, b in zip(lu["titres"], lu["titres"][1:]) if b > a + 1]
    assert not sauts, f"titres qui sautent un niveau : {sauts} dans {lu['titres']}"
    assert not lu["sans_nom"], f"commandes sans étiquette : {lu['sans_nom']}"
    assert any(ANNONCES[nom] in v.replace("\xa0", " ") for v in lu["vivantes"]), (
        f"aucune zone aria-live n'annonce « {ANNONCES[nom]} » : {lu['vivantes']}")
    hostile(page)
    time.sleep(0.3)
    auditer(page, f"{nom} (saisie hostile)")
    assert page.journal.dialogues == [] and page.locator('img[src="x"]').count() == 0
    assert page.journal.requetes_externes == []


# ── Le kit : diaporamas, fiches, sommaire ────────────────────────────────────────────────────────────────

@pytest.fixture(scope="module")
def kit_construit(tmp_path_factory):
    """Le kit construit sans les PDF (plus rapide), dans un dossier temporaire."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : lancez bash scripts/tester.sh, qui l'installe.")
    sortie = tmp_path_factory.mktemp("kit_a11y")
    fini = subprocess.run([sys.executable, str(SCRIPT), "--sans-pdf", "--sortie", str(sortie)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "construire_kit_a11y.log").write_text(fini.stdout + fini.stderr, encoding="utf-8")
    assert fini.returncode == 0, (fini.stdout + fini.stderr)[-3000:]
    return sortie


@pytest.mark.parametrize("deck", DECKS, ids=[d.nom for d in DECKS])
def test_diaporama_sans_violation_grave(kit_construit, page, deck):
    page.goto((kit_construit / "diaporamas" / f"{deck.nom}.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
    assert page.evaluate("document.documentElement.lang") == "fr"
    for i in range(len(deck.diapos)):
        page.evaluate(f"Reveal.slide({i})")
        time.sleep(0.05)
        auditer(page, f"diaporama {deck.nom} ({i + 1}/{len(deck.diapos)})")


@pytest.mark.parametrize("chemin", ["index.html", "fiches/00_demarrer.html", "fiches/00_demarrer_falc.html",
                                    "plans/00_demarrer.html", "fiches/06_recruteur_robot_falc.html",
                                    "fiches/09_cv_ecrit_par_la_machine_falc.html",
                                    "fiches/guichet_04_score_service_public.html",
                                    "fiches/guichet_autocontrole.html"])
def test_page_du_kit_sans_violation_grave(kit_construit, page, chemin):
    page.goto((kit_construit / chemin).as_uri(), wait_until="load")
    assert page.evaluate("document.documentElement.lang") == "fr"
    auditer(page, chemin)
