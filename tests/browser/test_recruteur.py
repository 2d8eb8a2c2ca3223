"""Le tableau de bord « Le recruteur robot », utilisé comme une personne le ferait, dans Chromium.

Chaque test ouvre une page neuve (donc un noyau neuf). Le premier calcule les scores des 40 CV (cache disque
de l'atelier) : comptez jusqu'à une minute la première fois, quelques secondes ensuite.
"""
from __future__ import annotations

import time

import pytest

from actions import ARTEFACTS, ouvrir, sans_trace

pytestmark = pytest.mark.browser

NOTEBOOK = "recruteur_robot.ipynb"
BOUTON = "button.recruteur-essayer"
CARTES = ".recruteur-cartes"
PRENOM = ".recruteur-prenom input"
ALERTE = ".recruteur-alerte"
CALCUL_MS = 60_000


def _texte(page, selecteur: str) -> str:
    return page.locator(selecteur).inner_text().replace("\xa0", " ").replace("\u202f", " ")


def attendre_cartes(page) -> None:
    page.wait_for_function(
        "(sel) => document.querySelectorAll(sel + ' .recruteur-carte').length === 2", arg=CARTES, timeout=CALCUL_MS)


def attendre_texte(page, selecteur: str, morceau: str, delai_ms: int = CALCUL_MS) -> None:
    page.wait_for_function(
        """([sel, txt]) => Array.from(document.querySelectorAll(sel)).some(e =>
               e.textContent.replace(/[\u00a0\u202f]/g, ' ').includes(txt))""",
        arg=[selecteur, morceau], timeout=delai_ms)


def choisir_cv(page, identifiant: str) -> None:
    """Choisit un CV dans la liste. Le noyau remplit ensuite les champs de ce CV : attendez un effet visible d'une
    action faite après (les messages arrivent dans l'ordre), pas le texte de la liste, qui contient tous les CV."""
    page.wait_for_function("() => document.querySelectorAll('.recruteur-cv select option').length === 40")
    page.locator(".recruteur-cv select").select_option(index=int(identifiant[2:]) - 1)
    assert identifiant in page.locator(".recruteur-cv select").evaluate("s => s.options[s.selectedIndex].textContent")


def scores(page) -> tuple[str, str]:
    avant = _texte(page, f"{CARTES} .recruteur-carte.avant .recruteur-score")
    apres = _texte(page, f"{CARTES} .recruteur-carte.apres .recruteur-score")
    return avant, apres


def journal_propre(page) -> None:
    sans_trace(page)
    assert page.journal.dialogues == []
    assert page.journal.requetes_externes == []
    assert page.journal.erreurs_js == []


def test_changer_le_prenom_puis_l_age_deplace_le_score(page, voila_url):
    duree = ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    print(f"\ntableau de bord utilisable en {duree:.1f} s")
    choisir_cv(page, "CV01")
    page.wait_for_function(f"() => document.querySelector('{PRENOM}').value === 'Samira'")
    debut = time.perf_counter()
    page.locator(BOUTON).click()
    attendre_cartes(page)
    print(f"premier résultat en {time.perf_counter() - debut:.1f} s")
    avant, apres = scores(page)
    assert avant.startswith("Score : ") and apres.startswith("Score : ")
    assert avant != apres                                   # le prénom a changé : le score aussi
    changees = page.locator(f"{CARTES} .recruteur-carte.apres li.recruteur-change").all_inner_texts()
    assert len(changees) == 1 and "Prénom : Samira" in changees[0]
    lecture = _texte(page, ".recruteur-lecture")
    assert "« Julie » → « Samira »" in lecture and "le score passe de" in lecture
    assert "L1132-1" in _texte(page, ".recruteur-critere")
    droit = _texte(page, ".recruteur-droit")
    assert "Ce que dit la loi" in droit and "Personne ne peut être écarté" in droit
    assert "déduire les émotions" in droit                  # l'interdiction de l'article 5, 1, f) du règlement IA
    assert "Pour en savoir plus" in droit and "L1132-1" not in droit       # les références, repliées
    page.locator(".recruteur-references > summary").click()
    assert "L1132-1" in _texte(page, ".recruteur-droit")

    # Autre détail : l'âge. Les anciens résultats disparaissent, puis les nouveaux arrivent.
    page.locator(".recruteur-detail button", has_text="Âge").click()
    page.wait_for_function("(sel) => document.querySelectorAll(sel + ' .recruteur-carte').length === 0", arg=CARTES)
    page.locator(".recruteur-age input").fill("55")
    page.locator(BOUTON).click()
    attendre_texte(page, ".recruteur-lecture", "« 55 ans »")
    attendre_cartes(page)
    avant2, apres2 = scores(page)
    assert avant2 == avant and apres2 != avant2          # même CV d'origine ; version modifiée différente
    assert "Âge : 55 ans" in _texte(page, f"{CARTES} .recruteur-carte.apres li.recruteur-change")
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "recruteur_1280x720.png"), full_page=True)
    journal_propre(page)


