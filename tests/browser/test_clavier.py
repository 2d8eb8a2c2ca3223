"""Chaque tableau de bord utilisé du début à la fin au clavier seul (Tab, Maj+Tab, Entrée, Espace, flèches).

Aucun clic : seulement ``page.keyboard``. À chaque élément traversé, le focus doit se voir (contour) ; à la
fin, en continuant d'appuyer sur Tab, on revient au point de départ (aucun piège à clavier).
"""
from __future__ import annotations

import pytest

from accessibilite import focus, sans_piege, tabuler_jusqu_a, texte_change, texte_de, texte_present
from actions import ouvrir, sans_trace

pytestmark = pytest.mark.browser

CALCUL_MS = 90_000


def ouvrir_au_clavier(page, voila_url, notebook: str, attente: str) -> None:
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, notebook, attente, delai_ms=CALCUL_MS)
    page.wait_for_timeout(300)             # le gabarit pose les attributs ARIA et les groupes radio


def fin_propre(page) -> None:
    assert sans_piege(page) > 1
    sans_trace(page)
    assert page.journal.erreurs_js == [] and page.journal.requetes_externes == []


def test_recherche_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "recherche_de_metiers.ipynb", ".atelier-saisie input")
    tabuler_jusqu_a(page, ".atelier-saisie")
    page.keyboard.type("infirmiere", delay=20)
    texte_present(page, ".atelier-resultats-zone", "Infirmier")
    texte_present(page, ".atelier-annonce, [aria-live]", "métiers trouvés.")
    fin_propre(page)


def test_carte_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "carte_des_metiers.ipynb", ".atelier-saisie input")
    tabuler_jusqu_a(page, ".atelier-saisie")
    page.keyboard.type("infirmiere", delay=20)
    texte_present(page, ".atelier-info", "métiers entourés")
    premier, autour = texte_de(page, ".atelier-choisi"), texte_de(page, ".atelier-autour")
    assert premier.strip() and autour.strip()
    # la liste des résultats : flèche vers le bas, le deuxième métier est choisi, décrit et entouré
    tabuler_jusqu_a(page, ".atelier-resultats-liste")
    page.keyboard.press("ArrowDown")
    texte_change(page, ".atelier-choisi", premier)
    texte_change(page, ".atelier-autour", autour, "sur la carte")      # ses voisins à lui, pas ceux du premier
    assert page.locator(".atelier-autour li").count() == 8
    # retour en arrière jusqu'au bouton « Zoomer + », Entrée : la vue change ; puis le choix d'un domaine
    tabuler_jusqu_a(page, "button.atelier-zoomer", arriere=True)
    avant = page.evaluate("document.querySelector('.atelier-carte-figure').innerHTML.length")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    tabuler_jusqu_a(page, ".atelier-domaine", arriere=True)
    page.keyboard.press("ArrowDown")
    texte_present(page, ".atelier-info", "Domaine « ")
    assert avant > 0
    fin_propre(page)


def test_sonde_au_clavier_avec_le_pari_en_groupe(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "sonde_de_biais.ipynb", "button.sonde-comparer")
    tabuler_jusqu_a(page, ".sonde-persona")
    page.keyboard.press("ArrowDown")                               # une autre persona
    tabuler_jusqu_a(page, ".sonde-quoi")
    assert focus(page, ".sonde-quoi")["dedans"]
    assert page.locator(".sonde-quoi button[aria-pressed='true']").count() == 1
    page.keyboard.press("Tab")                                      # « masculin ↔ sans genre »
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelectorAll('.sonde-quoi button')[1].getAttribute('aria-pressed') === 'true'")
    tabuler_jusqu_a(page, ".sonde-deviner")
    page.keyboard.press("Space")                                    # « Deviner d'abord »
    page.wait_for_selector(".sonde-pari input[type='radio']", state="visible")
    groupe = page.locator(".sonde-pari [role='radiogroup']")
    assert groupe.get_attribute("aria-labelledby") == "sonde-question"
    assert "Avant de voir le résultat" in page.locator("#sonde-question").inner_text()
    # le pari est UN groupe : une seule étape de tabulation, les flèches changent le choix
    assert tabuler_jusqu_a(page, ".sonde-pari") == 1
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.querySelectorAll('.sonde-pari input:checked').length === 1")
    assert tabuler_jusqu_a(page, "button.sonde-comparer") == 1       # le groupe ne prend qu'un appui sur Tab
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.sonde-listes-zone .sonde-b li').length === 10",
                           timeout=CALCUL_MS)
    texte_present(page, ".sonde-retour-pari", "Vous aviez répondu « ")
    choisi = page.locator(".sonde-pari input:checked").evaluate("e => e.parentElement.textContent")
    assert f"Vous aviez répondu « {choisi.strip()} »" in page.locator(".sonde-retour-pari").inner_text()
    # Maj+Tab remonte aussi dans le groupe en une fois
    tabuler_jusqu_a(page, ".sonde-pari", arriere=True)
    assert tabuler_jusqu_a(page, ".sonde-deviner", arriere=True) == 1
    fin_propre(page)


