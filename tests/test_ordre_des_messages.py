"""L'ordre dans lequel les tableaux de bord mettent à jour leurs widgets.

Chaque mise à jour part vers la page dans un message à elle, et les messages arrivent dans l'ordre où le noyau
les envoie. La phrase qui dit le résultat (celle qu'un lecteur d'écran annonce) part donc en **dernier** : quand
elle s'affiche, tout le reste est déjà là. Les tests dans Chromium attendent cette phrase ; si elle partait avant
le détail, ils liraient une zone encore vide (c'est arrivé en CI : « Des mots aux nombres », 2026-12-04).
"""
from __future__ import annotations

import pytest

from atelier.ui import carte, mots_nombres, profil, recherche


def ordre_des_mises_a_jour(app, noms: list[str], action) -> list[str]:
    """Lance ``action()`` et rend, dans l'ordre, les widgets de ``noms`` dont la valeur a changé (donc envoyée)."""
    vus: list[str] = []
    for nom in noms:
        getattr(app, nom).observe(lambda change, nom=nom: vus.append(nom), names="value")
    action()
    return vus


def test_des_mots_aux_nombres_le_verdict_en_dernier():
    app = mots_nombres.NombresApp(delai=0)
    app.texte_a.value, app.texte_b.value = "Boulanger / Boulangère", "Pâtissier / Pâtissière"
    assert ordre_des_mises_a_jour(app, ["echo", "resultat", "verdict"], app.comparer) == ["echo", "resultat", "verdict"]


def test_mon_profil_l_annonce_en_dernier():
    app = profil.ProfilApp(delai=0)
    app.phrase.value = "J'aime cuisiner pour les autres et j'ai mon permis B."
    vus = ordre_des_mises_a_jour(app, ["morceaux", "resultats", "annonce"], app.voir)
    assert vus == ["morceaux", "resultats", "annonce"]


def test_recherche_la_requete_puis_l_annonce_apres_les_resultats():
    app = recherche.RechercheApp(delai=0)
    vus = ordre_des_mises_a_jour(app, ["resultats", "echo", "annonce"], lambda: app.chercher("infirmiere"))
    assert vus == ["resultats", "echo", "annonce"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")     # bqplot construit ses axes avec une API traitlets ancienne
@pytest.mark.parametrize("texte", ["infirmiere", ""])
def test_carte_la_phrase_en_dernier(texte):
    app = carte.CarteApp(delai=0)
    if not texte:                                    # la case vidée après une recherche : on efface, puis on le dit
        app.chercher("boulanger")
    noms = ["echo", "detail", "autour", "info"]
    assert ordre_des_mises_a_jour(app, noms, lambda: app.chercher(texte)) == noms
    if not texte:
        assert list(app.resultats.options) == [] and app.detail.value == app.autour.value == ""
