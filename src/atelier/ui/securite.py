"""Afficher sans risque : échapper le texte, remplacer les traces de pile par un message en français."""
from __future__ import annotations

import functools
import html
from typing import Callable

from atelier.erreurs import AtelierErreur
from atelier.ui import messages


def echapper(texte: object) -> str:
    """Le texte rendu inoffensif pour une page HTML : ``<script>`` s'affiche tel quel, sans s'exécuter."""
    return html.escape(str(texte), quote=True)


def protege(afficher_erreur: Callable[[str], None]) -> Callable:
    """Décorateur : si la fonction échoue, ``afficher_erreur(message)`` montre un message clair, sans trace.

    Les erreurs de l'atelier (données absentes, modèle indisponible…) montrent leur propre message ; toute
    autre erreur montre un message générique : la personne n'a jamais à lire du code.
    """
    def decorateur(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def enveloppe(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except AtelierErreur as exc:
                afficher_erreur(messages.ERREUR_ATELIER.format(detail=str(exc)))
            except Exception:  # noqa: BLE001 — un tableau de bord ne montre jamais de trace de pile
                afficher_erreur(messages.ERREUR_INATTENDUE)
            return None
        return enveloppe
    return decorateur
