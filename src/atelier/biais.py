"""Mesurer les biais de genre d'un moteur de recommandation de métiers, sans les affirmer : les mesurer.

Deux familles de mesures, toutes des fonctions pures (testables sans Jupyter), déterministes (graines fixes) :

1. **Sondes contrefactuelles** (*counterfactual probes*) du moteur sémantique (:func:`atelier.recommandation.recommander`) :
   le même profil écrit au masculin, au féminin, en épicène, ou précédé d'un prénom féminin ou masculin
   (``datasets/personas_biais.csv``). Pour chaque paire de textes : les deux listes de 10 métiers, leur
   recouvrement, les déplacements de rang, et la part de femmes moyenne (Dares) de chaque liste. Sur toutes
   les personas : différences appariées, test de permutation par inversion de signe, intervalle de confiance
   *bootstrap* à 95 %, et une phrase en français courant.
2. **À l'intérieur du plongement** (*embedding*) : une « direction du genre » construite à partir des paires
   d'intitulés masculin/féminin du ROME, la projection de chaque fiche sur cette direction et sa corrélation
   avec la part réelle de femmes ; un test d'association de type WEAT ; et les limites honnêtes : le genre
   grammatical du français gonfle ces mesures, une direction n'est pas une cause, et « débiaiser » en retirant
   la direction (le geste central du « débiaisage dur » de Bolukbasi et al., simplifié : voir
   :func:`retirer_direction`) cache le genre plus qu'il ne l'enlève (:func:`genre_encore_predictible`).

Le résumé du module (:func:`resume_biais`) se lit en phrases françaises (:func:`phrases_resume`).

Rappel sur la part de femmes : ce sont des chiffres d'enquête **par famille professionnelle** (Dares, FAP 2009,
2017-2019), reliés aux fiches ROME par une table **plusieurs-à-plusieurs** ; une fiche reçoit la moyenne de ses
familles (:func:`atelier.data.part_femmes_par_fiche`). C'est un ordre de grandeur, pas une mesure par métier.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from atelier import classement, data, embeddings, recommandation, statistiques, vecteurs_livres
from atelier.erreurs import EntreeInvalide
from atelier.nombres import nombre_fr, nombre_signe, points
# Les statistiques viennent d'atelier.statistiques (partagé par les leçons 02, 05, 06 et 07) ; leurs noms restent
# lisibles ici (biais.correlation_bootstrap…) parce que la leçon 05 les appelle ainsi.
from atelier.statistiques import (GRAINE, N_BOOTSTRAP, N_PERMUTATIONS, correlation_bootstrap,  # noqa: F401
                                  ic_bootstrap, test_permutation_apparie)

K = 10
PERSONAS = "personas_biais.csv"
COLONNES_PERSONAS = ("id", "theme", "metier_stereotype", "texte_masculin", "texte_feminin", "texte_epicene",
                     "gabarit_prenom", "prenom_f", "prenom_m", "texte_feminin_familier", "ce_que_teste")
#: Les versions d'une persona qu'on sait écrire à partir du fichier.
VERSIONS = ("masculin", "feminin", "epicene", "prenom_f", "prenom_m", "familier")
NOMS_VERSIONS = {"masculin": "au masculin", "feminin": "au féminin", "epicene": "en épicène",
                 "prenom_f": "avec un prénom féminin", "prenom_m": "avec un prénom masculin",
                 "familier": "au féminin, familier et avec des fautes", "fusion": "fusion des deux formes"}

#: Mots « attributs » du test WEAT : des mots de la famille et de la civilité, pas des métiers.
ATTRIBUTS_FEMININS = ("femme", "elle", "mère", "fille", "sœur", "madame", "épouse", "tante")
ATTRIBUTS_MASCULINS = ("homme", "il", "père", "fils", "frère", "monsieur", "mari", "oncle")
#: Mots « cibles » du test WEAT : des intitulés ROME (appellations complètes, les deux formes quand il y en a deux).
CIBLES_SOIN = ("Aide-soignant / Aide-soignante", "Auxiliaire de puériculture",
               "Assistant maternel / Assistante maternelle", "Auxiliaire de vie", "Aide à domicile",
               "Aide ménager / Aide ménagère à domicile", "Puériculteur / Puéricultrice",
               "Secrétaire médical / Secrétaire médicale")
CIBLES_TECHNIQUE = ("Maçon / Maçonne", "Mécanicien / Mécanicienne automobile", "Soudeur / Soudeuse",
                    "Plombier / Plombière", "Couvreur / Couvreuse", "Chaudronnier / Chaudronnière",
                    "Carreleur / Carreleuse", "Charpentier / Charpentière")


# ------------------------------------------------------------------------------------------------ personas

def personas() -> pd.DataFrame:
    """Les personas de ``datasets/personas_biais.csv`` (une ligne chacune ; voir ``personas_biais.md``)."""
    return data.lire_table_lecon(PERSONAS, COLONNES_PERSONAS)


def texte_version(persona: pd.Series | dict, version: str) -> str:
    """Le texte d'une persona dans une version : ``masculin``, ``feminin``, ``epicene``, ``prenom_f``, ``prenom_m``
    ou ``familier`` (chaîne vide si la persona n'a pas de variante familière)."""
    if version in ("masculin", "feminin", "epicene"):
        return persona[f"texte_{version}"]
    if version in ("prenom_f", "prenom_m"):
        return persona["gabarit_prenom"].replace("{prenom}", persona[version])
    if version == "familier":
        return persona["texte_feminin_familier"]
    raise EntreeInvalide(f"version inconnue : {version!r} (attendu : {', '.join(VERSIONS)}).")


# ------------------------------------------------------------------------------------------ part de femmes

@functools.lru_cache(maxsize=1)
def _part_femmes() -> pd.Series:
    return data.part_femmes_par_fiche().set_index("code_rome")["part_femmes"]


def part_femmes_liste(codes) -> float:
    """Part de femmes moyenne (en %, Dares, par famille) des fiches ``codes`` ; les fiches sans chiffre sont ignorées."""
    valeurs = _part_femmes().reindex(list(codes)).dropna()
    return float(valeurs.mean()) if len(valeurs) else float("nan")


# --------------------------------------------------------------------------------------------- une paire

def premieres_fiches(texte: str, k: int = K) -> pd.DataFrame:
    """Les ``k`` premières fiches du moteur sémantique pour ``texte`` (aucun cache : le texte peut être personnel)."""
    return recommandation.recommander(texte, k=k, methode="semantique")


PROFONDEUR = 50


def preparer_personas(table: pd.DataFrame | None = None, versions=VERSIONS) -> None:
    """Calcule d'un coup (un lot d'encodage) les listes de toutes les personas dans toutes les ``versions``."""
    table = personas() if table is None else table
    textes = [texte_version(p, v) for _, p in table.iterrows() for v in versions]
    textes = [t for t in dict.fromkeys(textes) if t and t not in _listes_personas]
    if not textes:
        return
    # Un seul lot d'encodage (textes des personas, écrits pour l'atelier : on peut les garder en cache disque)
    for t, liste in zip(textes, recommandation.recommander_plusieurs(textes, PROFONDEUR, cache=True)):
        _listes_personas[t] = liste


_listes_personas: dict[str, pd.DataFrame] = {}


def _recommander_persona_profond(texte: str) -> pd.DataFrame:
    if texte not in _listes_personas:
        _listes_personas[texte] = premieres_fiches(texte, PROFONDEUR)
    return _listes_personas[texte]


def _recommander_persona(texte: str, k: int) -> pd.DataFrame:
    # Textes des personas seulement (écrits pour l'atelier) : gardés en mémoire pour ne pas les recalculer.
    # Le classement est déterministe : les k premiers des 50 premiers sont les k premiers.
    if k > PROFONDEUR:
        return premieres_fiches(texte, k)
    return _recommander_persona_profond(texte).head(k).copy()


def comparer_listes(liste_a: pd.DataFrame, liste_b: pd.DataFrame) -> dict:
    """Compare deux listes de recommandations (colonnes ``code_rome``, ``intitule``, ``rang``).

    Renvoie ``recouvrement`` (|A∩B| / k), ``jaccard`` (|A∩B| / |A∪B|), ``part_femmes_a`` et ``part_femmes_b``
    (en %), ``difference`` (b − a, en points) et ``deplacements`` : un tableau des fiches des deux listes avec
    leur rang dans A et dans B (vide si absente) et ce qui a bougé, en mots.
    """
    a, b = list(liste_a["code_rome"]), list(liste_b["code_rome"])
    k = max(len(a), len(b), 1)
    commun = set(a) & set(b)
    union = set(a) | set(b)
    rang_a = dict(zip(a, liste_a["rang"]))
    rang_b = dict(zip(b, liste_b["rang"]))
    titres = {**dict(zip(liste_b["code_rome"], liste_b["intitule"])), **dict(zip(liste_a["code_rome"], liste_a["intitule"]))}
    lignes = []
    for code in list(dict.fromkeys(a + b)):
        ra, rb = rang_a.get(code), rang_b.get(code)
        if ra is None:
            quoi = "entre dans la liste"
        elif rb is None:
            quoi = "sort de la liste"
        elif ra == rb:
            quoi = "même rang"
        else:
            quoi = f"{'monte' if rb < ra else 'descend'} de {abs(int(ra) - int(rb))} place{'s' if abs(int(ra) - int(rb)) > 1 else ''}"
        lignes.append({"code_rome": code, "intitule": titres[code], "rang_a": ra, "rang_b": rb, "mouvement": quoi})
    deplacements = pd.DataFrame(lignes, columns=["code_rome", "intitule", "rang_a", "rang_b", "mouvement"])
    deplacements["rang_a"] = deplacements["rang_a"].astype("Int64")
    deplacements["rang_b"] = deplacements["rang_b"].astype("Int64")
    pa, pb = part_femmes_liste(a), part_femmes_liste(b)
    return {"recouvrement": len(commun) / k, "jaccard": len(commun) / max(len(union), 1),
            "part_femmes_a": pa, "part_femmes_b": pb, "difference": pb - pa, "deplacements": deplacements}


def sonde_paire(texte_a: str, texte_b: str, k: int = K) -> dict:
    """Sonde contrefactuelle d'une paire de textes : les deux listes (``liste_a``, ``liste_b``) et leur comparaison
    (voir :func:`comparer_listes`)."""
    liste_a, liste_b = premieres_fiches(texte_a, k), premieres_fiches(texte_b, k)
    return {"liste_a": liste_a, "liste_b": liste_b, **comparer_listes(liste_a, liste_b)}


# ------------------------------------------------------------------------------------------- statistiques

NOMS_PHRASE = {"masculin": "la version au masculin", "feminin": "la version au féminin",
               "epicene": "la version épicène", "prenom_f": "la version avec un prénom féminin",
               "prenom_m": "la version avec un prénom masculin", "familier": "la version familière"}


def phrase_effet(moyenne: float, bas: float, haut: float, p: float, a: str = "masculin", b: str = "feminin") -> str:
    """L'effet en français courant, avec son intervalle, sans conclure plus que les chiffres."""
    nom_a, nom_b = NOMS_PHRASE.get(a, a), NOMS_PHRASE.get(b, b)
    sens = "plus élevée" if moyenne >= 0 else "plus basse"
    phrase = (f"En moyenne, {nom_b} recommande des métiers dont la part de femmes est {sens} de "
              f"{points(abs(moyenne))} que {nom_a} (IC 95 % : {nombre_signe(bas, 1)} à {nombre_signe(haut, 1)} ; "
              f"p = {nombre_signe(p, 3)}).")
    if bas <= 0 <= haut:
        phrase += " L'intervalle contient 0 : on ne peut pas exclure l'absence d'effet."
    else:
        phrase += " L'intervalle ne contient pas 0 : l'écart n'est probablement pas dû au hasard des personas."
    return phrase


def resumer_differences(differences, n_permutations: int = N_PERMUTATIONS, n_bootstrap: int = N_BOOTSTRAP,
                        graine: int = GRAINE, a: str = "masculin", b: str = "feminin") -> dict:
    """Moyenne des différences appariées, IC bootstrap 95 %, p-valeur par permutation et phrase d'effet."""
    d = np.asarray(differences, dtype=float)
    d = d[~np.isnan(d)]
    moyenne = float(d.mean()) if len(d) else float("nan")
    bas, haut = ic_bootstrap(d, n=n_bootstrap, graine=graine)
    p = test_permutation_apparie(d, n=n_permutations, graine=graine)
    return {"n": int(len(d)), "moyenne": moyenne, "ic_bas": bas, "ic_haut": haut, "p": p,
            "phrase": phrase_effet(moyenne, bas, haut, p, a, b)}


# ----------------------------------------------------------------------------------------- toutes les personas

def sonde_personas(a: str = "masculin", b: str = "feminin", table: pd.DataFrame | None = None,
                   k: int = K) -> pd.DataFrame:
    """Pour chaque persona : recouvrement, Jaccard, part de femmes des listes ``a`` et ``b`` et leur différence.

    Les personas sans texte pour une version (variante familière absente) sont laissées de côté.
    """
    table = personas() if table is None else table
    preparer_personas(table, (a, b))
    lignes = []
    for _, p in table.iterrows():
        ta, tb = texte_version(p, a), texte_version(p, b)
        if not ta or not tb:
            continue
        c = comparer_listes(_recommander_persona(ta, k), _recommander_persona(tb, k))
        lignes.append({"id": p["id"], "theme": p["theme"], "metier_stereotype": p["metier_stereotype"],
                       "recouvrement": c["recouvrement"], "jaccard": c["jaccard"],
                       "part_femmes_a": c["part_femmes_a"], "part_femmes_b": c["part_femmes_b"],
                       "difference": c["difference"]})
    return pd.DataFrame(lignes)


# ------------------------------------------------------------------------------------------------ atténuer

def recommander_fusion(textes: list[str], k: int = K, profondeur: int = PROFONDEUR, persona: bool = False) -> pd.DataFrame:
    """Atténuation « les deux formes » : on interroge le moteur avec chaque formulation (masculin et féminin)
    et on garde les fiches de meilleur score moyen. La liste ne dépend plus de la forme choisie par la personne.

    Une fiche absente des ``profondeur`` premières d'une formulation y reçoit le plus petit score vu.
    """
    listes = [(_recommander_persona(t, profondeur) if persona else premieres_fiches(t, profondeur)) for t in textes]
    scores = [l.set_index("code_rome")["score"] for l in listes]
    codes = list(dict.fromkeys(c for s in scores for c in s.index))
    moyenne = np.mean([s.reindex(codes).fillna(s.min()).to_numpy() for s in scores], axis=0)
    # Ex aequo rangés par code ROME : la liste ne dépend pas de l'ordre des formulations.
    ordre = classement.premiers(moyenne, k, departage=codes)
    titres = {c: t for l in listes for c, t in zip(l["code_rome"], l["intitule"])}
    out = pd.DataFrame({"code_rome": [codes[i] for i in ordre], "intitule": [titres[codes[i]] for i in ordre],
                        "score": moyenne[ordre]})
    out["rang"] = np.arange(1, len(out) + 1)
    return out


def mesurer_fusion(table: pd.DataFrame | None = None, k: int = K) -> pd.DataFrame:
    """Ce que change et ce que coûte la fusion : par persona, l'écart de part de femmes masculin/féminin avant
    (listes séparées) et après (``ecart_apres`` : la liste fusionnée calculée en partant de la version féminine,
    moins celle calculée en partant de la version masculine ; 0 si la fusion tient sa promesse), et le
    recouvrement de la liste fusionnée avec la liste d'origine au masculin et au féminin (ce qu'on « perd » de la
    réponse d'origine)."""
    table = personas() if table is None else table
    preparer_personas(table, ("masculin", "feminin"))
    lignes = []
    for _, p in table.iterrows():
        m = _recommander_persona(p["texte_masculin"], k)
        f = _recommander_persona(p["texte_feminin"], k)
        fu = recommander_fusion([p["texte_masculin"], p["texte_feminin"]], k=k, persona=True)
        fu_f = recommander_fusion([p["texte_feminin"], p["texte_masculin"]], k=k, persona=True)
        lignes.append({"id": p["id"], "ecart_avant": part_femmes_liste(f["code_rome"]) - part_femmes_liste(m["code_rome"]),
                       "ecart_apres": part_femmes_liste(fu_f["code_rome"]) - part_femmes_liste(fu["code_rome"]),
                       "recouvrement_fusion_masculin": comparer_listes(m, fu)["recouvrement"],
                       "recouvrement_fusion_feminin": comparer_listes(f, fu)["recouvrement"],
                       "part_femmes_fusion": part_femmes_liste(fu["code_rome"])})
    return pd.DataFrame(lignes)


# ------------------------------------------------------------------------------------- dans le plongement

def _normer(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def paires_genrees() -> pd.DataFrame:
    """Les intitulés ROME à deux formes distinctes (``genre == "double"``) : ``forme_masculine``, ``forme_feminine``."""
    m = data.metiers()
    m = m[(m["genre"] == "double") & (m["forme_masculine"] != m["forme_feminine"])]
    return m[["code_ogr", "code_rome", "appellation", "forme_masculine", "forme_feminine"]].reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def direction_genre() -> np.ndarray:
    """La « direction du genre » (vecteur unitaire) : moyenne, sur les paires ROME, de
    vecteur(forme féminine) − vecteur(forme masculine). Elle pointe « vers le féminin »."""
    p = paires_genrees()
    vf, vm = vecteurs_livres.vecteurs_pour(p["forme_feminine"]), vecteurs_livres.vecteurs_pour(p["forme_masculine"])
    d = (vf - vm).mean(axis=0)
    d = _normer(d).astype(np.float32)
    d.setflags(write=False)
    return d


@functools.lru_cache(maxsize=1)
def _vecteurs_mots(mots: tuple[str, ...]) -> np.ndarray:
    # Des mots de l'atelier (jamais un texte personnel) : le cache disque est permis.
    return embeddings.encode(list(mots), prefixe="query", cache=True)


def vecteurs_mots(mots) -> np.ndarray:
    """Vecteurs (normés) de quelques mots écrits pour l'atelier, calculés une fois puis gardés en cache disque."""
    return _vecteurs_mots(tuple(mots))


@functools.lru_cache(maxsize=1)
def direction_mots() -> np.ndarray:
    """Une autre direction du genre, construite **sans aucun métier** : moyenne de vecteur(mot féminin) −
    vecteur(mot masculin) sur les couples femme/homme, elle/il, mère/père… (:data:`ATTRIBUTS_FEMININS`)."""
    v = vecteurs_mots(ATTRIBUTS_FEMININS + ATTRIBUTS_MASCULINS)
    n = len(ATTRIBUTS_FEMININS)
    return _normer((v[:n] - v[n:]).mean(axis=0)).astype(np.float32)


def projections_fiches(direction: np.ndarray | None = None, formes: str = "appellation") -> pd.DataFrame:
    """Projection de chaque fiche sur une direction : moyenne, sur ses appellations, de vecteur · direction.

    ``formes`` : ``"appellation"`` (le libellé complet « Maçon / Maçonne », les deux formes à la fois),
    ``"masculine"``, ``"feminine"``, ou ``"unique"`` (seulement les intitulés à forme unique, épicènes pour la
    plupart : « Secrétaire », « Auxiliaire de vie » ; les fiches qui n'en ont pas sont absentes).
    Jointe à la part de femmes de la fiche (Dares) ; les fiches sans chiffre sont retirées.
    """
    direction = direction_genre() if direction is None else direction
    m = data.metiers()
    if formes == "appellation":
        v = vecteurs_livres.vecteurs_metiers()
    elif formes in ("masculine", "feminine"):
        v = vecteurs_livres.vecteurs_pour(m[f"forme_{formes}"])
    elif formes == "unique":
        m = m[m["genre"] == "unique"]
        v = vecteurs_livres.vecteurs_pour(m["appellation"])
    else:
        raise EntreeInvalide("formes doit valoir 'appellation', 'masculine', 'feminine' ou 'unique'.")
    m = m[["code_rome", "intitule_fiche"]].assign(projection=v @ direction)
    out = m.groupby("code_rome").agg(intitule=("intitule_fiche", "first"), projection=("projection", "mean"),
                                     n_intitules=("projection", "size")).reset_index()
    out = out.merge(data.part_femmes_par_fiche()[["code_rome", "part_femmes"]], on="code_rome", how="inner")
    return out.sort_values("code_rome").reset_index(drop=True)


def ecart_grammatical(direction: np.ndarray | None = None) -> dict:
    """Le piège du genre grammatical : projection de la forme féminine moins celle de la forme masculine du
    **même** intitulé, comparée à l'étendue des projections des fiches entre elles.

    Renvoie ``ecart_moyen`` (même intitulé, féminin − masculin), ``part_positive`` (part des paires où la forme
    féminine est plus « féminine »), ``ecart_type_fiches`` (dispersion des fiches, libellés complets) et
    ``rapport`` = ecart_moyen / ecart_type_fiches.
    """
    direction = direction_genre() if direction is None else direction
    p = paires_genrees()
    vf, vm = vecteurs_livres.vecteurs_pour(p["forme_feminine"]), vecteurs_livres.vecteurs_pour(p["forme_masculine"])
    e = vf @ direction - vm @ direction
    sd = float(projections_fiches(direction)["projection"].std())
    return {"n_paires": int(len(p)), "ecart_moyen": float(e.mean()), "part_positive": float((e > 0).mean()),
            "ecart_type_fiches": sd, "rapport": float(e.mean() / sd)}


# ------------------------------------------------------------------------------------------------- WEAT

@dataclass
class ResultatWEAT:
    d: float                 # taille d'effet (différence des moyennes d'association / écart type commun)
    p: float                 # p-valeur unilatérale par permutation des cibles
    n_permutations: int


def _association(cibles: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (cibles @ a.T).mean(axis=1) - (cibles @ b.T).mean(axis=1)


def weat(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray, n: int = N_PERMUTATIONS,
         graine: int = GRAINE) -> ResultatWEAT:
    """Test d'association de type WEAT (Caliskan et al.) : les cibles ``x`` sont-elles plus proches des attributs
    ``a`` (et ``y`` de ``b``) ? Vecteurs normés en lignes. d > 0 : ``x`` va avec ``a``. p : part des répartitions
    au hasard des cibles en deux groupes qui donnent une statistique au moins aussi grande."""
    s = _association(np.vstack([x, y]), a, b)
    nx = len(x)
    d = (s[:nx].mean() - s[nx:].mean()) / s.std(ddof=1)
    return ResultatWEAT(float(d), statistiques.test_weat(s[:nx], s[nx:], n=n, graine=graine), n)


def cibles_weat(formes: str = "appellation") -> tuple[np.ndarray, np.ndarray]:
    """Vecteurs des cibles soin et technique : ``"appellation"`` (libellé complet), ``"masculine"``,
    ``"feminine"``, ou ``"piege"`` (soin au féminin, technique au masculin : le montage qui mélange grammaire et
    stéréotype)."""
    m = data.metiers().set_index("appellation")
    def formes_de(titres, forme):
        if forme == "appellation":
            return vecteurs_livres.vecteurs_pour(list(titres))
        return vecteurs_livres.vecteurs_pour(m.loc[list(titres), f"forme_{forme}"].tolist())
    if formes == "piege":
        return formes_de(CIBLES_SOIN, "feminine"), formes_de(CIBLES_TECHNIQUE, "masculine")
    return formes_de(CIBLES_SOIN, formes), formes_de(CIBLES_TECHNIQUE, formes)


def weat_metiers(formes: str = "appellation", n: int = N_PERMUTATIONS) -> ResultatWEAT:
    """WEAT : intitulés du soin vs techniques (cibles) × mots féminins vs masculins (attributs)."""
    x, y = cibles_weat(formes)
    a = vecteurs_mots(ATTRIBUTS_FEMININS)
    b = vecteurs_mots(ATTRIBUTS_MASCULINS)
    return weat(x, y, a, b, n=n)


# --------------------------------------------------------------------------------------------- débiaiser

def retirer_direction(vecteurs: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Retire de chaque vecteur sa composante sur ``direction`` (projection orthogonale), sans renormaliser.

    C'est l'étape « neutraliser » du débiaisage dur de Bolukbasi et al. (2016), et elle seule : eux prennent pour
    direction la première composante principale de paires de définition (elle/il…), ne neutralisent que les mots
    censés être neutres (pas les mots genrés par définition), renormalisent, puis « égalisent » des paires. La leçon
    l'applique à tous les vecteurs, formes genrées comprises, avec la direction de :func:`direction_genre`.
    """
    direction = _normer(direction)
    return vecteurs - np.outer(vecteurs @ direction, direction)


def _plus_proche_hors_jumelle(vn: np.ndarray, n: int, bloc: int = 256) -> np.ndarray:
    """Pour chaque ligne de ``vn`` (2n vecteurs normés : n formes féminines puis leurs n formes masculines), l'indice
    de son plus proche voisin, ni elle-même ni sa forme jumelle. Par blocs de ``bloc`` lignes : jamais la matrice
    2n × 2n des similarités entière (36 Mo pour 1 500 paires)."""
    voisin = np.empty(len(vn), dtype=np.int64)
    for debut in range(0, len(vn), bloc):
        lignes = np.arange(debut, min(debut + bloc, len(vn)))
        sims = vn[lignes] @ vn.T
        rang = np.arange(len(lignes))
        sims[rang, lignes] = -np.inf                    # elle-même
        sims[rang, (lignes + n) % (2 * n)] = -np.inf    # la forme jumelle ne compte pas
        voisin[lignes] = sims.argmax(axis=1)
    return voisin


def genre_encore_predictible(n_paires: int = 1_500, graine: int = GRAINE) -> pd.DataFrame:
    """Après avoir retiré la direction du genre, peut-on encore deviner si un intitulé est au féminin ?

    Sur ``n_paires`` paires tirées au hasard : régression logistique (validation croisée à 5 plis, les deux formes
    d'un même intitulé toujours dans le même pli) et plus proche voisin (la forme féminine d'un intitulé a-t-elle
    pour plus proche voisin, hors sa propre forme masculine, une autre forme féminine ?). Avant et après.
    50 % = hasard.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_score

    p = paires_genrees()
    rng = np.random.default_rng(graine)
    p = p.iloc[np.sort(rng.choice(len(p), size=min(n_paires, len(p)), replace=False))]
    vf, vm = vecteurs_livres.vecteurs_pour(p["forme_feminine"]), vecteurs_livres.vecteurs_pour(p["forme_masculine"])
    X = np.vstack([vf, vm])
    y = np.r_[np.ones(len(p)), np.zeros(len(p))]
    groupes = np.r_[np.arange(len(p)), np.arange(len(p))]
    lignes = []
    for etat, vecteurs in (("avant", X), ("après retrait de la direction", retirer_direction(X, direction_genre()))):
        clf = LogisticRegression(max_iter=2000, C=1.0)
        acc = cross_val_score(clf, vecteurs, y, cv=GroupKFold(n_splits=5), groups=groupes).mean()
        n = len(p)
        voisin = _plus_proche_hors_jumelle(vecteurs / np.linalg.norm(vecteurs, axis=1, keepdims=True), n)
        pp = float((y[voisin] == y).mean())
        proj = vecteurs @ direction_genre()
        ecart = float(proj[:n].mean() - proj[n:].mean())
        lignes.append({"etat": etat, "regression_logistique": float(acc), "plus_proche_voisin": pp,
                       "ecart_projection": 0.0 if abs(ecart) < 1e-6 else ecart})
    return pd.DataFrame(lignes)


# ------------------------------------------------------------------------------------------------- résumé

def _r(x: float, dec: int = 3) -> float:
    return float(round(float(x), dec))


#: Les trois comparaisons du résumé : (version A, version B, ce qui change, en mots).
COMPARAISONS_RESUME = (("masculin", "feminin", "Du masculin au féminin"),
                       ("masculin", "epicene", "Du masculin à l'épicène"),
                       ("prenom_m", "prenom_f", "D'un prénom masculin à un prénom féminin"))


def resume_biais(n_permutations: int = N_PERMUTATIONS, n_bootstrap: int = N_BOOTSTRAP) -> dict:
    """Les chiffres clés du parcours principal du module 05, arrondis, dans un dictionnaire plat : les trois
    sondes (partie 3), les fautes de frappe et l'atténuation par fusion. Le notebook les imprime en phrases
    (:func:`phrases_resume`) ; un test les recalcule et les compare à la sortie committée.

    Les chiffres des approfondissements facultatifs (corrélations, WEAT, « débiaiser ») ont leurs propres
    cellules de contrôle dans le notebook."""
    out: dict = {}
    for a, b, _ in COMPARAISONS_RESUME:
        s = sonde_personas(a, b)
        r = resumer_differences(s["difference"], n_permutations, n_bootstrap, a=a, b=b)
        cle = f"{a}_{b}"
        out[f"{cle}_n"] = r["n"]
        out[f"{cle}_recouvrement_moyen"] = _r(s["recouvrement"].mean(), 2)
        out[f"{cle}_identiques"] = int((s["recouvrement"] == 1).sum())
        out[f"{cle}_diff_moyenne"] = _r(r["moyenne"], 1)
        out[f"{cle}_diff_ic"] = (_r(r["ic_bas"], 1), _r(r["ic_haut"], 1))
        out[f"{cle}_p"] = _r(r["p"], 3)
        if (a, b) == ("masculin", "feminin"):
            genre = s.set_index("id")["recouvrement"]
    familier = sonde_personas("feminin", "familier")
    out["familier_n"] = int(len(familier))
    out["familier_recouvrement_moyen"] = _r(familier["recouvrement"].mean(), 2)
    out["familier_recouvrement_genre_memes_personas"] = _r(genre.loc[familier["id"]].mean(), 2)
    fu = mesurer_fusion()
    out["fusion_ecart_absolu_avant"] = _r(fu["ecart_avant"].abs().mean(), 1)
    out["fusion_ecart_absolu_apres"] = _r(fu["ecart_apres"].abs().mean(), 1)
    out["fusion_recouvrement_masculin"] = _r(fu["recouvrement_fusion_masculin"].mean(), 2)
    out["fusion_recouvrement_feminin"] = _r(fu["recouvrement_fusion_feminin"].mean(), 2)
    return out


def phrases_resume(resume: dict) -> str:
    """Le résumé de :func:`resume_biais` en phrases françaises, une par ligne, sans conclure plus que les chiffres :
    un écart dont l'intervalle contient 0 est dit « on ne peut pas conclure », jamais « pas de biais »."""
    lignes = []
    for a, b, quoi in COMPARAISONS_RESUME:
        cle = f"{a}_{b}"
        n, bas, haut = resume[f"{cle}_n"], *resume[f"{cle}_diff_ic"]
        verdict = ("L'intervalle contient 0 : on ne peut pas conclure à un écart, ni dans un sens ni dans l'autre."
                   if bas <= 0 <= haut else "L'intervalle ne contient pas 0 : l'écart est net.")
        lignes.append(
            f"{quoi} ({n} personas) : recouvrement moyen de {nombre_fr(resume[f'{cle}_recouvrement_moyen'])} "
            f"(1 = les mêmes 10 métiers), {resume[f'{cle}_identiques']} listes identiques sur {n}. La part de "
            f"femmes des métiers proposés change de {points(resume[f'{cle}_diff_moyenne'], plus=True)} en moyenne "
            f"(IC 95 % : {nombre_signe(bas, 1)} à {nombre_signe(haut, 1)} ; p = {nombre_fr(resume[f'{cle}_p'], 3)}). "
            f"{verdict}")
    fautes, genre = resume["familier_recouvrement_moyen"], resume["familier_recouvrement_genre_memes_personas"]
    lignes.append(
        f"Fautes de frappe ({resume['familier_n']} personas) : la version tapée vite, sans accents et avec des "
        f"fautes a un recouvrement moyen de {nombre_fr(fautes)} avec la version soignée, contre {nombre_fr(genre)} "
        f"entre masculin et féminin pour les mêmes personas. La façon d'écrire change "
        f"{'plus' if fautes < genre else 'moins ou autant'} la liste que le genre.")
    lignes.append(
        f"Fusion des deux formes : l'écart de part de femmes entre versions passe de "
        f"{points(resume['fusion_ecart_absolu_avant'])} à {points(resume['fusion_ecart_absolu_apres'])} (en valeur "
        f"absolue, en moyenne). Son coût : la liste fusionnée garde {nombre_fr(resume['fusion_recouvrement_masculin'])} "
        f"de la liste d'origine au masculin, {nombre_fr(resume['fusion_recouvrement_feminin'])} au féminin.")
    return "\n".join(lignes)


# ------------------------------------------------------------------------------------------------ figures

def figure_projection(projections: pd.DataFrame, correlation: dict, titre: str):
    """Nuage : projection de chaque fiche sur la direction du genre (horizontal) × part de femmes (vertical),
    avec la corrélation de Spearman et son intervalle dans le titre. Renvoie ``(figure, texte_alternatif)``."""
    import matplotlib.pyplot as plt

    from atelier.figures import graduations_fr, nombre_fr
    from atelier.palette import CONTRASTE, PRINCIPALE

    x, y = projections["projection"].to_numpy(), projections["part_femmes"].to_numpy()
    fig, ax = plt.subplots(figsize=(8, 5.5))
    ax.scatter(x, y, s=10, alpha=0.45, color=PRINCIPALE, marker="o", label="une fiche ROME")
    pente, origine = np.polyfit(x, y, 1)
    xs = np.linspace(x.min(), x.max(), 50)
    ax.plot(xs, pente * xs + origine, color=CONTRASTE, lw=2.5, ls="--", label="tendance (droite ajustée)")
    bas, haut = correlation["spearman_ic"]
    ax.set_title(f"{titre}\ncorrélation de Spearman {nombre_fr(correlation['spearman'])} "
                 f"(IC 95 % : {nombre_fr(bas)} à {nombre_fr(haut)}), {correlation['n']} fiches")
    ax.set_xlabel("Projection sur la direction du genre (vers la droite : plus « féminin » pour le modèle)")
    ax.set_ylabel("Part de femmes en emploi (%, Dares, par famille)")
    ax.legend(frameon=False, fontsize=9, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    graduations_fr(ax, "x")
    fig.tight_layout()
    alt = (f"Nuage de points « {titre} » : {correlation['n']} fiches ROME. Horizontalement, la projection de la "
           f"fiche sur la direction du genre, de {nombre_fr(x.min(), 3)} à {nombre_fr(x.max(), 3)} ; verticalement, "
           f"la part de femmes, de {nombre_fr(y.min(), 0)} % à {nombre_fr(y.max(), 0)} %. Le nuage est très dispersé ; "
           f"la droite de tendance {'monte' if pente > 0 else 'descend'} légèrement. Corrélation de Spearman "
           f"{nombre_fr(correlation['spearman'])}, intervalle de confiance à 95 % de {nombre_fr(bas)} à {nombre_fr(haut)}.")
    return fig, alt


def figure_differences(resumes: dict[str, dict], titre: str = "Écart de part de femmes entre deux versions d'un profil"):
    """Barres horizontales des différences moyennes appariées (en points) avec leur IC 95 % (moustaches),
    une barre par comparaison. ``resumes`` : {étiquette: résultat de :func:`resumer_differences`}."""
    import matplotlib.pyplot as plt

    from atelier.figures import graduations_fr
    from atelier.palette import GRIS, MARQUEURS, couleurs

    etiquettes = list(resumes)
    moy = np.array([resumes[e]["moyenne"] for e in etiquettes])
    bas = np.array([resumes[e]["ic_bas"] for e in etiquettes])
    haut = np.array([resumes[e]["ic_haut"] for e in etiquettes])
    pos = np.arange(len(etiquettes))[::-1]
    fig, ax = plt.subplots(figsize=(9, 0.9 * len(etiquettes) + 2.2))
    teintes = couleurs(len(etiquettes))
    ax.barh(pos, moy, color=teintes, height=0.55)
    ax.errorbar(moy, pos, xerr=[moy - bas, haut - moy], fmt="none", ecolor="black", capsize=6, lw=1.8)
    for p_, m_, e, mk in zip(pos, moy, etiquettes, MARQUEURS):
        ax.plot(m_, p_, marker=mk, color="black", ms=6, ls="none")
    ax.axvline(0, color=GRIS, lw=1.2)
    ax.set_yticks(pos, etiquettes)
    ax.set_xlabel("Différence moyenne de part de femmes des 10 métiers proposés\n(en points de %, version B − version A, moustaches : IC 95 %)")
    graduations_fr(ax, "x")
    ax.set_title(titre)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    morceaux_alt = [f"{e} : {points(m_)} (IC 95 % {nombre_signe(b_, 1)} à {nombre_signe(h_, 1)})"
                    for e, m_, b_, h_ in zip(etiquettes, moy, bas, haut)]
    alt = (f"Graphique en barres horizontales « {titre} », une barre par comparaison avec son intervalle de "
           f"confiance en moustaches, et une ligne verticale en 0 : " + " ; ".join(morceaux_alt) + ".")
    return fig, alt
