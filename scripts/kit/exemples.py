"""Les exemples des leçons, lus dans les notebooks : le kit montre les mêmes listes que la leçon, sans les recopier.

Un exemple est une affectation d'une valeur écrite en toutes lettres dans une cellule de code du notebook
(``intitules = ["Boulanger / Boulangère", …]``) ; le notebook reste la seule source, et une personne qui lit la
leçon voit les valeurs là où elles servent. Si la leçon change l'exemple, la figure du kit change avec elle (à la
prochaine construction) ; si elle le calcule au lieu de l'écrire, la construction s'arrête en le disant.
"""
from __future__ import annotations

import ast
import functools
import json

from kit.reglages import NOTEBOOKS, ErreurSource


@functools.lru_cache(maxsize=None)
def _affectations(notebook: str) -> dict[str, list[ast.expr]]:
    """Pour chaque nom affecté au premier niveau d'une cellule de code du notebook, les valeurs qu'il reçoit."""
    chemin = NOTEBOOKS / f"{notebook}.ipynb"
    try:
        cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError) as exc:
        raise ErreurSource(f"notebook illisible : {chemin.name} ({type(exc).__name__}).") from None
    valeurs: dict[str, list[ast.expr]] = {}
    for cellule in cellules:
        if cellule.get("cell_type") != "code":
            continue
        try:
            arbre = ast.parse("".join(cellule.get("source", "")))
        except SyntaxError:            # une cellule « magique » (%…) : pas un exemple
            continue
        for noeud in arbre.body:
            if isinstance(noeud, ast.Assign):
                for cible in noeud.targets:
                    if isinstance(cible, ast.Name):
                        valeurs.setdefault(cible.id, []).append(noeud.value)
    return valeurs


def exemple(notebook: str, nom: str):
    """La valeur que le notebook ``notebooks/<notebook>.ipynb`` donne à ``nom`` (une seule affectation, une valeur
    écrite en toutes lettres : liste, dictionnaire, texte, nombres)."""
    valeurs = _affectations(notebook).get(nom, [])
    if len(valeurs) != 1:
        raise ErreurSource(f"{notebook}.ipynb : le kit lit l'exemple « {nom} », affecté {len(valeurs)} fois dans le "
                           "notebook (il en faut une) ; mettez à jour scripts/kit/figures.py.")
    try:
        return ast.literal_eval(valeurs[0])
    except ValueError:
        raise ErreurSource(f"{notebook}.ipynb : l'exemple « {nom} » n'est plus écrit en toutes lettres (liste, "
                           "dictionnaire, texte) ; le kit ne peut pas le lire, mettez à jour scripts/kit/figures.py."
                           ) from None
