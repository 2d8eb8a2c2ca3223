"""Le tableau de bord « Diagnostic IA » dans Chromium, utilisé comme une personne le ferait."""
from __future__ import annotations

import time

import pytest

from actions import ARTEFACTS, ouvrir, sans_trace

pytestmark = pytest.mark.browser

NOTEBOOK = "diagnostic_ia.ipynb"
BOUTON = "button.diag-voir"
IMAGE = ".diag-figure img.diag-image"
ALERTE = ".diag-alerte"
AXES = ("Tâches du quotidien", "Tâches du métier", "Fonctionnement de la structure", "Socle de confiance")


def repondre(page, question: str, debut_option: str) -> None:
    """Clique sur l'option de la question ``question`` (« Q01 ») dont le texte contient ``debut_option``."""
    page.locator(f".diag-radio-{question} label", has_text=debut_option).first.click()
    page.wait_for_function(
        "([q, t]) => Array.from(document.querySelectorAll('.diag-radio-' + q + ' label')).some("
        "l => l.textContent.includes(t) && l.querySelector('input').checked)", arg=[question, debut_option])


def voir_profil(page, alt_precedent: str | None = None) -> str:
    """Clique sur « Voir mon profil » et attend une image (nouvelle si ``alt_precedent``) ; rend son alt."""
    page.locator(BOUTON).click()
    page.wait_for_function(
        "([sel, avant]) => { const i = document.querySelector(sel);"
        " return i && i.complete && i.naturalWidth > 0 && i.alt && i.alt !== avant; }",
        arg=[IMAGE, alt_precedent or ""], timeout=20_000)
    return page.locator(IMAGE).get_attribute("alt")


def texte(page, selecteur: str) -> str:
    return page.locator(selecteur).inner_text().replace("\xa0", " ").replace("\u202f", " ")


def test_repondre_cocher_voir_le_profil_et_les_modules(page, voila_url):
    duree = ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    print(f"\ntableau de bord utilisable en {duree:.1f} s")
    assert page.locator(".diag-radio input[type='radio']").count() >= 17 * 3
    assert page.locator(".diag-usage input[type='checkbox']").count() == 15
    assert "rien n'est enregistré" in texte(page, ".diag-intro").lower() or "n'est enregistré" in texte(page, ".diag-intro")

    repondre(page, "Q01", "Nous en avons une vague idée")          # 1 point sur 2
    repondre(page, "Q02", "Toujours une personne qui connaît")     # 2 sur 2
    repondre(page, "Q15", "Non, nous n'y avons pas pensé")          # biais : 0 sur 2
    page.locator(".diag-usage-U09 input[type='checkbox']").check()
    page.locator(".diag-nom input").fill("Les Jardins du Lien 🌱")
    debut = time.perf_counter()
    alt = voir_profil(page)
    print(f"profil affiché en {time.perf_counter() - debut:.2f} s après le clic")
    for axe in AXES:
        assert axe in alt
    assert "Tâches du quotidien : 75 sur 100 (solide, réponse à 2 questions sur 4)" in alt
    assert "Socle de confiance : 0 sur 100" in alt and "Tâches du métier : sans réponse" in alt
    assert "Description de la figure" in texte(page, ".diag-figure figcaption")
    assert texte(page, ".diag-nom-affiche") == "Structure : Les Jardins du Lien 🌱"
    assert "Vous avez répondu à 3 questions sur 17" in texte(page, ".diag-couverture")
    # Les recommandations pour « Trier des candidatures » : biais d'abord (à travailler), modules 05 et 06.
    section = ".diag-recos section[data-usage='U09']"
    assert page.locator(section).count() == 1
    assert page.locator(f"{section} .diag-module").evaluate_all("els => els.map(e => e.dataset.module)") == ["05", "06"]
    premier = page.locator(f"{section} li.diag-enjeu").first
    assert premier.get_attribute("data-enjeu") == "biais" and "à travailler" in premier.inner_text()
    assert "2 décembre 2027" in texte(page, f"{section} .diag-droit")
    page.set_viewport_size({"width": 1280, "height": 5000})      # toute la hauteur du résultat sur l'image
    page.locator(".diag-resultat").screenshot(path=str(ARTEFACTS / "diagnostic_resultat.png"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.locator(".diag-axe-quotidien").screenshot(path=str(ARTEFACTS / "diagnostic_questions.png"))

    # Changer une réponse : le résultat est signalé périmé, puis le profil change.
    repondre(page, "Q01", "Oui, nous en avons fait le tour ensemble")
    page.wait_for_function("() => document.querySelector('.diag-perime').innerText.includes('ont changé')")
    alt2 = voir_profil(page, alt)
    assert "Tâches du quotidien : 100 sur 100 (solide" in alt2 and alt2 != alt
    assert texte(page, ".diag-perime").strip() == ""

    # Version imprimable : le résultat sans le formulaire.
    page.emulate_media(media="print")
    assert not page.locator(".diag-formulaire").is_visible()
    assert not page.locator(BOUTON).is_visible()
    assert page.locator(IMAGE).is_visible() and page.locator(".diag-recos").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".diag-formulaire").is_visible()

    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == [] and page.journal.dialogues == []


def test_rien_de_coche_puis_effacer(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    page.locator(BOUTON).click()
    page.wait_for_function("(sel) => document.querySelector(sel).innerText.includes('Répondez à au moins une question')",
                           arg=ALERTE)
    assert not page.locator(".diag-resultat").is_visible()
    # Une réponse, aucun usage coché : le profil s'affiche, avec une invitation à cocher un usage.
    repondre(page, "Q10", "Je ne sais pas")
    alt = voir_profil(page)
    assert "Fonctionnement de la structure : 0 sur 100 (à découvrir, réponse à 1 question sur 4)" in alt
    assert "Vous n'avez coché aucun usage" in texte(page, ".diag-recos")
    assert texte(page, ALERTE).strip() == ""
    # « Effacer mes réponses » remet tout à zéro, et le résultat disparaît.
    page.locator("button.diag-effacer").click()
    page.wait_for_function("() => document.querySelectorAll('.diag-radio input:checked').length === 0")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.diag-resultat')).display === 'none'")
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []


def test_nom_html_et_tres_long_affiche_comme_du_texte(page, voila_url):
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=60_000)
    repondre(page, "Q13", "Une règle écrite")
    page.locator(".diag-usage-U06 input[type='checkbox']").check()
    charge = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    page.locator(".diag-nom input").fill(charge)
    voir_profil(page)
    time.sleep(0.5)
    assert texte(page, ".diag-nom-affiche") == f"Structure : {charge}"       # montré tel quel, en texte
    assert page.locator(".diag-nom-affiche script, .diag-nom-affiche img, img[src='x']").count() == 0
    assert page.journal.dialogues == []
    assert page.locator(".diag-recos section[data-usage='U06'] .diag-module").count() == 2

    page.locator(".diag-nom input").fill("Association " + "très " * 2_000)     # plus de 10 000 caractères
    page.locator(BOUTON).click()
    page.wait_for_function("(sel) => document.querySelector(sel).innerText.includes('Le nom est long')", arg=ALERTE)
    page.wait_for_function("() => document.querySelector('.diag-nom-affiche').innerText.includes('Association')")
    affiche = texte(page, ".diag-nom-affiche")
    assert affiche.startswith("Structure : Association très") and len(affiche) <= len("Structure : ") + 120
    assert page.journal.dialogues == []
    sans_trace(page)
    assert page.journal.requetes_externes == [] and page.journal.erreurs_js == []
