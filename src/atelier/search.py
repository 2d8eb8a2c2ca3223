"""Une barre de recherche de métiers qui pardonne les fautes, les synonymes et l'anglais.

Trois façons de chercher, pour les comparer dans la leçon 02, et leur combinaison (:func:`search_jobs`) :

- **exacte** (:func:`recherche_exacte`) : l'intitulé contient-il mot pour mot ce qui a été tapé ?
- **floue** (:func:`recherche_floue`) : ressemblance des lettres (bibliothèque rapidfuzz) ;
- **sémantique** (:func:`recherche_semantique`) : proximité des vecteurs e5 (le sens) ;
- **combinée** (:func:`search_jobs`) : le sens (e5), plus un indice lexical mot à mot qui corrige les fautes
  de frappe, plus les synonymes français et anglais d'ESCO comme passerelle (« nounou », « nurse »).

Chaque fonction renvoie un ``DataFrame`` trié, le meilleur en premier, avec au moins ``code_rome``,
``appellation`` et ``score``.

Rien de ce qui est tapé n'est écrit sur le disque ni gardé en mémoire après la recherche.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from scipy import sparse

from atelier import data, embeddings
from atelier.libelles import sans_accents

#: Longueur maximale prise en compte d'une recherche (au-delà, le texte est tronqué).
MAX_QUERY_CHARS = 200
#: Poids de l'indice lexical et de la passerelle ESCO dans le score combiné.
POIDS_LEXICAL = 0.12
POIDS_ESCO = 0.05
#: Similarité minimale (0–1) pour qu'un mot tapé soit rapproché d'un mot du vocabulaire.
SEUIL_MOT = 0.8

COLONNES = ["code_rome", "appellation", "score", "intitule_fiche", "domaine_professionnel", "grand_domaine",
            "code_ogr"]
_MOT = re.compile(r"[a-z0-9]+")
_MOTS_VIDES = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "et", "a", "au", "aux", "un", "une", "of",
               "the", "and", "in", "pour", "sur", "par", "avec"}


def _mots(texte: str) -> list[str]:
    return [m for m in _MOT.findall(sans_accents(texte)) if m not in _MOTS_VIDES]


def nettoyer_requete(requete: object) -> str:
    """Le texte à chercher : une chaîne sans espaces superflus, tronquée à ``MAX_QUERY_CHARS`` caractères."""
    if requete is None:
        return ""
    if not isinstance(requete, str):
        requete = str(requete)
    return " ".join(requete.split())[:MAX_QUERY_CHARS]


def _vide() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "score" else "string") for c in COLONNES})


@dataclass
class Index:
    """Tout ce qui est précalculé une fois par noyau pour chercher vite parmi les 13 120 appellations."""

    metiers: pd.DataFrame            # une ligne par appellation
    formes: list[str]                # textes distincts : appellation complète, forme masculine, féminine
    vecteurs: np.ndarray             # (n_formes, 384) float32
    forme_vers_metier: sparse.csr_matrix  # (n_formes, n_metiers) : quelle forme décrit quelle appellation
    vocabulaire: list[str]           # mots distincts des formes (sans accents)
    mot_vers_forme: sparse.csr_matrix     # (n_mots, n_formes) incidence pondérée par l'IDF
    idf: np.ndarray
    esco_vocabulaire: list[str]      # libellés ESCO (fr + en, sans accents)
    esco_vers_metier: sparse.csr_matrix   # (n_libelles_esco, n_metiers)


@functools.lru_cache(maxsize=1)
def index() -> Index:
    """Construit l'index de recherche (≈ 1 s, une seule fois par noyau) à partir des vecteurs livrés."""
    metiers = data.metiers()
    formes = list(dict.fromkeys(metiers["appellation"].tolist() + metiers["forme_masculine"].tolist()
                                + metiers["forme_feminine"].tolist()))
    position = {f: i for i, f in enumerate(formes)}
    rows, cols = [], []
    for j, col in enumerate(("appellation", "forme_masculine", "forme_feminine")):
        for i, texte in enumerate(metiers[col]):
            rows.append(position[texte]); cols.append(i)
    forme_vers_metier = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                                          shape=(len(formes), len(metiers)))
    forme_vers_metier.data[:] = 1.0
    vecteurs = data.vecteurs_pour(formes)

    # Indice lexical : chaque mot (sans accents) → les formes qui le contiennent, pondéré par sa rareté (IDF).
    mots_par_forme = [set(_mots(f)) for f in formes]
    vocabulaire = sorted(set().union(*mots_par_forme))
    pos_mot = {m: i for i, m in enumerate(vocabulaire)}
    r, c = [], []
    for i, mots in enumerate(mots_par_forme):
        for m in mots:
            r.append(pos_mot[m]); c.append(i)
    incidence = sparse.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=(len(vocabulaire), len(formes)))
    df_mots = np.asarray(incidence.sum(axis=1)).ravel()
    idf = np.log(len(formes) / df_mots).astype(np.float32) + 1.0

    esco_vocabulaire, esco_vers_metier = _passerelle_esco(metiers, formes, vecteurs, forme_vers_metier)
    return Index(metiers, formes, vecteurs, forme_vers_metier, vocabulaire, incidence, idf,
                 esco_vocabulaire, esco_vers_metier)


