"""Deux moteurs de recommandation de métiers sur les fiches ROME 4.0, à comparer et à expliquer.

Même entrée (un profil), même sortie (un ``DataFrame`` trié : ``code_rome``, ``intitule``, ``score``…) :

- **transparent** (``methode="transparent"``) : la personne choisit des compétences du ROME (une liste de
  libellés, voir :func:`chercher_competences`) et, si elle veut, des centres d'intérêt RIASEC. Chaque fiche
  reçoit un recouvrement pondéré : une compétence « principale » (cœur de métier) pèse ``POIDS_PRINCIPALE``,
  une autre 1. Chaque score se décompose en compétences détenues et manquantes (:func:`explain`).
- **sémantique** (``methode="semantique"``) : la personne se décrit en français libre (« j'aime bricoler, je suis
  patiente avec les enfants, j'ai mon permis B »). Le texte est coupé en morceaux (virgules, points, « et »),
  chaque morceau est encodé par e5 et comparé aux compétences principales (cœur de métier, 6 à 34 par
  fiche) de chaque fiche ; une fiche vaut la moyenne, sur les morceaux, de ses deux compétences principales
  les plus proches (80 %), plus la proximité avec son intitulé (20 %).

Ce qu'une personne écrit sur elle-même n'est jamais écrit sur le disque (encodage sans cache) ; les vecteurs de ses
morceaux restent seulement en mémoire vive, le temps du noyau (voir :func:`vecteurs_morceaux`).
"""
from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from atelier import classement, data, embeddings, vecteurs_livres
from atelier.erreurs import EntreeInvalide, en_liste
from atelier.libelles import sans_accents

METHODES = ("semantique", "transparent")
#: Poids d'une compétence « principale » (cœur de métier) face à une compétence ordinaire (1).
POIDS_PRINCIPALE = 2.0
#: Bonus (0–1, multiplié par le score) quand le code RIASEC majeur de la fiche fait partie des intérêts.
BONUS_INTERET = 0.15
#: Part de l'intitulé de la fiche dans le score sémantique (le reste : les compétences).
PART_INTITULE = 0.2
#: Seuil (similarité centrée) au-dessus duquel une compétence est dite « proche » de ce qui a été écrit.
SEUIL_PROCHE = 1.5
MAX_PROFIL = 2_000
MAX_MORCEAUX = 12
#: Nombre de morceaux de profil dont le vecteur reste en mémoire vive (jamais sur le disque), pour ne pas
#: ré-encoder ce qui ne change pas quand on compare deux versions d'un profil.
MEMOIRE_MORCEAUX = 2_048
RIASEC = {"R": "réaliste", "I": "investigateur", "A": "artistique", "S": "social", "E": "entreprenant",
          "C": "conventionnel"}

COLONNES = ["code_rome", "intitule", "score", "domaine_professionnel", "grand_domaine"]


@dataclass
class Moteur:
    """Ce qui est préparé une fois par noyau : fiches, liens fiche ↔ compétence, vecteurs."""

    fiches: pd.DataFrame              # une ligne par fiche, dans l'ordre des indices
    liens: pd.DataFrame               # liens triés par fiche : code_rome, code_ogr, principale, poids, i_fiche
    debut_fiche: np.ndarray           # (n_fiches,) position du premier lien de chaque fiche dans ``liens``
    coeur: pd.DataFrame               # les seuls liens « principale », triés par fiche (moteur sémantique)
    debut_coeur: np.ndarray           # (n_fiches,) position du premier lien principal de chaque fiche
    poids_total: np.ndarray           # (n_fiches,) somme des poids des compétences de chaque fiche
    libelles: pd.Series               # code_ogr → libellé
    par_libelle: dict[str, list[str]]  # libellé sans accents → code(s) ogr (5 libellés ont deux codes)


@dataclass
class Coeur:
    """Les liens « principaux » (cœur de métier) de chaque fiche et ce qu'en lit la part sémantique des moteurs.

    Assez léger pour que la recherche de métiers (``recherche.chercher``) s'en serve sans construire tout le moteur
    (liens ordinaires, libellés des 33 671 compétences : ≈ 15 Mo de moins dans le noyau d'un tableau de bord).
    """

    liens: pd.DataFrame      # liens principaux triés par fiche puis code : code_rome, code_ogr, …, i_fiche, poids
    debut: np.ndarray        # (n_fiches,) position du premier lien de chaque fiche
    ligne: np.ndarray        # (n_liens,) indice du vecteur de chaque compétence dans vecteurs_competences()
    libelles: dict[str, str]  # code_ogr → libellé, pour les seules compétences principales


