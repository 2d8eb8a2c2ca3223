"""Le tableau de bord « Recherche de métiers », utilisé comme une personne le ferait, dans Chromium."""
import time

import pytest

from actions import ouvrir, sans_trace

from atelier.ui import messages

NOTEBOOK = "recherche_de_metiers.ipynb"
SAISIE = ".atelier-saisie input"
RESULTATS = ".atelier-resultats-zone"


def taper(page, texte: str) -> None:
    champ = page.locator(SAISIE)
    champ.fill("")
    champ.press_sequentially(texte, delay=20) if len(texte) < 100 else champ.fill(texte)


def attendre_resultats(page, contenu: str, delai_ms: int = 15_000) -> None:
    page.wait_for_function(
        "([sel, txt]) => document.querySelector(sel) && document.querySelector(sel).innerText.includes(txt)",
        arg=[RESULTATS, contenu], timeout=delai_ms)


def chercher(page, texte: str, contenu: str, delai_ms: int = 15_000) -> None:
    """Tape ``texte`` comme une personne, puis attend les résultats de **cette** requête : une pause dans la frappe
    lance parfois une recherche sur un début de mot, et la ligne « Résultats pour : … » part après les résultats."""
    taper(page, texte)
    page.wait_for_function("([sel, txt]) => { const e = document.querySelector(sel); return !!e && e.innerText === txt; }",
                           arg=[".atelier-echo", messages.RECHERCHE_ECHO.format(requete=texte)], timeout=delai_ms)
    attendre_resultats(page, contenu, delai_ms)


def test_une_faute_de_frappe_trouve_le_bon_metier(page, voila_url):
    duree = ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    print(f"tableau de bord utilisable en {duree:.1f} s")
    chercher(page, "infirmiere", "Infirmier / Infirmière")
    chercher(page, "dévelopeur web", "Développeur / Développeuse web")
    premier = page.locator(f"{RESULTATS} li").first.inner_text()
    assert "Développeur / Développeuse web" in premier
    assert "Pourquoi ce métier : son nom ressemble" in premier
    assert page.get_by_text("Comment ça marche ?").is_visible()
    sans_trace(page)
    assert page.journal.requetes_externes == []
    # aucune adresse hors de la machine dans la page elle-même (pas même un import Mermaid ou MathJax inutilisé)
    html = page.content()
    assert "cdnjs" not in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_une_description_et_du_sms(page, voila_url):
    """Une personne décrit le travail sans en connaître le nom, puis écrit comme dans un SMS : le bon métier vient,
    avec la phrase qui dit pourquoi, et la page dit comment elle a compris le SMS."""
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    chercher(page, "réparer les fuites d'eau et installer les lavabos", "Plombier")
    premier = page.locator(f"{RESULTATS} li").first.inner_text()
    assert "Plombier" in premier and "Pourquoi ce métier : sa fiche parle de" in premier
    chercher(page, "jveu bossé ac lé animo", "Pourquoi ce métier")
    page.wait_for_function("() => document.querySelector('.atelier-compris').innerText.includes("
                           "'je veux travailler avec les animaux')", timeout=15_000)
    sans_trace(page)


def test_html_affiche_comme_du_texte(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    charge = "<img src=x onerror=alert(1)>"
    taper(page, charge)
    page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=charge, timeout=15_000)
    time.sleep(1.0)
    assert page.journal.dialogues == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.get_by_text(charge, exact=False).count() >= 1
    sans_trace(page)


def test_saisie_vide_et_etrange(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    chercher(page, "plombier", "Plombier")
    page.locator(SAISIE).fill("")
    attendre_resultats(page, "Tapez quelques lettres")
    taper(page, "🙂🚀")
    attendre_resultats(page, "1")  # des résultats, sans plantage
    page.locator(SAISIE).fill("maçon " * 2000)
    page.wait_for_function("() => document.body.innerText.includes('seuls ses 200 premiers caractères')",
                           timeout=15_000)
    attendre_resultats(page, "Maçon")
    sans_trace(page)
    assert page.journal.dialogues == [] and page.journal.erreurs_js == []


def test_au_clavier_seulement(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    page.keyboard.press("Tab")
    for _ in range(10):
        if page.evaluate("document.activeElement && document.activeElement.closest('.atelier-saisie') !== null"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("la zone de recherche n'est pas atteignable avec la touche Tab")
    page.keyboard.type("nounou", delay=30)
    attendre_resultats(page, "maternel")


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_ecran_de_telephone(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    chercher(page, "nurse", "Infirmier")
    largeur = page.evaluate("document.documentElement.scrollWidth")
    assert largeur <= 390 + 2, f"la page déborde horizontalement ({largeur} px)"
    page.screenshot(path="test-artifacts/recherche_telephone.png", full_page=True)


def test_capture_ecran_ordinateur(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, SAISIE)
    chercher(page, "aide soignante", "Aide-soignant")
    page.screenshot(path="test-artifacts/recherche_1280x720.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
