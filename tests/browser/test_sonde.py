"""Le tableau de bord « Sonde de biais », utilisé comme une personne le ferait, dans Chromium."""
import time

from actions import ouvrir, sans_trace

NOTEBOOK = "sonde_de_biais.ipynb"
BOUTON = "button.sonde-comparer"
LISTES = ".sonde-listes-zone"
BARRES = ".sonde-barres"
LECTURE = ".sonde-lecture"
CALCUL_MS = 90_000        # le premier calcul charge le modèle et les vecteurs des compétences


def attendre_listes(page) -> None:
    page.wait_for_function(
        "(sel) => document.querySelectorAll(sel + ' .sonde-b li').length === 10",
        arg=LISTES, timeout=CALCUL_MS)


def choisir_profil(page, debut: str) -> None:
    """Choisit dans la liste déroulante l'option dont le libellé commence par ``debut`` (« P03 — », « Mon propre »)."""
    page.wait_for_function("() => document.querySelectorAll('.sonde-persona select option').length > 30")
    options = page.locator(".sonde-persona select option")
    for i in range(options.count()):
        if (options.nth(i).text_content() or "").replace("\xa0", " ").strip().startswith(debut):
            page.locator(".sonde-persona select").select_option(index=i)
            return
    raise AssertionError(f"aucun profil ne commence par « {debut} »")


def listes(page) -> tuple[list[str], list[str]]:
    a = page.locator(f"{LISTES} .sonde-a li .sonde-titre").all_inner_texts()
    b = page.locator(f"{LISTES} .sonde-b li .sonde-titre").all_inner_texts()
    return a, b


def test_choisir_une_persona_et_changer_de_formulation(page, voila_url):
    duree = ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    print(f"tableau de bord utilisable en {duree:.1f} s")
    choisir_profil(page, "P03 —")
    page.locator(".sonde-quoi button", has_text="masculin ↔ féminin").click()
    page.wait_for_function("() => document.querySelector('.sonde-texte-b textarea').value.includes('maçonne')")
    assert "maçon," in page.locator(".sonde-texte-a textarea").input_value()
    page.locator(BOUTON).click()
    attendre_listes(page)
    a1, b1 = listes(page)
    assert len(a1) == 10 and len(b1) == 10
    barres = page.locator(f"{BARRES} [role='img']")
    assert barres.count() == 2
    aria1 = [barres.nth(i).get_attribute("aria-label") for i in range(2)]
    assert all("% de femmes en moyenne" in t for t in aria1)
    lecture1 = page.locator(LECTURE).inner_text()
    assert "métiers sur 10 sont dans les deux listes" in lecture1

    # on passe à la version sans genre (épicène) : la zone B change, les anciens résultats disparaissent, puis reviennent
    page.locator(".sonde-quoi button", has_text="masculin ↔ sans genre").click()
    page.wait_for_function("() => document.querySelector('.sonde-texte-b textarea').value.includes('maçonnerie')")
    page.wait_for_function("(sel) => document.querySelectorAll(sel + ' li').length === 0", arg=LISTES)
    page.locator(BOUTON).click()
    attendre_listes(page)
    a2, b2 = listes(page)
    assert a2 == a1                       # même version A : même liste A (le moteur est déterministe)
    assert b2 != b1                       # la version B a changé : sa liste aussi
    aria2 = [page.locator(f"{BARRES} [role='img']").nth(i).get_attribute("aria-label") for i in range(2)]
    assert aria2[0] == aria1[0] and aria2[1] != aria1[1]
    assert page.locator(LECTURE).inner_text() != lecture1
    page.screenshot(path="test-artifacts/sonde_1280x720.png", full_page=True)
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []


def test_deviner_d_abord(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    page.locator(".sonde-deviner input[type='checkbox']").check()
    page.locator(BOUTON).click()
    # l'alerte elle-même (la même phrase est aussi la question, affichée dès que la case est cochée)
    page.wait_for_function("() => document.querySelector('.sonde-alerte').innerText.includes('Avant de voir le résultat')")
    assert page.locator(f"{LISTES} li").count() == 0          # pas de résultat sans pari
    page.locator(".sonde-pari label", has_text="Pas du tout").click()
    page.locator(BOUTON).click()
    attendre_listes(page)
    page.wait_for_function("() => document.querySelector('.sonde-retour-pari').innerText.includes('en réalité')")
    retour = page.locator(".sonde-retour-pari").inner_text()
    assert "Vous aviez répondu « Pas du tout » ; en réalité" in retour
    sans_trace(page)


def test_html_affiche_comme_du_texte_et_saisie_vide(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    choisir_profil(page, "Mon propre texte")
    page.locator(".sonde-texte-a textarea").fill("")
    page.locator(".sonde-texte-b textarea").fill("")
    page.locator(BOUTON).click()
    page.wait_for_function("() => document.body.innerText.includes('Écrivez les deux versions du profil')")
    charge_a = "<img src=x onerror=alert(1)> je suis maçon"
    charge_b = "<script>alert(2)</script> je suis maçonne"
    page.locator(".sonde-texte-a textarea").fill(charge_a)
    page.locator(".sonde-texte-b textarea").fill(charge_b)
    page.locator(BOUTON).click()
    attendre_listes(page)
    time.sleep(0.5)
    assert page.journal.dialogues == []
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator(".sonde-texte-a textarea").input_value() == charge_a      # affiché tel quel, en texte
    sans_trace(page)
