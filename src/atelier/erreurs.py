"""Les erreurs de l'atelier : un message clair, en français, sans trace de pile de 40 lignes.

Dans Jupyter, IPython affiche ces erreurs par leur seul message (méthode ``_render_traceback_``) :
la personne lit ce qui ne va pas et quoi faire, pas le détail interne du code.
"""
from __future__ import annotations


class AtelierErreur(Exception):
    """Erreur de l'atelier dont le message s'adresse à la personne qui apprend."""

    def _render_traceback_(self) -> list[str]:  # appelé par IPython à la place de la trace de pile
        return [f"⚠️ {type(self).__name__} : {self}"]


class DonneesIndisponibles(AtelierErreur, FileNotFoundError):
    """Un fichier de ``datasets/`` manque ou ne peut pas être lu."""


class ModeleIndisponible(AtelierErreur, RuntimeError):
    """Le modèle de plongements demandé ne peut pas être chargé."""


class EntreeInvalide(AtelierErreur, ValueError):
    """Ce qui a été saisi ne peut pas être traité (vide, trop long, d'un mauvais type…)."""


def en_liste(valeur, message: str) -> list:
    """``valeur`` en liste : un texte seul devient ``[texte]`` ; ce qui ne se parcourt pas lève
    :class:`EntreeInvalide` avec ``message`` (en français, pour la personne qui a appelé)."""
    if isinstance(valeur, str):
        return [valeur]
    try:
        return list(valeur)
    except TypeError:
        raise EntreeInvalide(message) from None
