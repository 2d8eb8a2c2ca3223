"""Une barre de recherche de métiers qui pardonne les fautes, les synonymes et l'anglais.

Trois façons de chercher, pour les comparer dans la leçon 02, et leur combinaison (:func:`chercher_metiers`) :

- **exacte** (:func:`recherche_exacte`) : l'intitulé contient-il mot pour mot ce qui a été tapé ?
- **floue** (:func:`recherche_floue`) : ressemblance des lettres (bibliothèque rapidfuzz) ;
- **sémantique** (:func:`recherche_semantique`) : proximité des vecteurs e5 (le sens) ;
- **combinée** (:func:`chercher_metiers`) : le sens (e5), plus un indice lexical mot à mot qui corrige les fautes
  de frappe, plus les synonymes français et anglais d'ESCO comme passerelle (« nounou », « nurse »).

Chaque fonction renvoie un ``DataFrame`` trié, le meilleur en premier, avec au moins ``code_rome``,
``appellation`` et ``score``.

Rien de ce qui est tapé n'est écrit sur le disque ni gardé en mémoire après la recherche.
"""
from __future__ import annotations

import array
import bisect
import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from atelier import classement, data, embeddings, memoire, recommandation, reecriture, vecteurs_livres
from atelier.libelles import sans_accents

#: Longueur maximale prise en compte d'une recherche (au-delà, le texte est tronqué).
MAX_CARACTERES_REQUETE = 200
#: Poids de l'indice lexical dans le score combiné (en écarts-types de la similarité e5).
POIDS_LEXICAL = 1.5
#: Confiance dans les passerelles : synonyme de l'atelier 1 ; libellé ESCO préféré ; autre libellé ESCO.
CONFIANCE_ESCO_PREFERE = 0.99
CONFIANCE_ESCO_AUTRE = 0.98
#: Similarité minimale (0–1) pour qu'un mot tapé soit rapproché d'un mot du vocabulaire.
SEUIL_MOT = 0.8
#: Une ressemblance partielle compte moins qu'une égalité : crédit = ressemblance ** EXPOSANT_RESSEMBLANCE.
EXPOSANT_RESSEMBLANCE = 4.0
#: Petit avantage (en écarts-types) à l'intitulé principal d'une fiche, plus courant que ses synonymes.
BONUS_PRINCIPALE = 0.3

#: Le score combiné dit en mots : (seuil minimal, libellé). Calibré sur les requêtes étiquetées : le premier
#: résultat d'une requête bien comprise dépasse presque toujours 7 ; un texte sans rapport reste sous 5.
NIVEAUX_SCORE = [(9.0, "très proche"), (6.5, "proche"), (5.0, "assez proche"), (float("-inf"), "lointain")]
SEUIL_PERTINENT = 5.0
#: Sous ce score, le premier résultat de :func:`chercher` ne ressemble vraiment à rien (mesuré : 90 % des requêtes
#: profanes étiquetées donnent au moins 4,7 ; du bruit, « qsdfgh jklm », « 12345 », « la la la », 3 à 4,5 ; un
#: mot courant sans métier, « azerty », « table chaise », peut dépasser 6 : le seuil ne repère que le bruit).
SEUIL_FICHE_PERTINENTE = 4.5

COLONNES = ["code_rome", "appellation", "score", "intitule_fiche", "domaine_professionnel", "grand_domaine",
            "code_ogr"]
#: Poids des quatre indices de :func:`chercher` (chacun en écarts-types au-dessus de la moyenne des 1 584 fiches).
#: Une **fusion calibrée** : ils maximisent la vraisemblance des fiches acceptées (régression logistique
#: conditionnelle, un *softmax* sur les fiches de chaque requête) sur le jeu de développement
#: ``requetes_profanes.csv`` et le jeu des titres ``requetes_recherche.csv`` ; le jeu de validation, écrit à
#: l'aveugle, n'y a pas servi. ``benchmarks/bench_fusion.py`` les recalcule (arrondis au centième, titre = 1).
#: Ils remplacent les poids choisis à la main (1 ; 0,3 ; 0,3 ; 0,3), dont ils sont proches.
POIDS = {"titre": 1.0, "definition": 0.38, "competences": 0.18, "esco": 0.29}
COLONNES_FICHES = ["code_rome", "intitule", "score", "appellation", "part_titre", "part_definition",
                   "part_competences", "part_esco", "origine", "competence", "metier_esco", "raison",
                   "domaine_professionnel", "grand_domaine"]
_MOT = re.compile(r"[a-z0-9]+")
_MOTS_VIDES = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "et", "a", "au", "aux", "un", "une", "of",
               "the", "and", "in", "pour", "sur", "par", "avec"}


def _mots(texte: str) -> list[str]:
    return [m for m in _MOT.findall(sans_accents(texte)) if m not in _MOTS_VIDES]


