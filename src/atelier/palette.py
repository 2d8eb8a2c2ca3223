"""Couleurs de l'atelier : la palette d'Okabe et Ito, lisible par les personnes daltoniennes.

Une seule source pour les couleurs : figures des notebooks, carte des métiers et tableaux de bord l'importent.
"""
from __future__ import annotations

#: Okabe & Ito (2008), « Color Universal Design » : 8 couleurs distinguables avec toutes les formes de daltonisme.
OKABE_ITO = {
    "orange": "#E69F00",
    "bleu_ciel": "#56B4E9",
    "vert": "#009E73",
    "jaune": "#F0E442",
    "bleu": "#0072B2",
    "vermillon": "#D55E00",
    "pourpre": "#CC79A7",
    "noir": "#000000",
}
SEQUENCE = [OKABE_ITO[c] for c in ("bleu", "orange", "vert", "vermillon", "pourpre", "bleu_ciel", "jaune", "noir")]
PRINCIPALE = OKABE_ITO["bleu"]
CONTRASTE = OKABE_ITO["vermillon"]
GRIS = "#999999"

#: Marqueurs qui doublent la couleur (l'information ne repose jamais sur la couleur seule).
MARQUEURS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def couleurs(n: int) -> list[str]:
    """``n`` couleurs de la palette (elle se répète au-delà de 8 ; doublez alors avec des marqueurs)."""
    return [SEQUENCE[i % len(SEQUENCE)] for i in range(n)]
