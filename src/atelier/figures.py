"""Figures des leçons : un titre, des axes nommés, la palette daltonienne, et un texte alternatif.

Chaque fonction renvoie ``(figure, texte_alternatif)`` : le texte décrit en une ou deux phrases ce que montre
la figure, pour les personnes qui ne la voient pas (lecteur d'écran) ; les notebooks l'affichent sous la figure.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt

from atelier.palette import GRIS, PRINCIPALE


def barres_horizontales(etiquettes: Sequence[str], valeurs: Sequence[float], titre: str, axe_x: str,
                        axe_y: str = "", surligner: int | None = 0, format_valeur: str = "{:.2f}"):
    """Barres horizontales triées comme données (la première en haut), valeurs écrites au bout des barres."""
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(etiquettes) + 1.4))
    couleurs = [PRINCIPALE if i == surligner else GRIS for i in range(len(valeurs))] if surligner is not None else PRINCIPALE
    positions = list(range(len(valeurs)))[::-1]
    ax.barh(positions, valeurs, color=couleurs)
    ax.set_yticks(positions, [str(e) for e in etiquettes])
    for y, v in zip(positions, valeurs):
        ax.text(v, y, " " + format_valeur.format(v), va="center", fontsize=9)
    ax.set_title(titre)
    ax.set_xlabel(axe_x)
    if axe_y:
        ax.set_ylabel(axe_y)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    paires = ", ".join(f"{e} : {format_valeur.format(v)}" for e, v in zip(etiquettes, valeurs))
    alt = f"Graphique en barres horizontales « {titre} ». {axe_x} pour chaque élément, du haut vers le bas : {paires}."
    return fig, alt