def nettoyer_requete(requete: object) -> str:
    """Le texte à chercher : une chaîne sans espaces superflus, tronquée à ``MAX_CARACTERES_REQUETE`` caractères."""
    if requete is None:
        return ""
    if not isinstance(requete, str):
        requete = str(requete)
    return " ".join(requete.split())[:MAX_CARACTERES_REQUETE]


def _vide() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "score" else "string") for c in COLONNES})


@dataclass(frozen=True)
class _Creux:
    """Une table creuse ligne → colonnes (le format CSR, sans valeurs) : les colonnes de la ligne ``i`` sont
    ``indices[indptr[i]:indptr[i + 1]]``, dans l'ordre croissant. numpy seul : scipy.sparse coûtait ≈ 12 Mo à
    chaque noyau qui cherche (tableau de bord « Recherche de métiers »)."""

    indptr: np.ndarray
    indices: np.ndarray

    @classmethod
    def depuis_paires(cls, lignes: np.ndarray, colonnes: np.ndarray, n_lignes: int) -> "_Creux":
        ordre = np.lexsort((colonnes, lignes))
        indptr = np.concatenate([[0], np.cumsum(np.bincount(lignes, minlength=n_lignes))]).astype(np.int64)
        return cls(indptr, colonnes[ordre].astype(np.int32))


@dataclass
class Index:
    """Tout ce qui est précalculé une fois par noyau pour chercher vite parmi les 13 120 appellations."""

    metiers: pd.DataFrame            # une ligne par appellation
    formes: list[str]                # textes distincts : appellation complète, forme masculine, féminine
    vecteurs: np.ndarray             # (n_formes, 384) float32, lecture seule, partagé entre noyaux
    formes_du_metier: np.ndarray     # (n_metiers, 3) : indices des trois formes de chaque appellation
    vocabulaire: list[str]           # mots distincts des formes (sans accents)
    mot_vers_forme: _Creux                # (n_mots, n_formes) incidence : les formes de chaque mot
    idf: np.ndarray                  # rareté de chaque mot du vocabulaire
    idf_forme: np.ndarray            # somme des raretés des mots de chaque forme
    bonus: np.ndarray                # (n_metiers,) : BONUS_PRINCIPALE pour l'intitulé principal d'une fiche
    passerelles: list[str]           # libellés ESCO (fr, en, synonymes) et synonymes familiers, sans accents
    passerelle_cibles: _Creux             # (n_libellés, n_cibles) : les cibles de chaque libellé
    table: np.ndarray                # tous les vecteurs livrés (vecteurs_livres.table_vecteurs, lecture seule)
    lignes_cibles: np.ndarray        # (n_cibles,) ligne dans ``table`` des libellés visés par les passerelles
    poids_cible: np.ndarray          # confiance de chaque cible (1 : synonyme écrit à la main ; < 1 : ESCO)
    passerelles_par_taille: list[str]     # les mêmes libellés, du plus court au plus long
    ordre_par_taille: np.ndarray          # position de chacun dans ``passerelles``
    debut_taille: np.ndarray              # debut_taille[n] : premier libellé de ``n`` caractères ou plus
    colonnes: dict[str, np.ndarray]  # colonnes des résultats, prêtes à indexer


@functools.lru_cache(maxsize=1)
def index() -> Index:
    """Construit l'index de recherche (≈ 2 s, une seule fois par noyau) à partir des vecteurs livrés.

    ``index.cache_clear()`` ne refait que les passerelles (le lexique de synonymes, que la leçon 02 modifie en
    mémoire) : les formes, leurs vecteurs et l'indice lexical n'en dépendent pas et restent ceux de
    :func:`_base` (les reconstruire coûtait ≈ 70 Mo de plus au noyau à chaque modification du lexique).
    """
    passerelles, passerelle_cibles, lignes_cibles, poids_cible = _passerelles()
    longueurs = np.array([len(libelle) for libelle in passerelles])
    ordre = np.argsort(longueurs, kind="stable")
    par_taille = [passerelles[i] for i in ordre]
    debut_taille = np.searchsorted(longueurs[ordre], np.arange(longueurs.max() + 2))
    return Index(**_base(), passerelles=passerelles, passerelle_cibles=passerelle_cibles,
                 table=vecteurs_livres.table_vecteurs(), lignes_cibles=lignes_cibles, poids_cible=poids_cible,
                 passerelles_par_taille=par_taille, ordre_par_taille=ordre, debut_taille=debut_taille)