@functools.lru_cache(maxsize=1)
def coeur_des_fiches() -> Coeur:
    """Les compétences principales de chaque fiche (:class:`Coeur`), lues une fois par noyau."""
    fiches = data.fiches()
    position = {c: i for i, c in enumerate(fiches["code_rome"])}
    liens = data.lire_sans_garder(data.FICHES_COMPETENCES)   # la recherche n'a besoin que des liens principaux
    liens = liens[liens["principale"]].copy()
    liens["i_fiche"] = liens["code_rome"].map(position)
    liens = liens.sort_values(["i_fiche", "code_ogr"], kind="stable").reset_index(drop=True)
    liens["poids"] = POIDS_PRINCIPALE
    debut = np.searchsorted(liens["i_fiche"].to_numpy(), np.arange(len(fiches)))
    codes, _ = vecteurs_livres.vecteurs_competences()
    rang = {c: i for i, c in enumerate(codes.tolist())}
    ligne = liens["code_ogr"].map(rang).to_numpy().astype(np.int64)
    gardes = set(liens["code_ogr"])
    comp = data.lire_sans_garder(data.COMPETENCES)
    libelles = {c: l for c, l in zip(comp["code_ogr"], comp["libelle"]) if c in gardes}
    return Coeur(liens, debut, ligne, libelles)


@functools.lru_cache(maxsize=1)
def moteur() -> Moteur:
    fiches = data.fiches().reset_index(drop=True)
    position = {c: i for i, c in enumerate(fiches["code_rome"])}
    liens = data.fiches_competences()
    liens["i_fiche"] = liens["code_rome"].map(position)
    liens = liens.sort_values(["i_fiche", "code_ogr"], kind="stable").reset_index(drop=True)
    liens["poids"] = np.where(liens["principale"], POIDS_PRINCIPALE, 1.0)
    debut = np.searchsorted(liens["i_fiche"].to_numpy(), np.arange(len(fiches)))
    poids_total = liens.groupby("i_fiche")["poids"].sum().reindex(range(len(fiches)), fill_value=0).to_numpy()
    coeur = coeur_des_fiches()
    comp = data.competences()
    libelles = comp.set_index("code_ogr")["libelle"]
    par_libelle: dict[str, list[str]] = {}
    for c, l in zip(comp["code_ogr"], comp["libelle"]):
        par_libelle.setdefault(sans_accents(l), []).append(c)
    return Moteur(fiches, liens, debut, coeur.liens, coeur.debut, poids_total, libelles, par_libelle)


# ---------------------------------------------------------------------------------------------- transparent

def chercher_competences(texte: str, k: int = 10) -> pd.DataFrame:
    """Les compétences du ROME dont le libellé contient ``texte`` (sans accents ni casse) : pour composer un profil."""
    cible = sans_accents(" ".join(str(texte).split()))
    if not cible:
        return pd.DataFrame(columns=["code_ogr", "libelle", "type", "n_fiches"])
    comp = data.competences()
    trouve = comp[comp["libelle"].map(sans_accents).str.contains(cible, regex=False)].copy()
    n_fiches = moteur().liens.groupby("code_ogr")["code_rome"].nunique()
    trouve["n_fiches"] = trouve["code_ogr"].map(n_fiches).fillna(0).astype(int)
    trouve = trouve[trouve["n_fiches"] > 0].sort_values(["n_fiches", "libelle"], ascending=[False, True])
    return trouve[["code_ogr", "libelle", "type", "n_fiches"]].head(k).reset_index(drop=True)


def _codes_competences(profil: list[str]) -> list[str]:
    m = moteur()
    codes, inconnues = [], []
    for element in profil:
        element = str(element).strip()
        if element in m.libelles.index:           # un code_ogr
            codes.append(element)
        elif sans_accents(" ".join(element.split())) in m.par_libelle:
            codes.extend(m.par_libelle[sans_accents(" ".join(element.split()))])
        elif element:
            inconnues.append(element)
    if inconnues:
        raise EntreeInvalide(
            "ces compétences ne sont pas dans le ROME : " + " ; ".join(f"« {i[:80]} »" for i in inconnues[:5])
            + ". Cherchez le libellé exact avec recommandation.chercher_competences('mot')."
        )
    return list(dict.fromkeys(codes))


