"""Le tableau de bord « Carte des métiers » dans Chromium, comme une personne s'en servirait.

Chaque test ouvre une page neuve (donc un noyau neuf) : comptez une dizaine de secondes par test.
"""
from __future__ import annotations

import time

import pytest

from actions import ARTEFACTS, ouvrir, sans_trace

pytestmark = pytest.mark.browser

NOTEBOOK = "carte_des_metiers.ipynb"
CARTE = ".atelier-carte-figure"
SAISIE = ".atelier-saisie input"
LISTE = ".atelier-resultats-liste select"
N_METIERS = 13_120
PAYLOAD = "<img src=x onerror=alert(1)>"


def _attendre_carte(page, delai_ms: int = 60_000) -> None:
    """Attend que tous les points de la carte soient dessinés."""
    page.wait_for_function(
        f"() => document.querySelectorAll('{CARTE} path.dot').length >= {N_METIERS}", timeout=delai_ms)


def _ouvrir_carte(page, voila_url) -> float:
    debut = time.perf_counter()
    ouvrir(page, voila_url, NOTEBOOK, SAISIE, delai_ms=60_000)
    _attendre_carte(page)
    return time.perf_counter() - debut


def _taper(page, texte: str) -> None:
    page.locator(SAISIE).fill(texte)


def _attendre_texte(page, selecteur: str, morceau: str, delai_ms: int = 30_000, visible: bool = False) -> None:
    """Attend qu'un élément ``selecteur`` contienne ``morceau`` (espaces insécables comptés comme des espaces)."""
    page.wait_for_function(
        """([sel, txt, visible]) => Array.from(document.querySelectorAll(sel)).some(e =>
               e.textContent.replace(/\u00a0/g, ' ').includes(txt)
               && (!visible || getComputedStyle(e).display !== 'none'))""",
        arg=[selecteur, morceau, visible], timeout=delai_ms)


def test_carte_recherche_faute_de_frappe_clavier_et_domaine(page, voila_url):
    duree = _ouvrir_carte(page, voila_url)
    print(f"\nPremière vue utilisable (carte dessinée + champ de recherche) : {duree:.1f} s")
    (ARTEFACTS / "mesures").mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "mesures" / "carte_premiere_vue.txt").write_text(f"{duree:.2f}\n", encoding="utf-8")
    assert duree < 45, f"la carte a mis {duree:.1f} s à s'afficher"
    assert page.locator(f"{CARTE} path.dot").count() >= N_METIERS
    page.screenshot(path=str(ARTEFACTS / "carte_1280x720.png"))

    # Au survol d'un point, son nom s'affiche.
    points = page.locator(f"{CARTE} path.dot")
    boite = next(b for b in (points.nth(i).bounding_box() for i in range(0, N_METIERS, 997)) if b and b["width"])
    page.mouse.move(boite["x"] + boite["width"] / 2, boite["y"] + boite["height"] / 2)
    page.wait_for_function("() => { const t = document.querySelector('.bqplot_tooltip_div');"
                           " return t && t.innerText.trim().length > 2; }", timeout=10_000)

    # Une faute de frappe (« anesthesite », sans accents) : le bon métier est trouvé, entouré et nommé.
    _taper(page, "infirmiere anesthesite")
    _attendre_texte(page, f"{LISTE} option", "Infirmière anesthésiste", delai_ms=60_000)   # 1re recherche
    options = [o.replace("\xa0", " ") for o in page.locator(f"{LISTE} option").all_inner_texts()]
    assert any("Infirmier / Infirmière anesthésiste" in o for o in options[:3]), options
    # Le premier est nommé sur la carte (les noms des autres points n'apparaissent qu'au survol).
    _attendre_texte(page, f"{CARTE} text", "Infirmier / Infirmière anesthésiste", visible=True)
    _attendre_texte(page, ".atelier-info", "entourés en noir")    # la phrase part en dernier : tout est là
    page.screenshot(path=str(ARTEFACTS / "carte_1280x720_recherche.png"))

    # Au clavier : la liste des résultats se parcourt avec les flèches, la carte suit.
    avant = page.inner_text(".atelier-choisi")
    page.locator(LISTE).focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_function("(t) => document.querySelector('.atelier-choisi').textContent !== t", arg=avant,
                           timeout=15_000)
    assert page.inner_text(".atelier-choisi") != avant

    # Filtre par domaine, au clavier aussi.
    page.locator(".atelier-domaine select").select_option(label="J — Santé")
    _attendre_texte(page, ".atelier-info", "Santé")
    for bouton in (".atelier-zoomer", ".atelier-dezoomer", ".atelier-deplacer >> nth=0", ".atelier-vue-ensemble"):
        page.locator(bouton).focus()
        page.keyboard.press("Enter")
    sans_trace(page)
    assert page.journal.dialogues == []
    assert page.journal.erreurs_js == []
    assert page.journal.requetes_externes == []


def test_entrees_difficiles_affichees_comme_texte(page, voila_url):
    _ouvrir_carte(page, voila_url)

    # Du HTML tapé reste du texte : pas d'image créée, pas de boîte de dialogue.
    _taper(page, PAYLOAD)
    _attendre_texte(page, ".atelier-echo", PAYLOAD, delai_ms=60_000)
    assert PAYLOAD in page.inner_text(".atelier-echo")
    page.wait_for_timeout(1000)
    assert page.locator('img[src="x"]').count() == 0
    assert page.journal.dialogues == []

    # Que des émojis : un message en français, pas de résultat au hasard.
    _taper(page, "😀🙂🚀")
    _attendre_texte(page, ".atelier-alerte", "ni lettre ni chiffre")

    # 10 000 caractères : le texte est coupé, et on le dit.
    _taper(page, "boulanger " * 1000)
    _attendre_texte(page, ".atelier-alerte", "premiers caractères")

    # Vide : retour à l'état de départ, rien ne casse.
    _taper(page, "")
    _attendre_texte(page, ".atelier-info", "Tapez un métier")
    assert page.locator(f"{LISTE} option").count() == 0
    assert page.locator(f"{CARTE} path.dot").count() >= N_METIERS

    page.wait_for_timeout(500)
    assert page.locator('img[src="x"]').count() == 0
    assert page.journal.dialogues == []
    assert page.journal.erreurs_js == []
    sans_trace(page)
    assert page.journal.requetes_externes == []


@pytest.mark.parametrize("page", [{"width": 400, "height": 800}], indirect=True)
def test_largeur_telephone(page, voila_url):
    _ouvrir_carte(page, voila_url)
    _taper(page, "boulangère")
    _attendre_texte(page, f"{LISTE} option", "Boulang", delai_ms=60_000)
    _attendre_texte(page, ".atelier-info", "entourés en noir")    # la phrase part en dernier : tout est là
    page.screenshot(path=str(ARTEFACTS / "carte_400x800.png"), full_page=True)
    largeur = page.evaluate("() => document.documentElement.scrollWidth")
    assert largeur <= 410, f"la page déborde en largeur ({largeur} px pour un écran de 400 px)"
    boite = page.locator(CARTE).bounding_box()
    assert boite is not None and boite["width"] >= 300
    sans_trace(page)
    assert page.journal.dialogues == []
    assert page.journal.requetes_externes == []