def test_recruteur_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "recruteur_robot.ipynb", "button.recruteur-essayer")
    tabuler_jusqu_a(page, ".recruteur-cv")
    page.keyboard.press("ArrowDown")                                  # CV02
    texte_present(page, ".recruteur-cv select", "CV02")
    tabuler_jusqu_a(page, ".recruteur-detail")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")                                        # le troisième détail : l'âge
    page.keyboard.press("Enter")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.recruteur-age')).display !== 'none'")
    tabuler_jusqu_a(page, ".recruteur-age")
    page.keyboard.press("Control+A")
    page.keyboard.type("58")
    tabuler_jusqu_a(page, "button.recruteur-essayer")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.recruteur-cartes .recruteur-carte').length === 2",
                           timeout=CALCUL_MS)
    texte_present(page, ".recruteur-lecture", "58 ans")
    fin_propre(page)


def test_chatbot_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "chatbot_faq.ipynb", ".chat-saisie input")
    tabuler_jusqu_a(page, ".chat-saisie")
    page.keyboard.type("vous ouvrez a quelle heure", delay=15)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('.chat-conversation .chat-robot:not(.chat-presentation)').length === 1",
        timeout=CALCUL_MS)
    texte_present(page, "[aria-live]", "Le robot répond :")
    tabuler_jusqu_a(page, "button.chat-nouvelle")
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelectorAll('.chat-conversation .chat-robot:not(.chat-presentation)').length === 0")
    fin_propre(page)


def test_diagnostic_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "diagnostic_ia.ipynb", "button.diag-voir")
    tabuler_jusqu_a(page, ".diag-nom")
    page.keyboard.type("Les Jardins du Lien")
    # la première question : un groupe nommé par son intitulé ; Espace coche, les flèches changent
    tabuler_jusqu_a(page, ".diag-radio-Q01")
    groupe = page.locator(".diag-radio-Q01 [role='radiogroup']")
    assert groupe.get_attribute("aria-labelledby") == "diag-intitule-Q01"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.querySelectorAll('.diag-radio-Q01 input:checked').length === 1")
    # la question suivante est à une ou deux tabulations (le lien « Pourquoi ? » entre les deux)
    assert tabuler_jusqu_a(page, ".diag-radio-Q02") <= 2
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, ".diag-usage-U09")
    page.keyboard.press("Space")
    tabuler_jusqu_a(page, "button.diag-voir")
    page.keyboard.press("Enter")
    page.wait_for_function("() => { const i = document.querySelector('.diag-figure img.diag-image');"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=30_000)
    texte_present(page, ".diag-couverture", "2 questions sur 17")
    texte_present(page, ".diag-nom-affiche", "Les Jardins du Lien")
    assert page.locator(".diag-recos section[data-usage='U09']").count() == 1
    fin_propre(page)


def test_mon_cv_au_clavier(page, voila_url):
    ouvrir_au_clavier(page, voila_url, "mon_cv_assiste.ipynb", "button.cv-ecrire")
    tabuler_jusqu_a(page, ".cv-phrases")
    page.keyboard.press("Control+A")
    page.keyboard.type("je tenais la caisse au marché le samedi", delay=10)
    tabuler_jusqu_a(page, "button.cv-ecrire")
    page.keyboard.press("Enter")
    texte_present(page, ".cv-lecture", "lignes de CV")
    # le jeu : deviner un mot, régler l'audace avec les flèches, voir les mots du modèle
    tabuler_jusqu_a(page, ".cv-jeu-pari")
    page.keyboard.type("clients")
    tabuler_jusqu_a(page, ".cv-jeu-temperature")
    page.keyboard.press("ArrowRight")
    tabuler_jusqu_a(page, "button.cv-jeu-voir")
    page.keyboard.press("Enter")
    texte_present(page, ".cv-jeu-retour", "Votre mot « clients »")
    texte_present(page, ".cv-jeu-mots", "audace 1,1")
    fin_propre(page)