def _scores_transparents(profil: list[str], interets: list[str] | None) -> tuple[np.ndarray, list[str]]:
    m = moteur()
    codes = set(_codes_competences(profil))
    if not codes:
        raise EntreeInvalide("le profil est vide : choisissez au moins une compétence.")
    detenu = m.liens["code_ogr"].isin(codes).to_numpy() * m.liens["poids"].to_numpy()
    gagne = np.add.reduceat(detenu, m.debut_fiche) if len(m.liens) else np.zeros(len(m.fiches))
    # recouvrement pondéré, symétrique (à la manière d'un cosinus) : poids des compétences de la fiche détenues,
    # divisé par la racine de (poids total de la fiche × taille du profil). Chaque compétence du profil compte
    # ici POIDS_PRINCIPALE : cela ne change pas le classement d'un profil, seulement l'échelle des scores.
    poids_profil = POIDS_PRINCIPALE * len(codes)
    scores = gagne / np.sqrt(np.maximum(m.poids_total, 1e-9) * poids_profil)
    if interets:
        lettres = {str(i).strip().upper()[:1] for i in interets} & set(RIASEC)
        scores = scores * (1 + BONUS_INTERET * m.fiches["riasec_majeur"].isin(lettres).to_numpy())
    return scores, sorted(codes)


# ------------------------------------------------------------------------------------------------ semantic

_COUPURE = re.compile(r"[.;,!?\n]+|\bet\b|\bmais\b|\bpuis\b", flags=re.IGNORECASE)


def morceaux(texte: str) -> list[str]:
    """Le profil libre coupé en idées courtes (« j'aime bricoler », « je suis patiente avec les enfants »…)."""
    texte = " ".join(str(texte).split())[:MAX_PROFIL]
    parts = [p.strip(" -–:'\"") for p in _COUPURE.split(texte)]
    parts = [p for p in parts if len(p) >= 3]
    return parts[:MAX_MORCEAUX] or ([texte] if texte.strip() else [])


@functools.lru_cache(maxsize=1)
def _semantique() -> tuple[np.ndarray, np.ndarray]:
    """Pour chaque lien principal, l'indice du vecteur de la compétence ; et les vecteurs des intitulés."""
    intitules = vecteurs_livres.vecteurs_pour(data.fiches()["intitule"].tolist())
    return coeur_des_fiches().ligne, intitules


def _centrer(s: np.ndarray, axis: int = -1) -> np.ndarray:
    return (s - s.mean(axis=axis, keepdims=True)) / np.maximum(s.std(axis=axis, keepdims=True), 1e-6)


def _morceaux_ou_erreur(texte: str) -> list[str]:
    parts = morceaux(texte)
    if not parts:
        raise EntreeInvalide("le profil est vide : décrivez-vous en quelques mots.")
    return parts