@functools.lru_cache(maxsize=1)
def _base() -> dict:
    """Ce qui ne dépend que des intitulés : formes, vecteurs, indice lexical, bonus, colonnes des résultats."""
    metiers = data.metiers()
    colonnes = ("appellation", "forme_masculine", "forme_feminine")
    formes = list(dict.fromkeys(t for col in colonnes for t in metiers[col]))
    position = {f: i for i, f in enumerate(formes)}
    formes_du_metier = np.array([[position[t] for t in metiers[col]] for col in colonnes], dtype=np.int64).T
    vecteurs = vecteurs_livres.vecteurs_partages(formes)   # projeté depuis le cache : une copie par machine

    # Indice lexical : chaque mot (sans accents) → les formes qui le contiennent, pondéré par sa rareté (IDF).
    # Les paires (mot, forme) vont dans des tableaux compacts, sans liste d'ensembles intermédiaire : ces
    # ≈ 25 Mo d'objets Python temporaires restaient au noyau (mémoire fragmentée, jamais rendue au système).
    r, c, pos_mot = _paires_mots_formes(formes)
    vocabulaire = sorted(pos_mot)
    rang = np.empty(len(vocabulaire), np.int64)   # numéro d'apparition → place dans l'ordre alphabétique
    rang[[pos_mot[m] for m in vocabulaire]] = np.arange(len(vocabulaire))
    r = rang[r]
    incidence = _Creux.depuis_paires(r, c, len(vocabulaire))
    df_mots = np.bincount(r, minlength=len(vocabulaire))
    idf = np.log(len(formes) / df_mots).astype(np.float32) + 1.0

    idf_forme = np.maximum(np.bincount(c, weights=idf[r], minlength=len(formes)), 1e-6).astype(np.float32)
    bonus = np.where(metiers["classification"].eq("principale"), BONUS_PRINCIPALE, 0.0).astype(np.float32)

    colonnes_resultats = {c: metiers[c].to_numpy() for c in COLONNES if c != "score"}
    return dict(metiers=metiers, formes=formes, vecteurs=vecteurs, formes_du_metier=formes_du_metier,
                vocabulaire=vocabulaire, mot_vers_forme=incidence, idf=idf, idf_forme=idf_forme, bonus=bonus,
                colonnes=colonnes_resultats)


def _paires_mots_formes(formes: list[str]) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """Les paires (mot, forme) : ``r[j]`` est le numéro (ordre d'apparition) d'un mot de la forme ``c[j]``, chaque
    mot une fois par forme ; et le numéro de chaque mot."""
    pos_mot: dict[str, int] = {}
    r, c = array.array("q"), array.array("q")
    for i, forme in enumerate(formes):
        for mot in dict.fromkeys(_mots(forme)):
            r.append(pos_mot.setdefault(mot, len(pos_mot)))
            c.append(i)
    return np.frombuffer(r, np.int64).copy(), np.frombuffer(c, np.int64).copy(), pos_mot


def _passerelles():
    """Les mots qui ne sont pas dans le ROME mais qu'on sait relier à un intitulé français.

    - les synonymes écrits pour l'atelier (``datasets/synonymes_metiers.csv`` : mots familiers, sigles, anglais)
      mènent à une appellation ROME ;
    - les libellés ESCO (français, anglais et leurs synonymes : « nurse », « nanny », « forklift driver »…)
      mènent au libellé français préféré du métier ESCO (« aide-soignant/aide-soignante »), dont le vecteur
      sert alors de requête. ESCO n'a pas de table officielle vers le ROME : c'est le sens qui fait le lien.
    """
    cibles_textes: list[str] = []
    poids: list[float] = []
    par_libelle: dict[str, set[int]] = {}

    def ajouter(libelle: str, cible: str, confiance: float) -> None:
        for variante in libelle.split("/"):
            cle = " ".join(_mots(variante))
            if len(cle) >= 2:
                if (cible, confiance) not in position:
                    position[(cible, confiance)] = len(cibles_textes)
                    cibles_textes.append(cible)
                    poids.append(confiance)
                par_libelle.setdefault(cle, set()).add(position[(cible, confiance)])

    position: dict[tuple[str, float], int] = {}
    for row in data.synonymes().itertuples(index=False):
        ajouter(row.terme, row.appellation_rome, 1.0)
    for row in data.lire_sans_garder(data.ESCO).itertuples(index=False):   # sans garder la table (≈ 3 Mo)
        for libelle in (row.libelle_fr, row.libelle_en):
            ajouter(libelle, row.libelle_fr, CONFIANCE_ESCO_PREFERE)
        for libelle in (row.autres_libelles_fr.split(" | ") + row.autres_libelles_en.split(" | ")):
            if libelle:
                ajouter(libelle, row.libelle_fr, CONFIANCE_ESCO_AUTRE)
    vocab = sorted(par_libelle)
    # une matrice creuse plutôt que 43 000 petits tableaux numpy (≈ 10 Mo de moins par noyau)
    lignes = [i for i, v in enumerate(vocab) for _ in par_libelle[v]]
    colonnes = [c for v in vocab for c in sorted(par_libelle[v])]
    vers_cibles = _Creux.depuis_paires(np.asarray(lignes, np.int64), np.asarray(colonnes, np.int64), len(vocab))
    return vocab, vers_cibles, vecteurs_livres.lignes_textes(cibles_textes), np.array(poids, np.float32)


