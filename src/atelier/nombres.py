"""Les nombres écrits à la française, en un seul endroit : virgule décimale, espace fine entre les milliers,
vrai signe moins (−) quand on l'écrit dans une phrase, « point(s) » accordé.

Module de base (aucune dépendance : ni numpy ni matplotlib) : les tableaux de bord l'importent sans charger de
quoi tracer une figure. ``atelier.figures.nombre_fr`` est le même :func:`nombre_fr`.
"""
from __future__ import annotations

#: Le vrai signe moins (U+2212), plus lisible que le trait d'union dans une phrase ou sur un axe.
MOINS = "\u2212"
#: L'espace fine insécable (U+202F) qui sépare les milliers : 13 120.
ESPACE_FINE = "\u202f"


def nombre_fr(valeur: float, decimales: int = 2) -> str:
    """Un nombre écrit à la française : virgule décimale, espace fine entre les milliers (0,87 ; 13 120).

    Un négatif garde le trait d'union (« -0,50 ») ; pour le vrai signe moins, :func:`nombre_signe`.
    """
    valeur = round(float(valeur), decimales)
    if valeur == 0:
        valeur = 0.0  # jamais « -0,00 »
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def nombre_signe(valeur: float, decimales: int = 2, plus: bool = False) -> str:
    """:func:`nombre_fr` avec le vrai signe moins (« −1,5 ») ; avec ``plus=True``, « + » devant un positif
    (« +0,42 », pour un écart)."""
    texte = nombre_fr(valeur, decimales).replace("-", MOINS)
    return ("+" if plus and float(valeur) > 0 else "") + texte


def points(valeur: float, decimales: int = 1, plus: bool = False) -> str:
    """Un écart en points, le mot accordé : « 0,8 point », « −1,5 point », « 2,0 points » (« +0,8 point » avec
    ``plus=True``)."""
    pluriel = abs(round(float(valeur), decimales)) >= 2
    return f"{nombre_signe(valeur, decimales, plus)} point{'s' if pluriel else ''}"


def nombre_court(valeur: float) -> str:
    """Le nombre le plus court qui le représente (format ``g``) : « 0,5 », « 12 », « −3 » (graduations d'un axe,
    réglages d'une carte)."""
    return f"{float(valeur):g}".replace(".", ",").replace("-", MOINS)