def test_deviner_d_abord(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    page.locator(".recruteur-deviner input[type='checkbox']").check()
    page.locator(BOUTON).click()
    attendre_texte(page, ALERTE, "Avant de voir le résultat")
    assert page.locator(f"{CARTES} .recruteur-carte").count() == 0        # pas de résultat sans pari
    page.locator(".recruteur-pari label", has_text="Non, la décision ne change pas").click()
    page.locator(BOUTON).click()
    attendre_cartes(page)
    # Le retour sur le pari part avant les cartes : il est déjà là quand elles s'affichent.
    retour = _texte(page, ".recruteur-retour-pari")
    assert retour.startswith("Vous aviez répondu « Non, la décision ne change pas » ; en réalité : ")
    journal_propre(page)


@pytest.mark.parametrize("saisie, attendu", [
    ("<script>alert(1)</script>", "que des lettres"),
    ("<img src=x onerror=alert(2)>", "que des lettres"),
    ("Zoé 🙂", "pas de chiffres, de symboles ni d'émojis"),
    ("", "écrivez un prénom"),
    ("a" * 10_000, "au plus 40 caractères"),
])
def test_saisie_refusee_en_francais_et_jamais_executee(page, voila_url, saisie, attendu):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    page.locator(PRENOM).fill(saisie)
    page.locator(BOUTON).click()
    attendre_texte(page, ALERTE, attendu)
    time.sleep(0.3)
    assert page.locator(f"{CARTES} .recruteur-carte").count() == 0
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator(PRENOM).input_value() == saisie                     # rien de perdu, affiché comme du texte
    journal_propre(page)


def test_un_prenom_libre_valide_est_accepte(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    page.locator(PRENOM).fill("Marie-Ève")
    page.locator(BOUTON).click()
    attendre_cartes(page)
    assert "Prénom : Marie-Ève" in _texte(page, f"{CARTES} .recruteur-carte.apres li.recruteur-change")
    journal_propre(page)


def test_les_options_de_la_liste_sont_du_texte(page, voila_url):
    """Les libellés des listes déroulantes viennent des données de l'atelier : rendus comme du texte."""
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    choisir_cv(page, "CV23")
    page.locator(".recruteur-detail button", has_text="Adresse").click()
    # la case « Adresse » ne s'affiche qu'une fois ce clic traité, donc après les champs du CV 23
    page.locator(".recruteur-adresse select").wait_for(state="visible", timeout=CALCUL_MS)
    options = [o.replace("\xa0", " ") for o in page.locator(".recruteur-adresse select option").all_inner_texts()]
    assert options == ["Vieux-Lille", "Lille-Sud (quartier prioritaire)"]
    assert page.locator(".recruteur-cv select option b, .recruteur-cv select option script").count() == 0
    page.locator(BOUTON).click()
    attendre_cartes(page)
    assert "Adresse : Vieux-Lille, Lille" in _texte(page, f"{CARTES} .recruteur-carte.apres li.recruteur-change")
    journal_propre(page)


@pytest.mark.parametrize("page", [{"width": 390, "height": 844}], indirect=True)
def test_ecran_de_telephone(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=90_000)
    page.locator(BOUTON).click()
    attendre_cartes(page)
    largeur = page.evaluate("() => document.documentElement.scrollWidth")
    assert largeur <= 390 + 2, f"la page déborde horizontalement ({largeur} px)"
    a = page.locator(f"{CARTES} .recruteur-carte.avant").bounding_box()
    b = page.locator(f"{CARTES} .recruteur-carte.apres").bounding_box()
    assert b["y"] >= a["y"] + a["height"] - 1                                # les cartes passent l'une sous l'autre
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "recruteur_390x844.png"), full_page=True)
    journal_propre(page)