def _scores_lexicaux(idx: Index, requete: str, exact: bool = False) -> np.ndarray:
    """Recouvrement mot à mot (0–1) entre la requête et chaque forme, fautes de frappe comprises.

    Chaque mot tapé est rapproché des mots du vocabulaire qui lui ressemblent (rapidfuzz, ≥ ``SEUIL_MOT``),
    pondéré par sa rareté (IDF). Le score mêle la part de la requête retrouvée dans la forme (¾) et la part de
    la forme couverte par la requête (¼) : à égalité, l'intitulé le plus proche de ce qui a été tapé gagne.
    Avec ``exact=True``, seuls les mots identiques comptent.
    """
    mots = list(dict.fromkeys(_mots(requete)))
    mots = mots[:12]   # au plus 12 mots comparés (une requête est tronquée à 200 caractères)
    trouve = np.zeros(len(idx.formes), np.float32)
    if not mots:
        return trouve
    poids_requete = 0.0
    for mot in mots:
        if exact or len(mot) <= 3:   # sigles et mots très courts : seulement l'égalité exacte
            i = _position(idx.vocabulaire, mot)
            candidats = [] if i is None else [(mot, 100.0, i)]
        else:
            candidats = process.extract(mot, idx.vocabulaire, scorer=fuzz.ratio, limit=8,
                                        score_cutoff=SEUIL_MOT * 100)
        poids_requete += max((idx.idf[i] for _, _, i in candidats), default=float(idx.idf.max()))
        meilleur = np.zeros(len(idx.formes), np.float32)
        for _, sim, i in candidats:
            debut, fin = idx.mot_vers_forme.indptr[i], idx.mot_vers_forme.indptr[i + 1]
            cols = idx.mot_vers_forme.indices[debut:fin]
            meilleur[cols] = np.maximum(meilleur[cols], (sim / 100.0) ** EXPOSANT_RESSEMBLANCE * idx.idf[i])
        trouve += meilleur
    couverture_requete = np.minimum(trouve / max(poids_requete, 1e-6), 1.0)
    couverture_forme = np.minimum(trouve / idx.idf_forme, 1.0)
    return 0.75 * couverture_requete + 0.25 * couverture_forme


def _cibles_passerelles(idx: Index, requete: str) -> tuple[np.ndarray, np.ndarray, bool]:
    """Les libellés français atteints par une passerelle (indices dans ``idx.cibles``, vides s'il n'y en a pas),
    leur poids (ressemblance × confiance), et si la requête est exactement un libellé connu."""
    aucune = np.zeros(0, np.int64), np.zeros(0, np.float32), False
    cle = " ".join(_mots(requete))
    if len(cle) < 2:
        return aucune
    exact = _position(idx.passerelles, cle)
    if exact is not None:
        trouves = [(100.0, exact)]
    elif len(cle) <= 4:   # sigles et mots très courts : égalité exacte seulement
        trouves = []
    else:
        # une ressemblance ≥ 90 % n'est possible qu'entre textes de longueurs voisines : on ne compare qu'eux,
        # une tranche de la liste triée par longueur
        fin_max = len(idx.debut_taille) - 1
        debut = int(idx.debut_taille[min(int(len(cle) * 0.8), fin_max)])
        fin = int(idx.debut_taille[min(int(len(cle) * 1.25) + 1, fin_max)])
        trouves = [(sim, int(idx.ordre_par_taille[debut + j])) for _, sim, j in process.extract(
            cle, idx.passerelles_par_taille[debut:fin], scorer=fuzz.ratio, limit=5, score_cutoff=90)]
    if not trouves:
        return aucune
    cibles: dict[int, float] = {}
    for sim, i in trouves:
        for c in idx.passerelle_cibles.indices[idx.passerelle_cibles.indptr[i]:idx.passerelle_cibles.indptr[i + 1]]:
            cibles[int(c)] = max(cibles.get(int(c), 0.0), sim / 100.0 * idx.poids_cible[c])
    return (np.fromiter(cibles, dtype=np.int64), np.fromiter(cibles.values(), dtype=np.float32),
            any(sim == 100.0 for sim, _ in trouves))


def _sens(idx: Index, requete: str, q: np.ndarray | None = None,
          brute: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None, bool]:
    """Similarités e5 brutes de la requête avec chaque forme ; celles des libellés atteints par une passerelle
    (la meilleure, pondérée ; None s'il n'y en a pas) ; et si la requête est exactement un libellé connu.

    ``q`` : le vecteur de la requête s'il est déjà calculé (``(1, 384)``) ; ``brute`` : ses similarités avec les
    formes si elles le sont aussi (une seconde lecture du même vecteur, dans :func:`chercher`). Un seul produit
    matriciel pour la requête et ses passerelles : lire la matrice des 34 852 formes (53 Mo) coûte plus que le
    calcul.
    """
    ids, poids, exact = _cibles_passerelles(idx, requete)
    if brute is not None:
        if not len(ids):
            return brute, None, exact
        return brute, ((idx.vecteurs @ idx.table[idx.lignes_cibles[ids]].T) * poids).max(axis=1), exact
    if q is None:
        q = embeddings.encode(requete, prefixe="query")   # jamais mis en cache : c'est ce que la personne tape
    if not len(ids):
        return idx.vecteurs @ q[0], None, exact
    s = idx.vecteurs @ np.vstack([q, idx.table[idx.lignes_cibles[ids]]]).T
    return s[:, 0], (s[:, 1:] * poids).max(axis=1), exact