def _similarites_vecteurs(q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Similarités centrées (morceau × lien principal) et (morceau × fiche, intitulés) de vecteurs de morceaux."""
    ligne, intitules = _semantique()
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    return _centrer(q @ vecteurs.T)[:, ligne], _centrer(q @ intitules.T)


_MEMOIRE: OrderedDict[str, np.ndarray] = OrderedDict()


def vecteurs_morceaux(parts: list[str], cache: bool = False) -> np.ndarray:
    """Les vecteurs e5 (préfixe « query: ») des morceaux, en un seul lot pour ceux qui ne sont pas déjà connus.

    Les morceaux déjà encodés dans ce noyau sont gardés en mémoire vive (``MEMOIRE_MORCEAUX`` au plus, les plus
    anciens oubliés d'abord) : comparer « je suis maçon, j'ai mon permis B » et « je suis maçonne, j'ai mon
    permis B » n'encode que les deux premiers morceaux. Rien n'est écrit sur le disque, sauf ``cache=True``
    (réservé aux textes de l'atelier).
    """
    nouveaux = list(dict.fromkeys(p for p in parts if p not in _MEMOIRE))
    if nouveaux:
        for p, v in zip(nouveaux, embeddings.encode(nouveaux, prefixe="query", cache=cache)):
            _MEMOIRE[p] = v
    for p in parts:
        _MEMOIRE.move_to_end(p)
    while len(_MEMOIRE) > MEMOIRE_MORCEAUX:
        _MEMOIRE.popitem(last=False)
    return np.stack([_MEMOIRE[p] for p in parts])


def oublier_morceaux() -> None:
    """Vide la mémoire des morceaux déjà encodés (pour mesurer un encodage « à froid »)."""
    _MEMOIRE.clear()


def _similarites_profil(texte: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Morceaux du profil, similarités centrées (morceau × lien) et (morceau × fiche, intitulés)."""
    parts = _morceaux_ou_erreur(texte)
    return (parts, *_similarites_vecteurs(vecteurs_morceaux(parts)))


def _deux_meilleures(sims: np.ndarray, debuts: np.ndarray) -> np.ndarray:
    """Moyenne des deux plus grandes valeurs de chaque fiche (chaque fiche a au moins 6 compétences principales)."""
    premier = np.maximum.reduceat(sims, debuts, axis=1)
    tailles = np.diff(np.append(debuts, sims.shape[1]))
    sans_premier = np.where(sims == np.repeat(premier, tailles, axis=1), -np.inf, sims)
    second = np.maximum.reduceat(sans_premier, debuts, axis=1)
    return (premier + np.where(np.isfinite(second), second, premier)) / 2


def scores_depuis_vecteurs(q: np.ndarray) -> np.ndarray:
    """Le score sémantique de chaque fiche (ordre de ``data.fiches()``) pour des morceaux déjà encodés ``q``
    (``(n_morceaux, 384)``, préfixe « query: ») : ce que fait :func:`recommander` après le découpage et
    l'encodage ; le module 09 s'en sert pour chaque phrase d'une personne."""
    sims_comp, sims_titre = _similarites_vecteurs(q)
    meilleures = _deux_meilleures(sims_comp, coeur_des_fiches().debut)           # (n_morceaux, n_fiches)
    return (1 - PART_INTITULE) * meilleures.mean(axis=0) + PART_INTITULE * sims_titre.max(axis=0)


def scores_competences(q: np.ndarray) -> np.ndarray:
    """Pour un vecteur de texte ``q`` (``(384,)``, préfixe « query: ») : la part « compétences » du score
    sémantique de chaque fiche (moyenne de ses deux compétences principales les plus proches, similarités
    centrées), dans l'ordre de ``data.fiches()``. La recherche de métiers (``recherche.chercher``) s'en sert :
    les deux moteurs lisent les compétences de la même façon."""
    coeur = coeur_des_fiches()
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    sims = _centrer(np.asarray(q, np.float32).reshape(1, -1) @ vecteurs.T)[:, coeur.ligne]
    return _deux_meilleures(sims, coeur.debut)[0]


def competence_proche(q: np.ndarray, i_fiche: int) -> tuple[str, float]:
    """La compétence principale de la fiche ``i_fiche`` la plus proche du vecteur ``q``, et sa similarité cosinus
    (ex aequo : la première dans l'ordre des codes)."""
    coeur = coeur_des_fiches()
    _, vecteurs = vecteurs_livres.vecteurs_competences()
    debut = int(coeur.debut[i_fiche])
    fin = int(coeur.debut[i_fiche + 1]) if i_fiche + 1 < len(coeur.debut) else len(coeur.liens)
    sims = vecteurs[coeur.ligne[debut:fin]] @ np.asarray(q, np.float32).ravel()
    j = int(classement.premiers(sims, 1)[0])
    return coeur.libelles[coeur.liens["code_ogr"].iloc[debut + j]], float(sims[j])


def _scores_semantiques(texte: str) -> np.ndarray:
    return scores_depuis_vecteurs(vecteurs_morceaux(_morceaux_ou_erreur(texte)))


# ------------------------------------------------------------------------------------------------- public

def _verifier(profil, methode: str):
    if methode not in METHODES:
        raise EntreeInvalide(f"methode doit valoir 'semantique' ou 'transparent', pas {methode!r}.")
    if methode == "semantique" and not isinstance(profil, str):
        raise EntreeInvalide("le moteur sémantique attend un texte libre (str).")
    if methode == "transparent":
        profil = en_liste(profil, "le moteur transparent attend une liste de compétences du ROME.")
    return profil


def recommander(profil, k: int = 10, methode: str = "semantique", interets: list[str] | None = None) -> pd.DataFrame:
    """Les ``k`` fiches ROME les mieux notées pour ``profil``, la meilleure en premier.

    - ``methode="semantique"`` : ``profil`` est un texte libre en français ;
    - ``methode="transparent"`` : ``profil`` est une liste de libellés (ou codes) de compétences ROME ;
      ``interets`` (optionnel) : lettres RIASEC (``["S", "A"]``).

    Colonnes : ``code_rome``, ``intitule``, ``score``, ``domaine_professionnel``, ``grand_domaine``, ``rang``.
    Déterministe : même profil, même résultat.
    """
    profil = _verifier(profil, methode)
    if methode == "semantique":
        scores = _scores_semantiques(profil)
    else:
        scores, _ = _scores_transparents(profil, interets)
    return _classement(scores, k)


def recommander_plusieurs(profils: list[str], k: int = 10, cache: bool = False) -> list[pd.DataFrame]:
    """Méthode sémantique sur plusieurs textes, encodés **en un seul lot** (bien plus rapide qu'un par un).

    Résultats identiques à ``[recommend(p, k) for p in profils]``. ``cache=True`` garde les vecteurs sur le
    disque : seulement pour les textes de l'atelier (personas), jamais pour ce qu'écrit une personne.
    """
    decoupes = [_morceaux_ou_erreur(_verifier(p, "semantique")) for p in profils]
    uniques = list(dict.fromkeys(m for parts in decoupes for m in parts))
    vecteurs = dict(zip(uniques, embeddings.encode(uniques, prefixe="query", cache=cache))) if uniques else {}
    return [_classement(scores_depuis_vecteurs(np.stack([vecteurs[m] for m in parts])), k) for parts in decoupes]


def _classement(scores: np.ndarray, k: int) -> pd.DataFrame:
    m = moteur()
    try:
        k = max(0, min(int(k), len(scores)))
    except (TypeError, ValueError):
        raise EntreeInvalide(f"k doit être un nombre entier de résultats, pas {k!r}.") from None
    top = classement.premiers(scores, k)
    out = m.fiches.iloc[top][["code_rome", "intitule", "domaine_professionnel", "grand_domaine"]].copy()
    out.insert(2, "score", scores[top].astype(float))
    out["rang"] = np.arange(1, len(out) + 1)
    return out[COLONNES + ["rang"]].reset_index(drop=True)


def expliquer(profil, code_rome: str, methode: str = "semantique", k: int = 8) -> dict[str, pd.DataFrame]:
    """Pourquoi cette fiche ? ``{"detenues": …, "manquantes": …}``, deux tableaux de compétences.

    - transparent : les compétences du profil présentes dans la fiche, et celles de la fiche qui manquent
      (les « principales » d'abord) ;
    - sémantique : les compétences principales de la fiche proches de ce qui a été écrit (similarité centrée
      ≥ ``SEUIL_PROCHE``, avec le morceau de texte le plus proche), et les autres, les plus éloignées d'abord ;
      les deux tableaux sont disjoints.
    """
    profil = _verifier(profil, methode)
    m = moteur()
    i = m.fiches.index[m.fiches["code_rome"] == code_rome]
    if len(i) == 0:
        raise EntreeInvalide(f"la fiche « {str(code_rome)[:20]} » n'existe pas dans le ROME.")
    i = int(i[0])
    if methode == "transparent":
        debut = m.debut_fiche[i]
        fin = m.debut_fiche[i + 1] if i + 1 < len(m.debut_fiche) else len(m.liens)
        liens = m.liens.iloc[debut:fin].copy()
        liens["competence"] = liens["code_ogr"].map(m.libelles)
        codes = set(_codes_competences(profil))
        if not codes:
            raise EntreeInvalide("le profil est vide : choisissez au moins une compétence.")
        liens["detenue"] = liens["code_ogr"].isin(codes)
        detenues = liens[liens["detenue"]].sort_values(["principale", "competence"], ascending=[False, True])
        manquantes = liens[~liens["detenue"]].sort_values(["principale", "competence"], ascending=[False, True])
        cols = ["competence", "principale", "type"]
        return {"detenues": detenues[cols].reset_index(drop=True),
                "manquantes": manquantes[cols].head(k).reset_index(drop=True)}
    debut = m.debut_coeur[i]
    fin = m.debut_coeur[i + 1] if i + 1 < len(m.debut_coeur) else len(m.coeur)
    liens = m.coeur.iloc[debut:fin].copy()
    liens["competence"] = liens["code_ogr"].map(m.libelles)
    parts, sims_comp, _ = _similarites_profil(profil)
    bloc = sims_comp[:, debut:fin]
    liens["proximite"] = bloc.max(axis=0)
    liens["morceau_proche"] = [parts[j] for j in bloc.argmax(axis=0)]
    proche = liens["proximite"] >= SEUIL_PROCHE
    proches = liens[proche].sort_values(["proximite", "code_ogr"], ascending=[False, True])
    loin = liens[~proche].sort_values(["proximite", "code_ogr"])
    cols = ["competence", "principale", "proximite", "morceau_proche"]
    return {"detenues": proches[cols].head(k).reset_index(drop=True),
            "manquantes": loin[["competence", "principale", "proximite"]].head(k).reset_index(drop=True)}