def _passerelle_esco(metiers, formes, vecteurs, forme_vers_metier):
    """Relie chaque libellé ESCO (français, anglais, synonymes) aux appellations ROME les plus proches.

    ESCO n'a pas de table officielle vers le ROME : on rapproche le libellé français préféré de chaque métier
    ESCO de l'appellation ROME la plus proche par le sens (vecteurs e5). Ses synonymes (« nounou »,
    « nurse »…) héritent de ce lien.
    """
    esco = data.esco_metiers()
    v_esco = data.vecteurs_pour(esco["libelle_fr"].tolist())
    sim = v_esco @ vecteurs.T                                   # (3007, n_formes)
    meilleure_forme = sim.argmax(axis=1)
    metier = np.asarray(forme_vers_metier[meilleure_forme].argmax(axis=1)).ravel()
    libelles: dict[str, set[int]] = {}
    for k, row in enumerate(esco.itertuples(index=False)):
        tous = [row.libelle_fr, row.libelle_en] + row.autres_libelles_fr.split(" | ") + row.autres_libelles_en.split(" | ")
        for lib in tous:
            for variante in lib.split("/"):
                cle = " ".join(_mots(variante))
                if len(cle) >= 3:
                    libelles.setdefault(cle, set()).add(int(metier[k]))
    vocab = sorted(libelles)
    r = [i for i, cle in enumerate(vocab) for _ in libelles[cle]]
    c = [m for cle in vocab for m in libelles[cle]]
    mat = sparse.csr_matrix((np.ones(len(r), np.float32), (r, c)), shape=(len(vocab), len(metiers)))
    mat.data[:] = 1.0
    return vocab, mat


def _scores_lexicaux(idx: Index, requete: str) -> np.ndarray:
    """Part (0–1) des mots tapés, pondérés par leur rareté, retrouvés (même mal écrits) dans chaque forme."""
    mots = list(dict.fromkeys(_mots(requete)))[:12]
    if not mots:
        return np.zeros(len(idx.formes), np.float32)
    total = np.zeros(len(idx.formes), np.float32)
    poids_total = 0.0
    for mot in mots:
        trouves = process.extract(mot, idx.vocabulaire, scorer=fuzz.ratio, limit=8,
                                  score_cutoff=SEUIL_MOT * 100)
        if len(mot) <= 3:   # mots très courts (sigles) : seulement l'égalité exacte
            trouves = [t for t in trouves if t[0] == mot]
        poids = max((idx.idf[i] for _, _, i in trouves), default=float(idx.idf.max()))
        poids_total += poids
        if not trouves:
            continue
        meilleur = np.zeros(len(idx.formes), np.float32)
        for _, sim, i in trouves:
            ligne = idx.mot_vers_forme.getrow(i)
            np.maximum.at(meilleur, ligne.indices, (sim / 100.0) * poids)
        total += meilleur
    return total / max(poids_total, 1e-6)


def _scores_esco(idx: Index, requete: str) -> np.ndarray:
    """1 pour les appellations reliées à un libellé ESCO (fr/en) qui ressemble fort à la requête, sinon 0."""
    cle = " ".join(_mots(requete))
    out = np.zeros(len(idx.metiers), np.float32)
    if len(cle) < 3:
        return out
    trouves = process.extract(cle, idx.esco_vocabulaire, scorer=fuzz.ratio, limit=5, score_cutoff=90)
    for _, sim, i in trouves:
        ligne = idx.esco_vers_metier.getrow(i)
        out[ligne.indices] = np.maximum(out[ligne.indices], sim / 100.0)
    return out


def _max_par_metier(idx: Index, scores_formes: np.ndarray) -> np.ndarray:
    """Le meilleur score des formes (complète, masculine, féminine) de chaque appellation."""
    m = idx.forme_vers_metier.multiply(scores_formes[:, None]).tocsc()
    return np.asarray(m.max(axis=0).todense()).ravel()


def _resultats(idx: Index, scores: np.ndarray, k: int) -> pd.DataFrame:
    k = max(0, min(int(k), len(scores)))
    if k == 0:
        return _vide()
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.lexsort((top, -scores[top]))]
    out = idx.metiers.iloc[top][["code_rome", "appellation", "intitule_fiche", "domaine_professionnel",
                                 "grand_domaine", "code_ogr"]].copy()
    out.insert(2, "score", scores[top].astype(float))
    return out[COLONNES].reset_index(drop=True)