def _position(liste: list[str], cle: str) -> int | None:
    """Position de ``cle`` dans la liste triée ``liste``, ou None."""
    i = bisect.bisect_left(liste, cle)
    return i if i < len(liste) and liste[i] == cle else None


def _max_par_metier(idx: Index, scores_formes: np.ndarray) -> np.ndarray:
    """Le meilleur score des formes (complète, masculine, féminine) de chaque appellation."""
    return scores_formes[idx.formes_du_metier].max(axis=1)


def _resultats(idx: Index, scores: np.ndarray, k: int) -> pd.DataFrame:
    k = max(0, min(int(k), len(scores)))
    if k == 0:
        return _vide()
    top = classement.premiers(scores, k, departage=idx.colonnes["appellation"])   # ex aequo : ordre alphabétique
    return pd.DataFrame({c: (scores[top].astype(float) if c == "score" else idx.colonnes[c][top]) for c in COLONNES})


def _similarites(idx: Index, requete: str) -> np.ndarray:
    """Similarités e5 brutes de la requête seule (sans passerelles) avec chaque forme."""
    q = embeddings.encode(requete, prefixe="query")[0]   # jamais mis en cache : c'est ce que la personne tape
    return idx.vecteurs @ q


def chercher_metiers(requete: str, k: int = 10) -> pd.DataFrame:
    """Les ``k`` appellations ROME qui répondent le mieux à ``requete``, la meilleure en premier.

    Pour chaque forme (complète, masculine, féminine) de chaque appellation :

    - sens = similarité e5 avec la requête, ou, si la requête est un synonyme connu (mot familier, sigle,
      libellé ESCO français ou anglais), similarité avec l'intitulé français auquel il mène, si elle est plus
      grande (voir :func:`_passerelles`) ;
    - score = sens + ``POIDS_LEXICAL`` × part des mots tapés retrouvés dans la forme, fautes de frappe comprises.

    Le score d'une appellation est celui de sa meilleure forme.

    Une requête vide renvoie un tableau vide ; tout autre texte (emoji, HTML, 10 000 caractères) renvoie des
    résultats, jamais une exception.
    """
    requete = nettoyer_requete(requete)
    if not requete:
        return _vide()
    idx = index()
    return _resultats(idx, _scores_titres(idx, requete)[0], k)


