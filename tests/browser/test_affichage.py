"""Chaque tableau de bord sur un téléphone (360 px de large) et avec un zoom à 200 % (écran de 1280 × 720).

Le zoom à 200 % d'un écran de 1280 × 720 laisse à la page 640 × 360 pixels CSS, chaque pixel CSS occupant
deux pixels de l'écran : c'est ce que simule ``device_scale_factor=2``. Pour chaque taille, après le premier
résultat, la page ne doit pas défiler sur le côté et les commandes principales doivent être visibles et tenir
dans la largeur de la fenêtre. Les captures sont enregistrées dans ``test-artifacts/`` (à regarder).
"""
from __future__ import annotations

import pytest

from accessibilite import dans_la_fenetre, sans_defilement_horizontal
from actions import ARTEFACTS, CALCUL_MS, TABLEAUX, ouvrir, sans_trace

pytestmark = pytest.mark.browser

#: Les commandes principales de chaque tableau de bord (elles doivent rester visibles et dans la fenêtre).
COMMANDES = {
    "des_mots_aux_nombres": [".nombres-a input", ".nombres-b input", ".nombres-exemple select",
                             "button.nombres-comparer", ".nombres-resultat-zone li"],
    "mon_profil_mes_metiers": [".profil-facon button", ".profil-phrase textarea", "button.profil-voir",
                               ".profil-resultats-zone li"],
    "recherche_de_metiers": [".atelier-saisie input", ".atelier-resultats-zone li"],
    "carte_des_metiers": [".atelier-saisie input", ".atelier-domaine select", "button.atelier-zoomer",
                          ".atelier-resultats-liste select", ".atelier-carte-figure"],
    "sonde_de_biais": [".sonde-persona select", ".sonde-quoi button", ".sonde-texte-a textarea",
                       "button.sonde-comparer", ".sonde-listes-zone .sonde-b"],
    "recruteur_robot": [".recruteur-cv select", ".recruteur-detail button", ".recruteur-prenom input",
                        "button.recruteur-essayer", ".recruteur-cartes .recruteur-carte.apres"],
    "chatbot_faq": [".chat-saisie input", "button.chat-envoyer", ".chat-conversation .chat-robot"],
    "diagnostic_ia": [".diag-nom input", ".diag-radio-Q01 input", "button.diag-voir", ".diag-figure img"],
    "mon_cv_assiste": [".cv-phrases textarea", ".cv-metier input", "button.cv-ecrire", ".cv-lignes-zone .cv-ligne",
                       ".cv-jeu-pari input", "button.cv-jeu-voir"],
}
TAILLES = {
    "360px": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1},
    "zoom200": {"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2},
}


@pytest.fixture
def petite_page(navigateur, request):
    contexte = navigateur.new_context(**TAILLES[request.param])
    pg = contexte.new_page()
    erreurs: list[str] = []
    pg.on("pageerror", lambda exc: erreurs.append(str(exc)))
    pg.erreurs = erreurs
    yield pg
    contexte.close()


@pytest.mark.parametrize("petite_page", list(TAILLES), indirect=True)
@pytest.mark.parametrize("nom", list(TABLEAUX))
def test_tableau_de_bord_a_l_etroit(petite_page, voila_url, nom, request):
    page = petite_page
    taille = request.node.callspec.params["petite_page"]
    attente, premier, _ = TABLEAUX[nom]
    page.set_default_navigation_timeout(CALCUL_MS)
    ouvrir(page, voila_url, f"{nom}.ipynb", attente, delai_ms=CALCUL_MS)
    premier(page)
    page.wait_for_timeout(500)
    ARTEFACTS.mkdir(exist_ok=True)
    largeur, fenetre = sans_defilement_horizontal(page)
    print(f"{nom} {taille} : contenu {largeur} px pour une fenêtre de {fenetre} px")
    # Voilà fait défiler un conteneur intérieur : une capture par commande, l'écran tel qu'on le voit.
    for i, selecteur in enumerate(COMMANDES[nom]):
        page.locator(selecteur).first.scroll_into_view_if_needed()
        dans_la_fenetre(page, selecteur)
        page.screenshot(path=str(ARTEFACTS / f"affichage_{nom}_{taille}_{i}.png"))
    sans_trace(page)
    assert page.erreurs == []
