"""Garder les ``k`` meilleurs d'un classement, de la même façon sur toutes les machines.

Quand plusieurs scores sont **égaux** (une recherche exacte où dix intitulés ont le même score, une mesure de
ressemblance des lettres qui donne souvent 90), lequel garder ? ``np.argpartition`` répond « n'importe lequel » :
le choix dépend de l'algorithme de sélection, qui change avec les instructions du processeur (AVX2, AVX-512) et
la version de numpy. Un tri fait ensuite ne rend pas un élément que la sélection a déjà écarté. Une même leçon
montrait ainsi « Infirmière en Pratique Avancée » sur une machine et « Infirmière de bloc opératoire » sur une
autre.

Ici, la règle est écrite et la même partout : **le meilleur score d'abord ; à score égal, la clé de départage
(par exemple l'intitulé, dans l'ordre alphabétique) ; puis la position dans la table**. La sélection partielle
ne sert qu'à trouver la *valeur* du k-ième score (une valeur ne dépend pas de l'algorithme) ; tous les éléments
qui l'atteignent, ex aequo compris, sont ensuite triés par la règle.
"""
from __future__ import annotations

import numpy as np


def _scores(scores) -> np.ndarray:
    """Les scores en nombres décimaux (float32 reste float32 : pas de copie inutile), NaN remplacé par -inf."""
    s = np.asarray(scores)
    if s.dtype.kind != "f":
        s = s.astype(np.float64)
    return np.where(np.isnan(s), -np.inf, s) if np.isnan(s).any() else s   # un score absent passe en dernier


def _rangs(departage) -> np.ndarray:
    """Une clé quelconque (textes, nombres) transformée en rangs entiers, dans l'ordre croissant."""
    cle = np.asarray(departage)
    if cle.dtype.kind in "biuf":
        return cle
    _, rangs = np.unique(cle.astype(str), return_inverse=True)
    return rangs.reshape(cle.shape)


def ordonner(scores, departage=None) -> np.ndarray:
    """Tous les indices, du meilleur score au moins bon, ex aequo rangés par ``departage`` puis par position."""
    s = _scores(scores)
    cles = [np.arange(len(s))]
    if departage is not None:
        cles.append(_rangs(departage))
    cles.append(-s)
    return np.lexsort(cles)


def premiers(scores, k: int, departage=None) -> np.ndarray:
    """Les indices des ``k`` meilleurs scores, le meilleur en premier (voir l'aide du module).

    ``departage`` (facultatif, même longueur que ``scores``) range les ex aequo, dans l'ordre croissant ; à clé
    égale, ou sans clé, la position la plus petite passe devant. Un score NaN passe après tous les autres.
    Le résultat ne dépend ni de la machine ni de l'algorithme de sélection de numpy.
    """
    s = _scores(scores)
    n = len(s)
    k = max(0, min(int(k), n))
    if k == 0:
        return np.zeros(0, dtype=np.intp)
    if k < n:
        seuil = np.partition(s, n - k)[n - k]        # la valeur du k-ième score : la même quel que soit l'algorithme
        candidats = np.flatnonzero(s >= seuil)        # ex aequo compris
    else:
        candidats = np.arange(n)
    cle = None if departage is None else _rangs(np.asarray(departage)[candidats])   # les candidats seuls
    return candidats[ordonner(s[candidats], cle)[:k]]


def premiers_par_ligne(scores, k: int) -> np.ndarray:
    """Pour chaque ligne d'une matrice, les colonnes des ``k`` meilleurs scores, ex aequo rangés par colonne.

    Même règle que :func:`premiers` (sans clé de départage), calculée d'un bloc : ``(n_lignes, k)``.
    """
    s = _scores(scores)
    n_lignes, n = s.shape
    k = max(0, min(int(k), n))
    if k == 0:
        return np.zeros((n_lignes, 0), dtype=np.intp)
    seuils = np.partition(s, n - k, axis=1)[:, n - k:n - k + 1]
    masque = s >= seuils
    comptes = masque.sum(axis=1)
    out = np.empty((n_lignes, k), dtype=np.intp)
    nettes = comptes == k                             # le cas courant : aucun ex aequo à la frontière
    if nettes.any():
        colonnes = np.nonzero(masque[nettes])[1].reshape(-1, k)   # par ligne, colonnes croissantes
        valeurs = np.take_along_axis(s[nettes], colonnes, axis=1)
        ordre = np.lexsort((colonnes, -valeurs), axis=1)
        out[nettes] = np.take_along_axis(colonnes, ordre, axis=1)
    for i in np.flatnonzero(~nettes):
        out[i] = premiers(s[i], k)
    return out