def _scores_titres(idx: Index, requete: str, q: np.ndarray | None = None,
                   brute: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Le score combiné de :func:`chercher_metiers` pour chaque appellation, et les similarités e5 brutes des
    formes, pour les relire (``q``, ``brute`` : déjà calculés, voir :func:`_sens`)."""
    brute, pont, synonyme_exact = _sens(idx, requete, q, brute)
    sens = _centrer(brute)
    if pont is not None:
        sens = np.maximum(sens, _centrer(pont))
    # Un synonyme connu, tapé tel quel, n'a pas de faute : on ne cherche alors pas de mots ressemblants.
    scores = sens + POIDS_LEXICAL * _scores_lexicaux(idx, requete, exact=synonyme_exact)
    return _max_par_metier(idx, scores) + idx.bonus, brute


@dataclass
class _Fiches:
    """Ce que :func:`chercher` prépare une fois par noyau : les fiches, et de quelle fiche est chaque appellation."""

    tableau: pd.DataFrame            # data.fiches(), dans l'ordre des vecteurs
    de_appellation: np.ndarray       # (n_appellations,) indice de la fiche de chaque appellation de l'index
    vecteurs: np.ndarray             # (n_fiches, 384) définitions, préfixe passage (partagés)
    esco_fiche: np.ndarray           # (n_descriptions,) indice de la fiche reliée à chaque description ESCO
    esco_libelles: np.ndarray        # (n_descriptions,) libellé du métier ESCO décrit
    esco_vecteurs: np.ndarray        # (n_descriptions, 384) descriptions ESCO, préfixe passage (partagés)
    colonnes: dict[str, np.ndarray]  # les colonnes des fiches que montrent les résultats, prêtes à indexer


@functools.lru_cache(maxsize=1)
def _fiches() -> _Fiches:
    tableau = data.fiches().reset_index(drop=True)
    codes, vecteurs = vecteurs_livres.vecteurs_fiches()
    if codes.tolist() != tableau["code_rome"].tolist():
        raise data.DonneesIndisponibles(
            f"datasets/{vecteurs_livres.VECTEURS_FICHES} ne suit pas l'ordre des fiches de "
            f"datasets/{data.FICHES.fichier} ; "
            f"reconstruisez-le : python scripts/build_datasets.py --fiches")
    position = {c: i for i, c in enumerate(tableau["code_rome"])}
    de_appellation = index().metiers["code_rome"].map(position).to_numpy(np.int64)
    descriptions = data.lire_sans_garder(data.DESCRIPTIONS_ESCO)     # sans garder les 2 Mo de textes
    uris, esco_vecteurs = vecteurs_livres.vecteurs_descriptions_esco()
    esco_fiche = descriptions["code_rome"].map(position)
    if uris.tolist() != descriptions["uri"].tolist() or esco_fiche.isna().any():
        raise data.DonneesIndisponibles(
            f"datasets/{vecteurs_livres.VECTEURS_DESCRIPTIONS_ESCO} ne suit pas datasets/"
            f"{data.DESCRIPTIONS_ESCO.fichier}, ou une description y est reliée à une fiche inconnue ; "
            f"reconstruisez-les : python scripts/build_datasets.py --fiches")
    colonnes = {c: tableau[c].to_numpy(dtype=object)
                for c in ("code_rome", "intitule", "domaine_professionnel", "grand_domaine")}
    return _Fiches(tableau, de_appellation, vecteurs, esco_fiche.to_numpy(np.int64),
                   descriptions["libelle_esco"].to_numpy(dtype=object), esco_vecteurs, colonnes)


def _scores_esco(f: _Fiches, sens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pour chaque fiche : la similarité e5 de la requête avec la plus proche de ses descriptions ESCO, centrée
    réduite parmi les fiches qui en ont (0, la moyenne, pour celles qui n'en ont pas : ni bonus ni pénalité) ;
    et la similarité de chaque description."""
    sims = f.esco_vecteurs @ sens
    meilleure = np.full(len(f.tableau), -np.inf, np.float32)
    np.maximum.at(meilleure, f.esco_fiche, sims)
    reliees = np.isfinite(meilleure)
    z = np.zeros(len(f.tableau), np.float32)
    z[reliees] = _centrer(meilleure[reliees])
    return z, sims


def _description_proche(f: _Fiches, sims: np.ndarray, i_fiche: int) -> str:
    """Le libellé du métier ESCO dont la description, reliée à la fiche ``i_fiche``, est la plus proche de la
    requête ("" sans description ; ex aequo : la première dans l'ordre du fichier)."""
    js = np.flatnonzero(f.esco_fiche == i_fiche)
    return str(f.esco_libelles[js[classement.premiers(sims[js], 1)[0]]]) if len(js) else ""


def _vide_fiches() -> pd.DataFrame:
    types = {c: "float64" for c in ("score", "part_titre", "part_definition", "part_competences", "part_esco")}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "string")) for c in COLONNES_FICHES})


@dataclass
class _Indices:
    """Ce que :func:`chercher` calcule pour une requête, avant de pondérer et d'additionner."""

    reecrite: str                    # le texte compris (réécrit)
    remplacements: list              # les mots remplacés (:class:`atelier.reecriture.Remplacement`)
    sens: np.ndarray                 # (384,) le vecteur e5 de la requête
    titres: np.ndarray               # (n_appellations,) le score de :func:`chercher_metiers` de chaque appellation
    sims_esco: np.ndarray            # (n_descriptions,) similarité e5 de chaque description ESCO
    z: dict[str, np.ndarray]         # les quatre indices par fiche, centrés réduits, sans poids


def _indices(requete: str) -> _Indices:
    """Les quatre indices de :func:`chercher` pour chaque fiche, sans poids (``requete`` déjà nettoyée, non vide).
    ``benchmarks/bench_fusion.py`` les relit pour comparer la somme pondérée à une fusion calibrée."""
    reecrite, remplacements = reecriture.reecrire(requete)
    # Un seul encodage, celui du texte réécrit s'il l'a été : encoder aussi le texte tapé coûtait ≈ 15 ms de plus
    # sans rien gagner (mesuré sur les deux jeux étiquetés : mêmes taux à ±0,01).
    q = embeddings.encode(reecrite if remplacements else requete, prefixe="query")   # jamais mis en cache
    idx, f = index(), _fiches()
    titres, brute = _scores_titres(idx, requete, q)
    if remplacements:   # les mots retrouvés (et les synonymes) du texte tapé comme du texte réécrit
        titres = np.maximum(titres, _scores_titres(idx, reecrite, q, brute)[0])
    par_fiche = np.full(len(f.tableau), -np.inf, np.float32)
    np.maximum.at(par_fiche, f.de_appellation, titres.astype(np.float32))
    sens = q[0]
    z_esco, sims_esco = _scores_esco(f, sens)
    z = {"titre": _centrer(par_fiche), "definition": _centrer(f.vecteurs @ sens),
         "competences": _centrer(recommandation.scores_competences(sens)), "esco": z_esco}
    return _Indices(reecrite, remplacements, sens, titres, sims_esco, z)


