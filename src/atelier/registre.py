"""Le registre du parcours : la liste des modules de l'atelier, lue dans ``notebooks/parcours.toml`` et vérifiée.

Un seul fichier décrit les modules (numéro, titre, notebook, durée, tableaux de bord) ; le README, l'autodiagnostic
du module 08 et le kit d'animation le lisent par :func:`parcours`.

>>> from atelier import registre
>>> registre.parcours()[0].numero
'00'
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from atelier.erreurs import DonneesIndisponibles

#: La liste des modules de l'atelier, écrite une seule fois : ``notebooks/parcours.toml`` (lue par le README, par
#: l'autodiagnostic du module 08 et par le kit d'animation).
PARCOURS = Path(__file__).resolve().parents[2] / "notebooks" / "parcours.toml"
_CHAMPS_MODULE = {"numero": str, "titre": str, "fichier": str, "duree": int, "resume": str, "duree_variante": str,
                  "notions": str, "fiche_falc": bool, "tableau_de_bord": list}


@dataclass(frozen=True)
class Module:
    """Un module du parcours, tel que ``notebooks/parcours.toml`` le décrit (voir les champs en tête du fichier)."""

    numero: str
    titre: str
    fichier: str
    duree: int
    resume: str
    duree_variante: str = ""
    notions: str = ""
    fiche_falc: bool = False
    #: Ses tableaux de bord : (fichier dans ``notebooks/dashboards/``, sans ``.ipynb`` ; titre).
    tableaux_de_bord: tuple[tuple[str, str], ...] = ()

    @property
    def libelle(self) -> str:
        """Le titre et ses notions entre parenthèses : « Des mots aux nombres (plongements) »."""
        return f"{self.titre} ({self.notions})" if self.notions else self.titre


def _parcours_abime(raison: str) -> DonneesIndisponibles:
    return DonneesIndisponibles(f"le registre du parcours « notebooks/{PARCOURS.name} » {raison}. Ce fichier est écrit "
                                "à la main (ses champs sont décrits en tête) : corrigez-le, ou remettez la version "
                                "d'origine du dépôt.")


def _module(brut: dict, rang: int) -> Module:
    if not isinstance(brut, dict):
        raise _parcours_abime(f"est abîmé (module n° {rang + 1} mal écrit)")
    nom = str(brut.get("numero", f"n° {rang + 1}"))[:10]
    for cle, valeur in brut.items():
        if cle not in _CHAMPS_MODULE:
            raise _parcours_abime(f"est abîmé (module {nom} : champ inconnu « {str(cle)[:30]} »)")
        if not isinstance(valeur, _CHAMPS_MODULE[cle]) or (cle == "duree" and isinstance(valeur, bool)):
            raise _parcours_abime(f"est abîmé (module {nom} : « {cle} » mal écrit)")
    manquants = [c for c in ("numero", "titre", "fichier", "duree", "resume") if not brut.get(c)]
    if manquants:
        raise _parcours_abime(f"est abîmé (module {nom} : il manque {', '.join(manquants)})")
    if brut["numero"] != f"{rang:02d}" or not brut["fichier"].startswith(brut["numero"] + "_"):
        raise _parcours_abime(f"est abîmé (module {nom} : les numéros vont de 00 à la suite, dans l'ordre, et "
                              "chaque nom de fichier commence par son numéro)")
    tableaux = []
    for t in brut.get("tableau_de_bord", []):
        if not (isinstance(t, dict) and set(t) == {"fichier", "titre"} and all(isinstance(v, str) and v
                                                                              for v in t.values())):
            raise _parcours_abime(f"est abîmé (module {nom} : un tableau de bord sans « fichier » ou sans « titre »)")
        tableaux.append((t["fichier"], t["titre"]))
    champs = {c: v for c, v in brut.items() if c != "tableau_de_bord"}
    return Module(**champs, tableaux_de_bord=tuple(tableaux))


@functools.lru_cache(maxsize=None)
def parcours() -> tuple[Module, ...]:
    """Les modules du parcours, dans l'ordre (``notebooks/parcours.toml``, lu une fois par noyau et vérifié).

    >>> [m.numero for m in parcours()][:3]
    ['00', '01', '02']
    """
    if not PARCOURS.is_file():
        raise _parcours_abime("est introuvable")
    try:
        with PARCOURS.open("rb") as f:
            brut = tomllib.load(f)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _parcours_abime(f"est illisible ({type(exc).__name__})") from None
    modules = brut.get("module")
    if not isinstance(modules, list) or not modules:
        raise _parcours_abime("est abîmé (aucun [[module]])")
    return tuple(_module(m, rang) for rang, m in enumerate(modules))

