"""Comparer des plongements : similarité cosinus, voisins, scores centrés, paires prises au hasard.

Toutes les comparaisons se font avec les **intitulés distincts** du ROME 4.0 (les 13 120 appellations, dont
quelques-unes figurent deux fois sous le même libellé : on ne garde que la première). Un intitulé du ROME
reçoit son vecteur livré dans ``datasets/`` ; tout autre texte est calculé par :func:`atelier.embeddings.encode`
(préfixe ``query:``), sans rien écrire sur le disque.

Pourquoi des scores « centrés » ? Avec multilingual-e5-small, deux intitulés pris au hasard ont déjà une
similarité cosinus élevée : la valeur brute se lit mal. On la compare donc à la similarité moyenne du texte
avec tous les intitulés (:func:`scores_centres`), ou on regarde le rang (:func:`voisins`).

>>> from atelier import similarite
>>> similarite.voisins("Aide-soignant / Aide-soignante", k=3)["appellation"].tolist()  # doctest: +SKIP
['Aide-soignant / Aide-soignante à domicile', 'Aide-soignant / Aide-soignante en gériatrie', ...]
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from numbers import Integral
from typing import Sequence

import numpy as np
import pandas as pd

from atelier import classement, data, embeddings, vecteurs_livres
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide

#: Colonnes des intitulés reprises dans les résultats.
COLONNES_METIER = ["appellation", "code_rome", "intitule_fiche", "domaine_professionnel", "grand_domaine"]
_TAILLE_BLOC = 256   # lignes par bloc : 256 × 13 120 similarités ≈ 13 Mo à la fois


@dataclass(frozen=True)
class Catalogue:
    """Les intitulés distincts du ROME et leurs vecteurs (calculés une fois par noyau)."""

    metiers: pd.DataFrame      # une ligne par intitulé distinct, index 0..n-1
    vecteurs: np.ndarray       # (n, 384) float64, normés
    moyenne: np.ndarray        # (384,) vecteur moyen de tous les intitulés
    textes: dict               # intitulé -> position


@functools.lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """Les intitulés distincts (première occurrence de chaque libellé) et leurs vecteurs livrés."""
    m = data.metiers()
    garder = ~m["appellation"].duplicated(keep="first").to_numpy()
    # Les vecteurs livrés sont stockés en float16 ; on calcule en float64, renormés : les classements sont
    # ainsi les mêmes d'une machine à l'autre (pas d'ex æquo départagés par des erreurs d'arrondi).
    # Par blocs de lignes : ni copie float32 de toute la table ni normes temporaires de 40 Mo (mêmes nombres,
    # ligne par ligne) ; le tableau de bord « Des mots aux nombres » reste ainsi sous 250 Mo.
    lignes = np.flatnonzero(garder)
    source = vecteurs_livres.vecteurs_metiers()
    vecteurs = np.empty((len(lignes), source.shape[1]), dtype=np.float64)
    for debut in range(0, len(lignes), _TAILLE_BLOC):
        bloc = source[lignes[debut:debut + _TAILLE_BLOC]].astype(np.float64)
        bloc /= np.linalg.norm(bloc, axis=1, keepdims=True)
        vecteurs[debut:debut + _TAILLE_BLOC] = bloc
    vecteurs.setflags(write=False)
    metiers = m.loc[garder, COLONNES_METIER].reset_index(drop=True)
    moyenne = vecteurs.mean(axis=0)
    moyenne.setflags(write=False)
    textes = {t: i for i, t in enumerate(metiers["appellation"].tolist())}
    return Catalogue(metiers, vecteurs, moyenne, textes)


def nombre_intitules() -> int:
    """Combien d'intitulés distincts servent de référence aux comparaisons."""
    return len(catalogue().metiers)


# --------------------------------------------------------------------------------------------------------
# Un texte ou un vecteur → un vecteur normé
# --------------------------------------------------------------------------------------------------------

def _texte_propre(texte: str) -> str:
    if not isinstance(texte, str):
        raise EntreeInvalide(f"il faut un texte (str), pas {type(texte).__name__}.")
    propre = " ".join(texte.split())
    if not propre:
        raise EntreeInvalide("le texte est vide : écrivez un intitulé de métier ou une courte description.")
    return propre


