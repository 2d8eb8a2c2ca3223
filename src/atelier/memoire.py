"""Rendre au système la mémoire qu'un noyau a libérée.

Python garde pour lui la mémoire des objets temporaires (lecture d'une table, construction d'un index) : après
un gros calcul fait une seule fois, le noyau reste plus gros qu'il n'en a besoin. ``malloc_trim`` demande à la
bibliothèque C de la rendre au système ; appelée entre deux étapes d'une préparation, elle baisse aussi le pic.
"""
from __future__ import annotations

import ctypes
import gc


def rendre_memoire_liberee() -> None:
    """Ramasse les objets Python devenus inutiles et rend au système la mémoire libérée (glibc seulement ;
    ailleurs, rien). Ne change aucun résultat."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
