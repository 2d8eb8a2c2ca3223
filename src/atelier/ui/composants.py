"""Les éléments que partagent les tableaux de bord : un texte brut (éventuellement annoncé par les lecteurs d'écran),
une zone HTML et un bouton, chacun avec ses classes CSS (celles que visent le style de la page et les tests).

>>> alerte = etiquette("recherche-alerte", vivante=True)       # texte brut, lu à voix haute quand il change
>>> alerte.value = "<b>jamais du HTML</b>"                       # affiché tel quel, balises comprises
"""
from __future__ import annotations

import ipywidgets as widgets

#: La classe qui fait annoncer une zone par les lecteurs d'écran quand son texte change (``aria-live``, posé par
#: le gabarit Voilà de l'atelier).
VIVANT = "atelier-vivant"


def etiquette(*classes: str, vivante: bool = False) -> widgets.Label:
    """Une zone de **texte brut** (jamais interprété comme du HTML : on peut y mettre ce qu'une personne a tapé),
    vide au départ, avec ses ``classes`` CSS ; ``vivante=True`` la fait annoncer par les lecteurs d'écran."""
    zone = widgets.Label("")
    for classe in (*classes, VIVANT) if vivante else classes:
        zone.add_class(classe)
    return zone


def zone_html(*classes: str) -> widgets.HTML:
    """Une zone HTML vide avec ses ``classes`` CSS. Tout texte qu'on y met passe d'abord par
    :func:`atelier.ui.securite.echapper`."""
    zone = widgets.HTML("")
    for classe in classes:
        zone.add_class(classe)
    return zone


def bouton(description: str, *classes: str, principal: bool = False) -> widgets.Button:
    """Un bouton à la largeur de son texte, avec ses ``classes`` CSS ; ``principal=True`` met en avant le bouton de
    l'action principale de la page."""
    b = widgets.Button(description=description, button_style="primary" if principal else "",
                       layout=widgets.Layout(width="auto"))
    for classe in classes:
        b.add_class(classe)
    return b