def vecteur(texte_ou_vecteur: str | Sequence[float] | np.ndarray) -> np.ndarray:
    """Le vecteur normé (longueur 1, float64) d'un texte, ou un vecteur déjà calculé, vérifié et normé.

    Un intitulé du ROME (ou un autre texte livré dans ``datasets/``) reprend son vecteur livré ; tout autre
    texte est calculé par le modèle, sans cache disque (ce qu'une personne écrit n'est pas enregistré).
    """
    if isinstance(texte_ou_vecteur, str):
        texte = _texte_propre(texte_ou_vecteur)
        try:
            return _norme(vecteurs_livres.vecteurs_pour([texte])[0])
        except DonneesIndisponibles:
            return _norme(embeddings.encode([texte], prefixe="query", cache=False)[0])
    if isinstance(texte_ou_vecteur, (bytes, dict, set)) or texte_ou_vecteur is None:
        raise EntreeInvalide("il faut un texte (str) ou un vecteur de nombres.")
    try:
        v = np.asarray(texte_ou_vecteur, dtype=np.float64)
    except (TypeError, ValueError):
        raise EntreeInvalide("il faut un texte (str) ou un vecteur de nombres.") from None
    if v.ndim == 2 and v.shape[0] == 1:
        v = v[0]
    dim = catalogue().vecteurs.shape[1]
    if v.ndim != 1 or v.shape[0] != dim:
        raise EntreeInvalide(f"le vecteur doit contenir {dim} nombres (forme reçue : {v.shape}).")
    return _norme(v)