def chercher(requete: str, k: int = 10) -> pd.DataFrame:
    """Les ``k`` fiches ROME qui répondent le mieux à ce qu'une personne dit : un titre de métier, mais aussi une
    description (« réparer des vélos »), une envie (« j'aime les animaux »), un mot familier ou de l'écriture SMS.

    1. **Réécrire** (:func:`atelier.reecriture.reecrire`) : écriture SMS, argot, enseignes, fautes au son.
    2. Quatre **indices** par fiche, chacun en écarts-types au-dessus de la moyenne des 1 584 fiches :

       - ``part_titre`` : le meilleur score de :func:`chercher_metiers` parmi les appellations de la fiche (le
         sens du texte réécrit ; les mots retrouvés et les synonymes du texte tapé ou du texte réécrit, le
         meilleur des deux) ;
       - ``part_definition`` : la similarité e5 de la requête avec la définition de la fiche ;
       - ``part_competences`` : la part « compétences » du moteur sémantique de la leçon 04
         (:func:`atelier.recommandation.scores_competences`) ;
       - ``part_esco`` : la similarité e5 avec la plus proche des descriptions européennes (ESCO) reliées à la
         fiche (``datasets/descriptions_esco.csv`` ; 0 pour une fiche sans description ESCO) ;

       chaque part est son indice multiplié par son poids (``POIDS`` : une fusion calibrée, voir sa note).
    3. **Additionner** : ``score = part_titre + part_definition + part_competences + part_esco``. Chaque
       résultat dit d'où vient surtout son score : ``origine`` vaut « titre » (le titre pèse plus que les trois
       textes réunis), « esco » (la description ESCO pèse le plus des trois textes ; ``metier_esco`` est alors le
       métier ESCO le plus proche) ou « fiche » (``competence`` est alors la compétence principale de la fiche
       la plus proche de la requête) ; ``raison`` le dit en une phrase (« le titre ressemble : … », « une
       description européenne (ESCO) du métier ressemble : … » ou « la fiche parle de : … »).

    Le tableau garde dans ``.attrs["compris"]`` le texte réécrit et dans ``.attrs["remplacements"]`` la liste
    des mots remplacés (:class:`atelier.reecriture.Remplacement`). Ex aequo : ordre alphabétique des intitulés.
    Une requête vide renvoie un tableau vide ; tout autre texte (emoji, HTML, 10 000 caractères) renvoie des
    résultats, jamais une exception. Rien n'est écrit sur le disque.
    """
    requete = nettoyer_requete(requete)
    if not requete:
        return _vide_fiches()
    ind = _indices(requete)
    idx, f, titres, sens = index(), _fiches(), ind.titres, ind.sens
    part_titre = POIDS["titre"] * ind.z["titre"]
    part_definition = POIDS["definition"] * ind.z["definition"]
    part_competences = POIDS["competences"] * ind.z["competences"]
    part_esco = POIDS["esco"] * ind.z["esco"]
    scores = part_titre + part_definition + part_competences + part_esco
    k = max(0, min(int(k), len(scores)))
    top = classement.premiers(scores, k, departage=f.tableau["intitule"].to_numpy())
    lignes = []
    for i in top:
        appellations = np.flatnonzero(f.de_appellation == i)
        meilleure = appellations[classement.premiers(titres[appellations], 1,
                                                     departage=idx.colonnes["appellation"][appellations])[0]]
        appellation = str(idx.colonnes["appellation"][meilleure])
        competence, metier_esco = "", ""
        if part_titre[i] >= part_definition[i] + part_competences[i] + part_esco[i]:
            origine, raison = "titre", f"le titre ressemble : « {appellation} »"
        elif part_esco[i] > max(part_definition[i], part_competences[i]):
            origine, metier_esco = "esco", _description_proche(f, ind.sims_esco, int(i))
            raison = f"une description européenne (ESCO) du métier ressemble : « {metier_esco} »"
        else:
            origine, competence = "fiche", recommandation.competence_proche(sens, int(i))[0]
            raison = f"la fiche parle de : « {competence} »"
        fiche = {c: v[i] for c, v in f.colonnes.items()}   # sans ``iloc`` : ≈ 1 ms de moins par recherche
        lignes.append({"code_rome": fiche["code_rome"], "intitule": fiche["intitule"], "score": float(scores[i]),
                       "appellation": appellation, "part_titre": float(part_titre[i]),
                       "part_definition": float(part_definition[i]), "part_competences": float(part_competences[i]),
                       "part_esco": float(part_esco[i]), "origine": origine, "competence": competence,
                       "metier_esco": metier_esco, "raison": raison, "domaine_professionnel": fiche["domaine_professionnel"],
                       "grand_domaine": fiche["grand_domaine"]})
    res = pd.DataFrame(lignes, columns=COLONNES_FICHES) if lignes else _vide_fiches()
    res.attrs["compris"] = ind.reecrite
    res.attrs["remplacements"] = ind.remplacements
    return res


