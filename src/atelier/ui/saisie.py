"""Saisie temporisée : on attend que la personne ait fini de taper avant de relancer le calcul."""
from __future__ import annotations

import asyncio
import functools
from typing import Callable


def temporiser(delai: float = 0.3) -> Callable:
    """Décorateur : la fonction n'est appelée que ``delai`` secondes après le dernier appel (*debounce*).

    Sans boucle asyncio active (un script, un test), ou avec ``delai <= 0``, l'appel est immédiat.
    """
    def decorateur(fn: Callable) -> Callable:
        tache: asyncio.Handle | None = None

        @functools.wraps(fn)
        def enveloppe(*args, **kwargs):
            nonlocal tache
            if delai <= 0:
                return fn(*args, **kwargs)
            try:
                boucle = asyncio.get_running_loop()
            except RuntimeError:
                boucle = None
            if boucle is None:
                try:
                    boucle = asyncio.get_event_loop()
                except RuntimeError:
                    boucle = None
            if boucle is None or not boucle.is_running():
                return fn(*args, **kwargs)
            if tache is not None:
                tache.cancel()
            tache = boucle.call_later(delai, lambda: fn(*args, **kwargs))
            return None
        return enveloppe
    return decorateur