def _norme(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    if not np.all(np.isfinite(v)):
        raise EntreeInvalide("le vecteur contient des valeurs non numériques (nan ou infini).")
    n = float(np.linalg.norm(v))
    if n == 0.0:
        raise EntreeInvalide("le vecteur est nul : il n'a pas de direction, on ne peut pas le comparer.")
    return v / n


# --------------------------------------------------------------------------------------------------------
# Comparer deux vecteurs quelconques (y compris les exemples à deux dimensions faits à la main)
# --------------------------------------------------------------------------------------------------------

def _deux_vecteurs(a, b) -> tuple[np.ndarray, np.ndarray]:
    try:
        a = np.asarray(a, dtype=np.float64).ravel()
        b = np.asarray(b, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise EntreeInvalide("il faut deux listes de nombres.") from None
    if a.shape != b.shape or a.size == 0:
        raise EntreeInvalide(f"les deux vecteurs doivent avoir la même longueur (reçu {a.size} et {b.size}).")
    return a, b


def cosinus(a: Sequence[float], b: Sequence[float]) -> float:
    """Similarité cosinus de deux vecteurs : le cosinus de l'angle qu'ils font (1 = même direction).

    cos = (a · b) / (‖a‖ × ‖b‖) ; elle va de −1 (directions opposées) à 1, et vaut 0 à angle droit.
    """
    a, b = _deux_vecteurs(a, b)
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        raise EntreeInvalide("un vecteur nul n'a pas de direction : la similarité cosinus n'est pas définie.")
    return float(np.clip(a @ b / (na * nb), -1.0, 1.0))


def distance(a: Sequence[float], b: Sequence[float]) -> float:
    """Distance euclidienne (« à vol d'oiseau ») entre deux vecteurs."""
    a, b = _deux_vecteurs(a, b)
    return float(np.linalg.norm(a - b))


def angle_degres(a: Sequence[float], b: Sequence[float]) -> float:
    """L'angle entre deux vecteurs, en degrés (0° = même direction, 90° = à angle droit)."""
    return float(np.degrees(np.arccos(cosinus(a, b))))


# --------------------------------------------------------------------------------------------------------
# Un texte face à tous les intitulés
# --------------------------------------------------------------------------------------------------------

def similarites(texte_ou_vecteur) -> np.ndarray:
    """Similarité cosinus du texte avec chacun des intitulés distincts, dans l'ordre de :func:`catalogue`."""
    return catalogue().vecteurs @ vecteur(texte_ou_vecteur)


def scores_centres(texte_ou_vecteur, reduire: bool = False) -> np.ndarray:
    """Scores centrés du texte face à tous les intitulés : similarité moins sa moyenne sur tous les intitulés.

    Un score de 0 veut dire « aussi proche que la moyenne des intitulés » ; un score positif, « plus proche
    que la moyenne ». Avec ``reduire=True``, on divise en plus par l'écart-type (score z : le nombre
    d'écarts-types au-dessus de la moyenne). Le classement des voisins ne change pas ; ce qui change, c'est
    qu'on peut comparer les scores de deux textes différents, qui n'ont pas la même similarité moyenne.
    """
    s = similarites(texte_ou_vecteur)
    centres = s - s.mean()
    if reduire:
        ecart = s.std()
        centres = centres / ecart if ecart > 0 else centres
    return centres


def similarite_moyenne(texte_ou_vecteur) -> float:
    """La similarité moyenne du texte avec tous les intitulés distincts (ce que :func:`scores_centres` retire)."""
    return float(similarites(texte_ou_vecteur).mean())


def _verifier_k(k, nom: str = "k (le nombre de voisins)") -> int:
    if isinstance(k, bool) or not isinstance(k, Integral) or k < 1:
        raise EntreeInvalide(f"{nom} doit être un entier supérieur ou égal à 1, pas {k!r}.")
    return int(k)


def voisins(texte_ou_vecteur, k: int = 10, exclure_identique: bool = True) -> pd.DataFrame:
    """Les ``k`` intitulés du ROME les plus proches du texte (ou du vecteur), le plus proche en premier.

    Colonnes : ``rang``, ``appellation``, ``similarite`` (cosinus brut), ``score_centre`` (similarité moins la
    moyenne du texte sur tous les intitulés), puis la fiche et les domaines. Si le texte est lui-même un
    intitulé, il est écarté de la liste (``exclure_identique=False`` pour le garder).
    """
    k = _verifier_k(k)
    cat = catalogue()
    texte = _texte_propre(texte_ou_vecteur) if isinstance(texte_ou_vecteur, str) else None
    s = similarites(texte if texte is not None else texte_ou_vecteur)
    moyenne = float(s.mean())
    ordre = classement.ordonner(s)
    if exclure_identique and texte is not None and texte in cat.textes:
        ordre = ordre[ordre != cat.textes[texte]]
    ordre = ordre[:k]
    out = cat.metiers.iloc[ordre].reset_index(drop=True)
    out.insert(0, "rang", np.arange(1, len(out) + 1))
    out.insert(2, "similarite", s[ordre])
    out.insert(3, "score_centre", s[ordre] - moyenne)
    return out


def comparer(a: str, b: str) -> dict:
    """Deux textes face à face : leur similarité, le score centré de ``b`` vu depuis ``a``, et le rang de ``b``.

    Le rang est la place qu'occuperait ``b`` dans la liste des voisins de ``a`` parmi les intitulés distincts
    (1 = le plus proche ; ``a`` lui-même n'est pas compté).
    """
    a_txt, b_txt = _texte_propre(a), _texte_propre(b)
    va, vb = vecteur(a_txt), vecteur(b_txt)
    cat = catalogue()
    s = cat.vecteurs @ va
    sab = float(va @ vb)
    autres = np.ones(len(s), dtype=bool)
    for t in (a_txt, b_txt):
        if t in cat.textes:
            autres[cat.textes[t]] = False
    rang = int((s[autres] > sab).sum()) + 1
    return {"a": a_txt, "b": b_txt, "similarite": sab, "score_centre": sab - float(s.mean()),
            "rang": rang, "sur": int(autres.sum()) + 1}


def matrice_similarites(textes: Sequence[str], centrer: bool = False) -> pd.DataFrame:
    """Tableau carré des similarités cosinus entre les textes donnés (lignes et colonnes dans leur ordre).

    Avec ``centrer=True``, chaque case devient un score centré symétrique : la similarité moins la moyenne
    des « niveaux habituels » des deux textes (leur similarité moyenne avec tous les intitulés). C'est la
    moyenne des deux scores centrés, vu depuis chacun des deux textes ; 0 veut dire « comme d'habitude ».
    """
    if isinstance(textes, str):
        raise EntreeInvalide("il faut une liste de textes, pas un seul texte.")
    textes = [_texte_propre(t) if isinstance(t, str) else t for t in textes]
    if not textes:
        raise EntreeInvalide("la liste de textes est vide.")
    if not all(isinstance(t, str) for t in textes):
        raise EntreeInvalide("chaque élément de la liste doit être un texte (str).")
    v = np.stack([vecteur(t) for t in textes])
    m = np.clip(v @ v.T, -1.0, 1.0)
    if centrer:
        habituel = v @ catalogue().moyenne
        m = m - (habituel[:, None] + habituel[None, :]) / 2
    return pd.DataFrame(m, index=textes, columns=textes)


def plus_proches_dans(matrice: pd.DataFrame) -> pd.DataFrame:
    """Pour chaque ligne d'une :func:`matrice_similarites`, la colonne la plus proche (la diagonale exclue)."""
    valeurs = matrice.to_numpy(dtype=np.float64).copy()
    if valeurs.shape[0] < 2 or valeurs.shape[0] != valeurs.shape[1]:
        raise EntreeInvalide("il faut une matrice carrée d'au moins deux textes.")
    np.fill_diagonal(valeurs, -np.inf)
    j = valeurs.argmax(axis=1)
    return pd.DataFrame({"intitule": list(matrice.index), "plus_proche": [matrice.columns[x] for x in j],
                         "similarite": valeurs[np.arange(len(j)), j]})


# --------------------------------------------------------------------------------------------------------
# Ce que valent les nombres : paires au hasard, intitulés « passe-partout »
# --------------------------------------------------------------------------------------------------------

def similarites_aleatoires(n: int = 10_000, graine: int = 0) -> np.ndarray:
    """Similarités cosinus de ``n`` paires d'intitulés distincts tirées au hasard (reproductible : ``graine``).

    C'est la référence : « à quoi ressemble la similarité de deux métiers qui n'ont rien à voir, en général ? »
    """
    n = _verifier_k(n, "n (le nombre de paires)")
    v = catalogue().vecteurs
    rng = np.random.default_rng(graine)
    i = rng.integers(0, len(v), size=n)
    j = rng.integers(0, len(v) - 1, size=n)
    j = j + (j >= i)                      # j ≠ i : jamais un intitulé avec lui-même
    out = np.empty(n, dtype=np.float64)
    for debut in range(0, n, 1_000):           # par tranches : deux copies de 1 000 vecteurs ≈ 6 Mo à la fois
        fin = min(debut + 1_000, n)
        out[debut:fin] = np.einsum("ij,ij->i", v[i[debut:fin]], v[j[debut:fin]])
    return out


def resume(valeurs: Sequence[float]) -> dict:
    """Moyenne, 5e centile, médiane et 95e centile d'une série de valeurs (et leur nombre)."""
    x = np.asarray(valeurs, dtype=np.float64).ravel()
    if x.size == 0:
        raise EntreeInvalide("aucune valeur à résumer.")
    p5, p50, p95 = np.percentile(x, [5, 50, 95])
    return {"n": int(x.size), "moyenne": float(x.mean()), "p5": float(p5), "mediane": float(p50), "p95": float(p95)}


def moyennes_par_intitule() -> pd.DataFrame:
    """Pour chaque intitulé distinct, sa similarité moyenne avec tous les intitulés.

    Un intitulé à moyenne haute est « passe-partout » : le modèle le trouve un peu proche de tout.
    (Calcul exact et rapide : la moyenne des cosinus avec tous les vecteurs est le produit avec leur vecteur moyen.)
    """
    cat = catalogue()
    out = cat.metiers[["appellation", "grand_domaine"]].copy()
    out["similarite_moyenne"] = cat.vecteurs @ cat.moyenne
    return out


@functools.lru_cache(maxsize=1)
def _voisin_numero_un() -> tuple[np.ndarray, np.ndarray]:
    v = catalogue().vecteurs
    n = len(v)
    meilleur = np.empty(n, dtype=np.int64)
    valeur = np.empty(n, dtype=np.float64)
    for debut in range(0, n, _TAILLE_BLOC):
        fin = min(debut + _TAILLE_BLOC, n)
        s = v[debut:fin] @ v.T
        s[np.arange(fin - debut), np.arange(debut, fin)] = -np.inf
        meilleur[debut:fin] = s.argmax(axis=1)
        valeur[debut:fin] = s[np.arange(fin - debut), meilleur[debut:fin]]
    return meilleur, valeur


def seuil_hasard(centile: float = 99, n: int = 100_000, graine: int = 0) -> float:
    """La similarité que dépassent seulement ``100 - centile`` % des paires d'intitulés tirées au hasard."""
    if not 0 <= centile <= 100:
        raise EntreeInvalide(f"le centile doit être entre 0 et 100, pas {centile!r}.")
    return float(np.percentile(similarites_aleatoires(n, graine), centile))


def paires_trompeuses(n: int = 10, seuil: float | None = None) -> pd.DataFrame:
    """Des paires que le modèle juge très proches alors que les métiers sont différents : à vérifier à l'œil.

    Méthode : pour chaque intitulé, on prend son voisin n° 1 (le plus proche de tous) ; on garde les paires
    dont la similarité dépasse ``seuil`` (par défaut :func:`seuil_hasard` : plus proches que 99 % des paires
    tirées au hasard), dont les deux intitulés sont dans des **grands domaines différents** et sur des
    **fiches métiers différentes** ; puis on les trie de la paire dont les deux fiches (leurs intitulés de
    fiche) sont les moins semblables pour le modèle à la plus semblable. En haut de liste : des intitulés qui
    se ressemblent par les mots ou les lettres, pas par le métier. Le tri reste un indice : c'est une
    personne qui tranche.
    """
    n = _verifier_k(n, "n (le nombre de paires)")
    seuil = seuil_hasard() if seuil is None else float(seuil)
    cat = catalogue()
    meilleur, valeur = _voisin_numero_un()
    m = cat.metiers
    a = np.arange(len(m))
    gd = m["grand_domaine"].to_numpy(dtype=object)
    rome = m["code_rome"].to_numpy(dtype=object)
    garder = (gd[a] != gd[meilleur]) & (rome[a] != rome[meilleur]) & (valeur >= seuil)
    a, b, sim = a[garder], meilleur[garder], valeur[garder]
    # Une paire trouvée dans les deux sens n'apparaît qu'une fois.
    cle = np.minimum(a, b) * len(m) + np.maximum(a, b)
    _, premiers = np.unique(cle, return_index=True)
    a, b, sim = a[premiers], b[premiers], sim[premiers]
    fiches = m["intitule_fiche"].tolist()
    textes_fiches = list(dict.fromkeys(fiches))
    vecteurs_fiches = vecteurs_livres.vecteurs_pour(textes_fiches).astype(np.float64)
    vecteurs_fiches /= np.linalg.norm(vecteurs_fiches, axis=1, keepdims=True)
    vf = dict(zip(textes_fiches, vecteurs_fiches))
    sim_fiches = np.array([float(vf[fiches[x]] @ vf[fiches[y]]) for x, y in zip(a, b)])
    ordre = np.lexsort((a, -sim, sim_fiches))[:n]
    return pd.DataFrame({
        "intitule_a": m["appellation"].to_numpy(dtype=object)[a[ordre]],
        "intitule_b": m["appellation"].to_numpy(dtype=object)[b[ordre]],
        "similarite": sim[ordre],
        "fiche_a": [fiches[x] for x in a[ordre]],
        "fiche_b": [fiches[x] for x in b[ordre]],
        "similarite_fiches": sim_fiches[ordre],
        "grand_domaine_a": gd[a[ordre]],
        "grand_domaine_b": gd[b[ordre]],
    })
