"""Le tableau de bord « Mon CV assisté », utilisé comme une personne le ferait, dans Chromium : taper des phrases,
voir les lignes et leurs marques, choisir un métier (dans la liste, ou tapé, ou inconnu), lire la note du robot,
jouer à « deviner le mot suivant ». Le parcours au clavier seul est dans test_clavier.py, l'audit axe-core dans
test_accessibilite.py.
"""
from __future__ import annotations

import time

import pytest

from accessibilite import texte_change, texte_de, texte_present
from actions import CALCUL_MS, HOSTILE, ouvrir, sans_trace

pytestmark = pytest.mark.browser

NOTEBOOK = "mon_cv_assiste.ipynb"
PHRASES = ".cv-phrases textarea"
METIER = ".cv-metier input"
BOUTON = "button.cv-ecrire"


def ecrire_cv(page, phrases: str | None = None, metier: str | None = None) -> float:
    if phrases is not None:
        page.locator(PHRASES).fill(phrases)
    if metier is not None:
        page.locator(METIER).fill(metier)
    debut = time.perf_counter()
    page.locator(BOUTON).click()
    return debut


def test_des_phrases_aux_lignes_marquees(page, voila_url):
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=CALCUL_MS)
    # la carte « jamais dans un chatbot en ligne » est là dès l'ouverture
    texte_present(page, ".cv-jamais-zone", "numéro de sécurité sociale")
    debut = ecrire_cv(page, "j'ai gardé les enfants de ma sœur tous les mercredis\n"
                            "je les emmenais au parc et je préparais le goûter", "Garde d'enfant (K1303)")
    texte_present(page, ".cv-lecture", "lignes de CV", delai_ms=CALCUL_MS)
    print(f"premier « Écrire mon CV » : {time.perf_counter() - debut:.1f} s")
    lignes = page.locator(".cv-lignes-zone .cv-ligne")
    assert lignes.count() >= 4
    assert page.locator(".cv-lignes-zone .cv-appuyee").count() >= 1
    texte_present(page, ".cv-lignes-zone", "appuyé sur ce que vous avez écrit")
    texte_present(page, ".cv-lignes-zone", "Pour votre phrase")
    texte_present(page, ".cv-couverture-zone", "compétences essentielles de ce métier")
    texte_present(page, ".cv-robot-zone", "Vos phrases telles quelles")
    assert texte_de(page, ".cv-robot-zone").count("sur 100") >= 2
    sans_trace(page)
    assert page.journal.erreurs_js == [] and page.journal.requetes_externes == []


def test_metier_tape_puis_inconnu(page, voila_url):
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=CALCUL_MS)
    ecrire_cv(page, "je tenais la caisse au marché le samedi", "astronaute lunaire")
    texte_present(page, ".cv-alerte", "Métier introuvable")
    assert texte_de(page, ".cv-lignes-zone").strip() == ""
    ecrire_cv(page, metier="serveur")
    texte_present(page, ".cv-lecture", "lignes de CV", delai_ms=CALCUL_MS)
    texte_present(page, ".cv-couverture-zone", "Serveur / Serveuse en restauration")
    sans_trace(page)


def test_saisies_hostiles_en_texte(page, voila_url):
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=CALCUL_MS)
    page.evaluate("window.__alertes = []; window.alert = (m) => { window.__alertes.push(String(m) + ' ' + new Error().stack); }; 0")
    ecrire_cv(page, HOSTILE + " je tenais la caisse")
    texte_present(page, ".cv-alerte", "du code")
    ecrire_cv(page, "x" * 10_000)
    texte_present(page, ".cv-alerte", "trop long")
    ecrire_cv(page, "I worked at the market and I was a cashier with my friends")
    texte_present(page, ".cv-alerte", "français")
    page.locator(".cv-jeu-pari input").fill(HOSTILE)
    page.locator("button.cv-jeu-voir").click()
    texte_present(page, ".cv-jeu-retour", "<img src=x")          # affiché en texte, pas interprété
    assert page.locator(".cv-page img[src='x'], .cv-page script").count() == 0
    assert page.evaluate("window.__alertes") == [] and page.journal.dialogues == []
    # et la page marche encore
    ecrire_cv(page, "je tenais la caisse au marché le samedi")
    texte_present(page, ".cv-lecture", "lignes de CV", delai_ms=CALCUL_MS)
    sans_trace(page)


def test_le_jeu_du_mot_suivant(page, voila_url):
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, NOTEBOOK, BOUTON, delai_ms=CALCUL_MS)
    page.locator("button.cv-jeu-voir").click()
    texte_present(page, ".cv-jeu-alerte", "Tapez d'abord le mot que vous devinez")
    page.locator(".cv-jeu-pari input").fill("clients")
    page.locator("button.cv-jeu-voir").click()
    texte_present(page, ".cv-jeu-retour", "Votre mot « clients » est n° 1")
    assert page.locator(".cv-jeu-mots li").count() == 8
    froid = texte_de(page, ".cv-jeu-mots")
    # l'audace au maximum (le curseur pris au clavier) : les chances du premier mot baissent
    page.locator(".cv-jeu-temperature .noUi-handle").focus()
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    page.locator("button.cv-jeu-voir").click()
    texte_change(page, ".cv-jeu-mots", froid, "audace 2,0")
    page.locator("button.cv-jeu-ecrire").click()
    texte_present(page, ".cv-jeu-suite", "Une suite écrite par le modèle (audace 2,0) : Accueillir les")
    sans_trace(page)
