"""Le kit d'animation construit pour de vrai, puis ouvert dans Chromium sans aucun réseau.

La construction (``scripts/construire_kit.py``) tourne une fois pour la session, dans un dossier temporaire ;
chaque diaporama est ensuite ouvert en ``file://`` comme depuis une clé USB : reveal.js doit s'initialiser,
compter autant de diapositives que la source, porter des notes sur chacune, et ne rien demander au réseau.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from actions import ARTEFACTS, CHROMIUM
from tests.scripts_du_depot import importer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "construire_kit.py"

kit = importer("scripts/construire_kit.py")
DECKS = kit.diaporamas()
FICHES = kit.fiches()


@pytest.fixture(scope="session")
def construction(tmp_path_factory):
    """Lance la commande de construction du kit (avec les PDF) ; rend le dossier de sortie et le journal."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : lancez bash scripts/tester.sh, qui l'installe.")
    if not (kit.REVEAL / "dist" / "reveal.js").is_file():
        pytest.fail("reveal.js n'est pas installé : lancez « npm ci » (ou bash scripts/installer.sh).")
    sortie = tmp_path_factory.mktemp("kit")
    debut = time.perf_counter()
    fini = subprocess.run([sys.executable, str(SCRIPT), "--sortie", str(sortie)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    duree = time.perf_counter() - debut
    journal = fini.stdout + fini.stderr
    ARTEFACTS.mkdir(exist_ok=True)
    (ARTEFACTS / "construire_kit.log").write_text(journal, encoding="utf-8")
    assert fini.returncode == 0, f"la construction du kit a échoué :\n{journal[-3000:]}"
    print(f"kit construit en {duree:.1f} s")
    return sortie, journal


def _url_hors_machine(url: str) -> bool:
    u = urlparse(url)
    if u.scheme in ("file", "data", "blob", "about"):
        return False
    return (u.hostname or "") not in ("127.0.0.1", "localhost")


@pytest.fixture
def hors_ligne(page):
    """La page, avec toute requête qui sortirait de la machine interceptée, bloquée et notée."""
    sorties: list[str] = []

    def filtrer(route):
        if _url_hors_machine(route.request.url):
            sorties.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", filtrer)
    page.sorties = sorties
    return page


def test_la_construction_reussit_et_relie_tout(construction):
    sortie, journal = construction
    assert "Kit construit" in journal
    index = (sortie / "index.html").read_text(encoding="utf-8")
    liens = re.findall(r'href="([^"]+)"', index)
    assert len(liens) >= len(DECKS) * 2 + len(FICHES)
    for lien in liens:
        assert (sortie / lien).is_file(), f"lien mort dans index.html : {lien}"
    for plan in (sortie / "plans").glob("*.html"):
        for lien in re.findall(r'href="([^"#:]+\.html)', plan.read_text(encoding="utf-8")):
            assert (plan.parent / lien).resolve().is_file(), f"lien mort dans {plan.name} : {lien}"


@pytest.mark.parametrize("deck", DECKS, ids=[d.nom for d in DECKS])
def test_un_diaporama_s_ouvre_sans_reseau(construction, hors_ligne, deck):
    sortie, _ = construction
    fichier = sortie / "diaporamas" / f"{deck.nom}.html"
    contenu = fichier.read_text(encoding="utf-8")
    assert "MIT licensed" in contenu and "Hakim El Hattab" in contenu, "l'en-tête de licence de reveal.js manque"
    assert not re.search(r'(src|href)="(https?:)?//', contenu), "un fichier externe est appelé"
    page = hors_ligne
    page.goto(fichier.as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
    assert page.evaluate("Reveal.getTotalSlides()") == len(deck.diapos)
    assert page.evaluate("Reveal.hasPlugin('notes')"), "l'extension de notes de reveal.js n'est pas chargée"
    notes = page.evaluate("""Array.from(document.querySelectorAll('.slides > section')).map(
        s => (s.querySelector('aside.notes') || {textContent: ''}).textContent.trim().length)""")
    assert len(notes) == len(deck.diapos)
    assert all(n > 40 for n in notes), f"diapositives sans notes (longueurs : {notes})"
    images = page.evaluate("Array.from(document.querySelectorAll('.slides img')).map(i => [i.getAttribute('alt') || '', i.naturalWidth])")
    assert len(images) == len(deck.figures)
    for alt, largeur in images:
        assert alt.strip(), "une figure n'a pas de texte alternatif"
        assert largeur > 0, "une figure ne s'affiche pas"
    # Rien ne déborde : chaque diapositive tient dans 1280 × 720.
    debordements = []
    for i in range(len(deck.diapos)):
        page.evaluate(f"Reveal.slide({i})")
        hauteur = page.evaluate("Reveal.getCurrentSlide().scrollHeight")
        if hauteur > kit.HAUTEUR + 4:
            debordements.append((i + 1, hauteur))
    assert not debordements, f"diapositives qui débordent (numéro, hauteur en px) : {debordements}"
    assert page.sorties == [], f"requêtes vers le réseau : {page.sorties}"
    assert page.journal.requetes_externes == []
    assert page.journal.erreurs_js == [], page.journal.erreurs_js


@pytest.mark.parametrize("deck", DECKS, ids=[d.nom for d in DECKS])
def test_le_pdf_d_un_diaporama_a_une_page_de_notes_par_diapositive(construction, deck):
    sortie, _ = construction
    pdf = sortie / "diaporamas" / f"{deck.nom}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert kit.pages_pdf(pdf) == 2 * len(deck.diapos)


@pytest.mark.parametrize("fiche", FICHES, ids=[f.nom for f in FICHES])
def test_une_fiche_tient_sur_une_page_a4(construction, fiche):
    sortie, _ = construction
    pdf = sortie / "fiches" / f"{fiche.nom}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert kit.pages_pdf(pdf) == 1
    contenu = (sortie / "fiches" / f"{fiche.nom}.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', contenu)
    assert alts and all(a.strip() for a in alts), "la figure de la fiche n'a pas de texte alternatif"
    # A4 en portrait : 595 × 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]", pdf.read_bytes())


def test_la_vue_des_notes_s_ouvre_sans_reseau(construction, hors_ligne):
    """La touche S ouvre la vue de l'animation (diapositive, suivante, chronomètre, notes), sans réseau."""
    sortie, _ = construction
    deck = next(d for d in DECKS if d.nom == "ouverture")
    page = hors_ligne
    page.goto((sortie / "diaporamas" / "ouverture.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
    page.evaluate("Reveal.slide(1)")
    with page.expect_popup() as attente:
        page.keyboard.press("s")
    vue = attente.value
    premiere_phrase = re.sub(r"\[\d+ min\]\s*", "", deck.diapos[1].notes).split(".")[0][:40]
    vue.wait_for_function("(t) => document.body.innerText.includes(t)", arg=premiere_phrase, timeout=15_000)
    assert page.sorties == []
