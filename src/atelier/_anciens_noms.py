"""Les anciens noms (anglais) de l'API, gardés une version avec un avertissement.

Depuis décembre 2026, tout ce qu'une personne appelle dans l'atelier porte un nom français (voir le glossaire
de ``CONTRIBUTING.md``). Les anciens noms (``atelier.search``, ``search_jobs``, ``recommend``, ``seed=``…)
marchent encore pendant une version : chacun avertit **une fois** par noyau (``FutureWarning``, la catégorie
que Python affiche aux utilisatrices et utilisateurs, pas seulement aux développeurs), puis se tait.
"""
from __future__ import annotations

import functools
import importlib
import warnings
from typing import Callable

#: Les anciens noms déjà signalés dans ce processus (un avertissement par nom, pas à chaque appel).
_deja_signales: set[str] = set()


def avertir(ancien: str, nouveau: str) -> None:
    """Avertit une seule fois que ``ancien`` est remplacé par ``nouveau``."""
    if ancien in _deja_signales:
        return
    _deja_signales.add(ancien)
    warnings.warn(f"« {ancien} » est un ancien nom, remplacé par « {nouveau} » ; il disparaîtra dans la "
                  "prochaine version de l'atelier.", FutureWarning, stacklevel=3)


def parametres_renommes(fonction: Callable, nom: str, **correspondances: str) -> Callable:
    """``fonction`` qui accepte aussi les anciens noms de paramètres (``ancien="nouveau"``), avec avertissement."""

    @functools.wraps(fonction)
    def appel(*args, **kwargs):
        for ancien, nouveau in correspondances.items():
            if ancien in kwargs:
                avertir(f"{nom}({ancien}=…)", f"{nom}({nouveau}=…)")
                kwargs[nouveau] = kwargs.pop(ancien)
        return fonction(*args, **kwargs)

    return appel


def fonction_renommee(ancien: str, nouveau: str, fonction: Callable, **correspondances: str) -> Callable:
    """L'ancien nom d'une fonction : avertit, traduit les anciens paramètres, puis appelle la nouvelle."""
    traduite = parametres_renommes(fonction, nouveau, **correspondances)

    @functools.wraps(fonction)
    def appel(*args, **kwargs):
        avertir(ancien, nouveau)
        return traduite(*args, **kwargs)

    return appel


def module_renomme(ancien: str, nouveau: str, noms: dict[str, str] | None = None,
                   adaptes: dict[str, Callable] | None = None) -> Callable[[str], object]:
    """Le ``__getattr__`` d'un ancien module : avertit une fois, puis prête les attributs du nouveau module.

    ``noms`` : anciens noms d'attributs → nouveaux ; ``adaptes`` : anciens noms servis par une fonction
    d'adaptation écrite dans l'ancien module (paramètres ou valeurs renommés).
    """
    avertir(ancien, nouveau)
    cible = importlib.import_module(nouveau)
    noms, adaptes = dict(noms or {}), dict(adaptes or {})

    def __getattr__(attribut: str):
        if attribut in adaptes:
            return adaptes[attribut]
        if attribut in noms:
            avertir(f"{ancien}.{attribut}", f"{nouveau}.{noms[attribut]}")
            return getattr(cible, noms[attribut])
        try:
            return getattr(cible, attribut)
        except AttributeError:
            raise AttributeError(f"le module « {ancien} » (devenu « {nouveau} ») n'a pas d'attribut "
                                 f"« {attribut} »") from None

    return __getattr__