def _scores_semantiques(idx: Index, requete: str) -> np.ndarray:
    q = embeddings.encode(requete, kind="query")[0]   # jamais mis en cache : c'est ce que la personne tape
    return _max_par_metier(idx, idx.vecteurs @ q)


def search_jobs(query: str, k: int = 10) -> pd.DataFrame:
    """Les ``k`` appellations ROME qui répondent le mieux à ``query``, la meilleure en premier.

    Score = similarité e5 (meilleure des formes masculine, féminine, complète)
    + ``POIDS_LEXICAL`` × part des mots tapés retrouvés, fautes de frappe comprises
    + ``POIDS_ESCO`` × ressemblance avec un libellé ESCO (synonymes français et anglais).

    Une requête vide renvoie un tableau vide ; tout autre texte (emoji, HTML, 10 000 caractères) renvoie des
    résultats, jamais une exception.
    """
    requete = nettoyer_requete(query)
    if not requete:
        return _vide()
    idx = index()
    scores = _scores_semantiques(idx, requete)
    scores = scores + POIDS_LEXICAL * _max_par_metier(idx, _scores_lexicaux(idx, requete))
    scores = scores + POIDS_ESCO * _scores_esco(idx, requete)
    return _resultats(idx, scores, k)


def recherche_semantique(query: str, k: int = 10) -> pd.DataFrame:
    """Seulement le sens : similarité cosinus e5 entre la requête et chaque appellation (meilleure forme)."""
    requete = nettoyer_requete(query)
    if not requete:
        return _vide()
    idx = index()
    return _resultats(idx, _scores_semantiques(idx, requete), k)


def recherche_floue(query: str, k: int = 10) -> pd.DataFrame:
    """Seulement les lettres : score WRatio de rapidfuzz (0–1) entre la requête et chaque forme, sans accents."""
    requete = nettoyer_requete(query)
    if not requete:
        return _vide()
    idx = index()
    choix = _formes_sans_accents()
    scores = process.cdist([sans_accents(requete)], choix, scorer=fuzz.WRatio, workers=1)[0] / 100.0
    return _resultats(idx, _max_par_metier(idx, scores.astype(np.float32)), k)


@functools.lru_cache(maxsize=1)
def _formes_sans_accents() -> list[str]:
    return [sans_accents(f) for f in index().formes]


def recherche_exacte(query: str, k: int = 10) -> pd.DataFrame:
    """Comme une recherche simple : les intitulés qui contiennent le texte tapé tel quel (sans la casse).

    Les plus courts d'abord (score = longueur de la requête / longueur de l'intitulé).
    """
    requete = nettoyer_requete(query)
    if not requete:
        return _vide()
    idx = index()
    cible = requete.casefold()
    scores = np.array([len(cible) / len(f) if cible in f.casefold() else 0.0 for f in idx.formes], np.float32)
    scores = _max_par_metier(idx, scores)
    res = _resultats(idx, scores, k)
    return res[res["score"] > 0].reset_index(drop=True)


METHODES = {
    "exacte": recherche_exacte,
    "floue": recherche_floue,
    "sémantique": recherche_semantique,
    "combinée": search_jobs,
}


def evaluer(requetes: pd.DataFrame, methodes: dict | None = None, k: int = 5) -> pd.DataFrame:
    """Pour chaque requête et chaque méthode : le rang (1 = premier) du premier bon code ROME, ou NaN.

    ``requetes`` a les colonnes ``requete``, ``type`` et ``codes_rome_attendus`` (codes séparés par « | »).
    """
    methodes = methodes or METHODES
    lignes = []
    for row in requetes.itertuples(index=False):
        attendus = set(str(row.codes_rome_attendus).split("|"))
        for nom, fn in methodes.items():
            res = fn(row.requete, k=k)
            rangs = [i + 1 for i, c in enumerate(res["code_rome"]) if c in attendus]
            lignes.append({"requete": row.requete, "type": row.type, "methode": nom,
                           "rang": rangs[0] if rangs else math.nan,
                           "premier": res["appellation"].iloc[0] if len(res) else ""})
    return pd.DataFrame(lignes)


def taux_de_reussite(evaluation: pd.DataFrame) -> pd.DataFrame:
    """Top-1 et top-5 par méthode et par type de requête (et « ensemble »), à partir de :func:`evaluer`."""
    ev = evaluation.assign(top1=evaluation["rang"].eq(1), top5=evaluation["rang"].le(5))
    par_type = ev.groupby(["methode", "type"])[["top1", "top5"]].mean()
    ensemble = ev.groupby("methode")[["top1", "top5"]].mean().assign(type="ensemble").set_index("type", append=True)
    return pd.concat([par_type, ensemble]).sort_index()