def preparer() -> None:
    """Prépare tout ce que :func:`chercher` lit (l'index des titres, les fiches, le lexique de la réécriture, le
    modèle), en rendant au système, entre deux étapes, la mémoire qu'elles ont libérée : la première recherche
    d'une personne est alors rapide, et le pic de mémoire du noyau plus bas (≈ 12 Mo mesurés dans un processus
    neuf : 226 → 214 Mo ; voir ``benchmarks/README.md``). Ne change aucun résultat."""
    index()
    memoire.rendre_memoire_liberee()
    _fiches()
    reecriture.reecrire("métier")
    memoire.rendre_memoire_liberee()
    recommandation.coeur_des_fiches()
    memoire.rendre_memoire_liberee()
    chercher("métier")
    memoire.rendre_memoire_liberee()


def _centrer(similarites: np.ndarray) -> np.ndarray:
    """Similarités centrées réduites : combien d'écarts-types au-dessus de la moyenne de tous les intitulés.

    e5 donne à presque tous les intitulés un cosinus élevé (0,8 à 0,95) : seule la distance à la moyenne
    dit si un intitulé se détache vraiment.
    """
    return (similarites - similarites.mean()) / max(float(similarites.std()), 1e-6)


def niveau(score: float) -> str:
    """Le score d'un résultat de :func:`chercher_metiers` dit en mots (« très proche », « proche »…)."""
    return next(mot for seuil, mot in NIVEAUX_SCORE if score >= seuil)


def recherche_semantique(requete: str, k: int = 10) -> pd.DataFrame:
    """Seulement le sens : similarité cosinus e5 entre la requête et chaque appellation (meilleure forme)."""
    requete = nettoyer_requete(requete)
    if not requete:
        return _vide()
    idx = index()
    return _resultats(idx, _max_par_metier(idx, _similarites(idx, requete)), k)


def recherche_floue(requete: str, k: int = 10) -> pd.DataFrame:
    """Seulement les lettres : score WRatio de rapidfuzz (0–1) entre la requête et chaque forme, sans accents."""
    requete = nettoyer_requete(requete)
    if not requete:
        return _vide()
    idx = index()
    choix = _formes_sans_accents()
    scores = process.cdist([sans_accents(requete)], choix, scorer=fuzz.WRatio, workers=1)[0] / 100.0
    return _resultats(idx, _max_par_metier(idx, scores.astype(np.float32)), k)


@functools.lru_cache(maxsize=1)
def _formes_sans_accents() -> list[str]:
    return [sans_accents(f) for f in index().formes]


def recherche_exacte(requete: str, k: int = 10) -> pd.DataFrame:
    """Comme une recherche simple : les intitulés qui contiennent le texte tapé tel quel (sans la casse).

    Les plus courts d'abord (score = longueur de la requête / longueur de l'intitulé).
    """
    requete = nettoyer_requete(requete)
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
    "combinée": chercher_metiers,
}


def evaluer(requetes: pd.DataFrame, methodes: dict | None = None, k: int = 5,
            par_fiche: bool = False) -> pd.DataFrame:
    """Pour chaque requête et chaque méthode : le rang (1 = premier) du premier bon code ROME, ou NaN.

    ``requetes`` a les colonnes ``requete``, ``type`` et ``codes_rome_attendus`` (codes séparés par « | »).
    ``par_fiche=True`` compte les rangs en **fiches** : plusieurs appellations d'une même fiche n'occupent qu'un
    rang (c'est ainsi qu'on compare :func:`chercher_metiers`, qui rend des appellations, et :func:`chercher`,
    qui rend des fiches).
    """
    methodes = methodes or METHODES
    lignes = []
    for row in requetes.itertuples(index=False):
        attendus = set(str(row.codes_rome_attendus).split("|"))
        for nom, fn in methodes.items():
            res = fn(row.requete, k=10 * k if par_fiche else k)
            codes = list(dict.fromkeys(res["code_rome"]))[:k] if par_fiche else list(res["code_rome"])
            rangs = [i + 1 for i, c in enumerate(codes) if c in attendus]
            premier = res["intitule" if "intitule" in res.columns else "appellation"]
            lignes.append({"requete": row.requete, "type": row.type, "methode": nom,
                           "rang": rangs[0] if rangs else math.nan,
                           "premier": premier.iloc[0] if len(res) else ""})
    return pd.DataFrame(lignes)


def taux_de_reussite(evaluation: pd.DataFrame) -> pd.DataFrame:
    """Top-1 et top-5 par méthode et par type de requête (et « ensemble »), à partir de :func:`evaluer`."""
    ev = evaluation.assign(top1=evaluation["rang"].eq(1), top5=evaluation["rang"].le(5))
    par_type = ev.groupby(["methode", "type"])[["top1", "top5"]].mean()
    ensemble = ev.groupby("methode")[["top1", "top5"]].mean().assign(type="ensemble").set_index("type", append=True)
    return pd.concat([par_type, ensemble]).sort_index()
