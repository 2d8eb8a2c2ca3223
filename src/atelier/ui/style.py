"""La feuille de style des tableaux de bord : un seul fichier, ``tableaux.css`` (à côté de ce module), que chaque
tableau affiche en premier widget, dans Voilà comme dans une leçon ouverte dans JupyterLab.

>>> "<style>" in feuille_de_style().value
True
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets

from atelier.palette import OKABE_ITO

#: Le fichier : toutes les règles des tableaux de bord, chacune bornée par la classe de son tableau.
FICHIER = Path(__file__).with_name("tableaux.css")


def variables_de_couleur() -> str:
    """Les couleurs de la palette (:data:`atelier.palette.OKABE_ITO`) en propriétés CSS, ``--atelier-<nom>``, que
    la feuille emploie avec ``var(--atelier-bleu)`` : la palette reste la seule source des couleurs."""
    return ":root { " + " ".join(f"--atelier-{nom}: {couleur};" for nom, couleur in OKABE_ITO.items()) + " }"


@lru_cache(maxsize=1)
def texte_de_la_feuille() -> str:
    """Le contenu de la balise ``<style>`` : les couleurs, puis le fichier ``tableaux.css``."""
    return variables_de_couleur() + "\n" + FICHIER.read_text(encoding="utf-8")


def feuille_de_style() -> widgets.HTML:
    """Le widget qui porte la feuille de style : à mettre en tête de la vue de chaque tableau de bord."""
    return widgets.HTML(f"<style>\n{texte_de_la_feuille()}</style>")
