"""Comparer les recherches de métiers de :mod:`atelier.recherche` : côte à côte, en chiffres, et leurs échecs.

Les outils de la leçon 02 (« Une barre de recherche qui comprend ») :

- :func:`comparer` : les premiers résultats de chaque méthode, côte à côte, pour quelques requêtes ;
- :func:`detail_du_score` : de quoi est fait le score de la recherche combinée (sens, passerelle, mots) ;
- :func:`tableau_des_taux`, :func:`figure_des_taux`, :func:`intervalles` : les taux de réussite par type de
  requête, avec leur intervalle de confiance (Wilson) ;
- :func:`echecs`, :func:`duel`, :func:`dans_le_lexique` : où une méthode échoue, ce qu'une autre gagne, et
  quelles requêtes du jeu d'évaluation figurent mot pour mot dans le lexique de synonymes ;
- :func:`evaluer_sur_les_titres`, :func:`chercher_dans_les_titres`, :func:`recherche_semantique_avec`,
  :func:`gagnees_par` : la recherche par le sens seul avec un autre modèle de plongements (par exemple
  all-MiniLM-L6-v2, via sentence-transformers) ;
- :func:`lexique_modifie`, :func:`avant_apres` : l'effet de synonymes ajoutés ou retirés, en mémoire (aucun fichier
  modifié).

Rien de ce qui est tapé n'est écrit sur le disque : seuls les intitulés du ROME (textes de l'atelier) peuvent
être mis en cache par :func:`evaluer_sur_les_titres`.
"""
from __future__ import annotations

import contextlib
import functools
import math
import re

import numpy as np
import pandas as pd

from atelier import classement, data, embeddings, recherche, vecteurs_livres
from atelier.erreurs import EntreeInvalide
from atelier.libelles import sans_accents
from atelier.statistiques import intervalle_wilson  # noqa: F401 (cr.intervalle_wilson)

#: Les types de requêtes des deux jeux étiquetés (titres, puis requêtes profanes), dans l'ordre de leurs fiches
#: descriptives, et leur nom lisible.
TYPES = {
    "faute_de_frappe": "faute de frappe",
    "sans_accent": "sans accent",
    "forme_feminine": "forme féminine",
    "familier": "familier",
    "abreviation": "abréviation",
    "anglais": "anglais",
    "ensemble": "ensemble",
    "description": "description du travail",
    "envie": "envie",
    "ess": "métier de l'ESS",
    "sms": "écriture SMS",
}
#: Les deux recherches que compare la partie 8 de la leçon 02 (« quand on ne connaît pas le nom du métier ») :
#: les titres seuls (:func:`atelier.recherche.chercher_metiers`) et les titres avec les textes des fiches
#: (:func:`atelier.recherche.chercher`). À évaluer avec ``recherche.evaluer(..., par_fiche=True)``.
TITRES_ET_FICHES = {"titres seuls": recherche.chercher_metiers, "titres et fiches": recherche.chercher}
#: Les mesures : le bon métier en 1re position, ou parmi les 5 premiers.
MESURES = {"top1": "top-1", "top5": "top-5"}
#: Affiché quand une méthode ne renvoie rien à ce rang.
AUCUN = "—"
#: Marque d'un résultat qui appartient à l'une des fiches attendues.
BON = "✅ "
_MOT = re.compile(r"[a-z0-9]+")


def cle(texte: str) -> str:
    """Un texte réduit à ses mots, sans accents ni majuscules : « Éduc' spé » → « educ spe »."""
    return " ".join(_MOT.findall(sans_accents(str(texte))))


def _noms_methodes(methodes: dict | None) -> dict:
    return methodes or recherche.METHODES


@functools.lru_cache(maxsize=1)
def _attendus_du_jeu() -> dict[str, frozenset[str]]:
    attendus = {}
    for q in (data.requetes_recherche(), data.requetes_profanes()):
        attendus.update({r: frozenset(c.split("|")) for r, c in zip(q["requete"], q["codes_rome_attendus"])})
    return attendus


def attendus(requete: str) -> frozenset[str]:
    """Les codes ROME acceptés pour une requête des jeux étiquetés (titres ou requêtes profanes ; ensemble vide si
    elle n'y est pas)."""
    return _attendus_du_jeu().get(requete, frozenset())


def comparer(requetes: list[str], k: int = 3, methodes: dict | None = None, marquer: bool = True) -> pd.DataFrame:
    """Les ``k`` premiers intitulés de chaque méthode, côte à côte : une ligne par (requête, rang). Une méthode qui
    rend des fiches (:func:`atelier.recherche.chercher`) montre l'intitulé de la fiche.

    Avec ``marquer=True``, un intitulé dont la fiche fait partie des réponses attendues du jeu étiqueté est
    précédé de ✅ (seulement pour les requêtes de ce jeu). « — » : la méthode n'a rien trouvé à ce rang.
    """
    methodes = _noms_methodes(methodes)
    lignes = []
    for requete in requetes:
        bons = attendus(requete) if marquer else frozenset()
        resultats = {nom: fn(requete, k=k) for nom, fn in methodes.items()}
        for rang in range(k):
            ligne = {"requête": requete, "rang": rang + 1}
            for nom, res in resultats.items():
                if rang < len(res):
                    ok = res["code_rome"].iloc[rang] in bons
                    intitule = res["intitule" if "intitule" in res.columns else "appellation"].iloc[rang]
                    ligne[nom] = (BON if ok else "") + str(intitule)
                else:
                    ligne[nom] = AUCUN
            lignes.append(ligne)
    return pd.DataFrame(lignes).set_index(["requête", "rang"])


# --- de quoi est fait le score combiné ----------------------------------------------------------------

def detail_du_score(requete: str, k: int = 5) -> pd.DataFrame:
    """Les ``k`` premiers résultats de :func:`atelier.recherche.chercher_metiers` et les ingrédients de leur score.

    Pour la meilleure forme (complète, masculine ou féminine) de chaque intitulé :

    - ``similarite_brute`` : le cosinus e5 entre la requête et la forme ;
    - ``sens_e5`` : ce cosinus centré réduit (écarts-types au-dessus de la moyenne de toutes les formes) ;
    - ``passerelle`` : la même chose pour l'intitulé atteint par un synonyme ou un libellé ESCO (vide s'il n'y en
      a pas) ; seul le plus grand des deux, ``sens_e5`` ou ``passerelle``, compte ;
    - ``mots`` : la part des mots tapés retrouvés dans la forme, fautes comprises, multipliée par
      ``recherche.POIDS_LEXICAL`` ;
    - ``bonus`` : le petit avantage de l'intitulé principal d'une fiche ;
    - ``score`` = max(``sens_e5``, ``passerelle``) + ``mots`` + ``bonus`` : le score de ``chercher_metiers``.
    """
    texte = recherche.nettoyer_requete(requete)
    colonnes = ["appellation", "code_rome", "forme", "similarite_brute", "sens_e5", "passerelle", "mots", "bonus",
                "score"]
    if not texte:
        return pd.DataFrame(columns=colonnes)
    idx = recherche.index()
    brute, pont, synonyme_exact = recherche._sens(idx, texte)
    sens = recherche._centrer(brute)
    pont = recherche._centrer(pont) if pont is not None else np.full_like(sens, np.nan)
    mots = recherche.POIDS_LEXICAL * recherche._scores_lexicaux(idx, texte, exact=synonyme_exact)
    par_forme = np.fmax(sens, pont) + mots
    formes = idx.formes_du_metier
    meilleure = formes[np.arange(len(formes)), par_forme[formes].argmax(axis=1)]
    scores = par_forme[meilleure] + idx.bonus
    k = max(0, min(int(k), len(scores)))
    if k == 0:
        return pd.DataFrame(columns=colonnes)
    top = classement.premiers(scores, k, departage=idx.metiers["appellation"].to_numpy())
    f = meilleure[top]
    return pd.DataFrame({
        "appellation": idx.metiers["appellation"].to_numpy()[top],
        "code_rome": idx.metiers["code_rome"].to_numpy()[top],
        "forme": [idx.formes[i] for i in f],
        "similarite_brute": brute[f].astype(float),
        "sens_e5": sens[f].astype(float),
        "passerelle": pont[f].astype(float),
        "mots": mots[f].astype(float),
        "bonus": idx.bonus[top].astype(float),
        "score": scores[top].astype(float),
    })


# --- les taux de réussite -----------------------------------------------------------------------------

def _reussites(evaluation: pd.DataFrame) -> pd.DataFrame:
    return evaluation.assign(top1=evaluation["rang"].eq(1), top5=evaluation["rang"].le(5))


def _ordre_methodes(evaluation: pd.DataFrame) -> list[str]:
    presentes = list(dict.fromkeys(evaluation["methode"]))
    connues = [m for m in recherche.METHODES if m in presentes]
    return connues + [m for m in presentes if m not in connues]


def _ordre_types(evaluation: pd.DataFrame) -> list[str]:
    presents = set(evaluation["type"])
    return [t for t in TYPES if t in presents] + sorted(presents - set(TYPES))


def tableau_des_taux(evaluation: pd.DataFrame, mesure: str = "top1") -> pd.DataFrame:
    """Taux de réussite (``top1`` ou ``top5``) : une ligne par type de requête (puis « ensemble »), une colonne
    par méthode, et le nombre de requêtes. Mêmes chiffres que :func:`atelier.recherche.taux_de_reussite`."""
    if mesure not in MESURES:
        raise ValueError(f"mesure doit valoir {' ou '.join(MESURES)}, pas {mesure!r}.")
    taux = recherche.taux_de_reussite(evaluation)[mesure].unstack("methode")
    types = _ordre_types(evaluation) + ["ensemble"]
    methodes = _ordre_methodes(evaluation)
    tableau = taux.loc[types, methodes]
    une_methode = evaluation[evaluation["methode"] == methodes[0]]
    n = une_methode.groupby("type").size()
    tableau.insert(0, "requêtes", [int(n.get(t, len(une_methode))) for t in types])
    tableau.index = [TYPES.get(t, t) for t in types]
    tableau.index.name = "type de requête"
    tableau.columns.name = None
    return tableau


def intervalles(evaluation: pd.DataFrame, methode: str, confiance: float = 0.95) -> pd.DataFrame:
    """Pour une méthode : par type de requête (et « ensemble »), le nombre de requêtes, les taux top-1 et
    top-5 et leurs intervalles de confiance de Wilson."""
    ev = _reussites(evaluation[evaluation["methode"] == methode])
    if ev.empty:
        raise ValueError(f"aucune ligne pour la méthode « {methode} ».")
    lignes = []
    for t in _ordre_types(ev) + ["ensemble"]:
        part = ev if t == "ensemble" else ev[ev["type"] == t]
        ligne = {"type de requête": TYPES.get(t, t), "requêtes": len(part)}
        for m, nom in MESURES.items():
            s = int(part[m].sum())
            bas, haut = intervalle_wilson(s, len(part), confiance)
            ligne.update({nom: s / len(part), f"{nom} bas": bas, f"{nom} haut": haut})
        lignes.append(ligne)
    return pd.DataFrame(lignes).set_index("type de requête")


def figure_des_taux(evaluation: pd.DataFrame, titre: str = "Taux de réussite par type de requête",
                    confiance: float = 0.95, legende: str = "Méthode de recherche"):
    """Barres groupées (top-1 en haut, top-5 en bas) : un groupe par type de requête, une barre par méthode.

    Couleurs Okabe-Ito doublées de hachures ; traits verticaux : intervalles de confiance de Wilson.
    ``legende`` : le titre de la légende (« Méthode de recherche », « Modèle »…).
    Renvoie ``(figure, texte_alternatif)``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from atelier.figures import graduations_fr, nombre_fr
    from atelier.palette import couleurs

    methodes = _ordre_methodes(evaluation)
    types = _ordre_types(evaluation) + ["ensemble"]
    hachures = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]
    teintes = couleurs(len(methodes))
    fig, axes = plt.subplots(2, 1, figsize=(11, 8.2), sharex=True)
    largeur = 0.8 / len(methodes)
    x = np.arange(len(types))
    descriptions = []
    for ax, (mesure, nom_mesure) in zip(axes, MESURES.items()):
        taux = tableau_des_taux(evaluation, mesure)
        for j, methode in enumerate(methodes):
            valeurs = taux[methode].to_numpy(dtype=float)
            bornes = [intervalle_d_un_taux(evaluation, methode, t, mesure, confiance) for t in types]
            erreurs = np.clip(np.array([[v - b, h - v] for v, (b, h) in zip(valeurs, bornes)]).T, 0, None)
            ax.bar(x + (j - (len(methodes) - 1) / 2) * largeur, valeurs, largeur * 0.95, color=teintes[j],
                   hatch=hachures[j % len(hachures)], edgecolor="white", linewidth=0.6, label=methode,
                   yerr=erreurs, error_kw=dict(ecolor="#333333", elinewidth=0.9, capsize=2))
            descriptions.append(f"{nom_mesure}, {methode} : " + ", ".join(
                f"{TYPES.get(t, t)} {nombre_fr(v)}" for t, v in zip(types, valeurs)))
        ax.axvline(len(types) - 1.5, color="#999999", lw=0.8, ls=":")
        ax.set_ylim(0, 1.05)
        ax.set_ylabel(f"Part des requêtes réussies\n({nom_mesure})")
        graduations_fr(ax, "y")
        ax.set_title(f"{'Le bon métier en 1re position' if mesure == 'top1' else 'Le bon métier parmi les 5 premiers'}"
                     f" ({nom_mesure})", fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#dddddd", lw=0.6)
        ax.set_axisbelow(True)
    n = evaluation[evaluation["methode"] == methodes[0]].groupby("type").size()
    axes[1].set_xticks(x, [f"{TYPES.get(t, t)}\n({int(n.get(t, n.sum()))} requêtes)" for t in types])
    axes[1].set_xlabel("Type de requête")
    poignees = [Patch(facecolor=teintes[j], hatch=hachures[j % len(hachures)], edgecolor="white", label=m)
                for j, m in enumerate(methodes)]
    fig.legend(handles=poignees, title=legende, loc="upper center", ncol=len(methodes),
               bbox_to_anchor=(0.5, 0.945), frameon=False)
    fig.suptitle(titre, fontsize=13)
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    alt = (f"Graphique en barres groupées « {titre} », en deux parties (top-1 en haut, top-5 en bas). "
           f"Axe horizontal : le type de requête ; axe vertical : la part des requêtes réussies, de 0 à 1 ; "
           f"une barre par {legende[:1].lower() + legende[1:]} ({', '.join(methodes)}), avec un trait vertical pour l'intervalle de confiance "
           f"à {round(confiance * 100)} %. Valeurs — " + " ; ".join(descriptions) + ".")
    return fig, alt


def intervalle_d_un_taux(evaluation: pd.DataFrame, methode: str, type_: str, mesure: str = "top1",
                       confiance: float = 0.95) -> tuple[float, float]:
    """L'intervalle de Wilson d'un seul taux (une méthode, un type de requête ou « ensemble », une mesure)."""
    ev = _reussites(evaluation[evaluation["methode"] == methode])
    if type_ != "ensemble":
        ev = ev[ev["type"] == type_]
    return intervalle_wilson(int(ev[mesure].sum()), len(ev), confiance)


# --- les échecs ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _intitules_fiches() -> dict[str, str]:
    f = data.fiches()
    return dict(zip(f["code_rome"], f["intitule"]))


def echecs(evaluation: pd.DataFrame, methode: str, mesure: str = "top5", requetes: pd.DataFrame | None = None,
           par_type: int | None = None) -> pd.DataFrame:
    """Les requêtes ratées par une méthode (``top5`` : pas de bonne fiche parmi les 5 premiers ; ``top1`` :
    pas en première position), avec ce qu'elle a proposé en premier et la fiche attendue.

    ``par_type`` : n'en garder que les premières de chaque type (dans l'ordre du jeu étiqueté).
    """
    ev = _reussites(evaluation[evaluation["methode"] == methode])
    rates = ev[~ev[mesure]]
    requetes = data.requetes_recherche() if requetes is None else requetes
    codes = dict(zip(requetes["requete"], requetes["codes_rome_attendus"]))
    noms = _intitules_fiches()
    sortie = pd.DataFrame({
        "requête": rates["requete"].to_numpy(),
        "type": [TYPES.get(t, t) for t in rates["type"]],
        "rang du bon métier": [("au-delà de 5" if math.isnan(r) else int(r)) for r in rates["rang"]],
        "proposé en premier": [p or "(aucun résultat)" for p in rates["premier"]],
        "fiche attendue": [" ou ".join(noms.get(c, c) for c in str(codes.get(r, "")).split("|"))
                           for r in rates["requete"]],
    })
    if par_type is not None:
        sortie = sortie.groupby("type", sort=False).head(par_type)
    return sortie.reset_index(drop=True)


def duel(evaluation: pd.DataFrame, methode_a: str, methode_b: str, mesure: str = "top1") -> dict[str, int]:
    """Sur les mêmes requêtes : combien sont réussies par ``methode_a`` seulement, par ``methode_b`` seulement,
    par les deux, par aucune."""
    ev = _reussites(evaluation)
    a = ev[ev["methode"] == methode_a].set_index("requete")[mesure]
    b = ev[ev["methode"] == methode_b].set_index("requete")[mesure].reindex(a.index)
    return {f"{methode_a} seulement": int((a & ~b).sum()), f"{methode_b} seulement": int((~a & b).sum()),
            "les deux": int((a & b).sum()), "aucune": int((~a & ~b).sum())}


def dans_le_lexique(requetes: pd.DataFrame | list[str]) -> pd.Series:
    """Pour chaque requête : est-elle, mot pour mot (sans accents ni majuscules), un terme du lexique de
    synonymes écrit pour l'atelier (``datasets/synonymes_metiers.csv``) ?"""
    textes = requetes["requete"] if isinstance(requetes, pd.DataFrame) else pd.Series(list(requetes))
    termes = {cle(t) for t in data.synonymes()["terme"]}
    return textes.map(lambda r: cle(r) in termes).astype(bool).rename("dans_le_lexique")


# --- un autre modèle de plongements -------------------------------------------------------------------

def oublier_les_modeles_compares() -> None:
    """Libère la mémoire des modèles chargés pour la comparaison (MiniLM et ses vecteurs, ≈ 100 Mo) : les
    encodeurs gardés par ``embeddings.modele`` et les vecteurs d'intitulés gardés ici. Le modèle de l'atelier se
    recharge tout seul à la recherche suivante. Les variables du notebook qui les désignent encore doivent être
    effacées aussi (``%reset_selective``), sinon la mémoire reste prise."""
    _vecteurs_titres.cache_clear()
    embeddings.modele.cache_clear()
    import gc

    gc.collect()


@functools.lru_cache(maxsize=4)
def _vecteurs_titres(embedder: embeddings.Encodeur | None) -> np.ndarray:
    if embedder is None:
        return vecteurs_livres.vecteurs_metiers()
    livres = vecteurs_livres.vecteurs_appellations(embedder.moteur.key)     # MiniLM : livrés avec l'atelier
    if livres is not None:
        return livres
    # Des intitulés du ROME : des textes de l'atelier, qu'on peut garder en cache sur le disque.
    return embedder.encode(data.metiers()["appellation"].tolist(), prefixe="query", cache=True)


def _encoder_requetes(textes: list[str], embedder: embeddings.Encodeur | None) -> np.ndarray:
    # Ce qui est tapé n'est jamais mis en cache.
    if embedder is None:
        return embeddings.encode(textes, prefixe="query", cache=False, progression=False)
    return embedder.encode(textes, prefixe="query", cache=False, progression=False)


def chercher_dans_les_titres(requete: str, embedder: embeddings.Encodeur | None = None, k: int = 5) -> pd.DataFrame:
    """Le sens seul, sur les 13 120 intitulés complets : les ``k`` plus proches de ``requete`` pour un modèle.

    ``embedder`` : ``None`` pour le modèle par défaut (e5, vecteurs livrés), ou un moteur obtenu par
    :func:`atelier.embeddings.modele` (par exemple ``modele("sentence-transformers")``).
    """
    texte = recherche.nettoyer_requete(requete)
    m = data.metiers()
    if not texte:
        return pd.DataFrame(columns=["code_rome", "appellation", "similarite"])
    sim = _vecteurs_titres(embedder) @ _encoder_requetes([texte], embedder)[0]
    top = classement.premiers(sim, k, departage=m["appellation"].to_numpy())
    return pd.DataFrame({"code_rome": m["code_rome"].to_numpy()[top], "appellation": m["appellation"].to_numpy()[top],
                         "similarite": sim[top].astype(float)})


def evaluer_sur_les_titres(requetes: pd.DataFrame, embedder: embeddings.Encodeur | None = None,
                           nom: str | None = None, k: int = 5) -> pd.DataFrame:
    """Comme :func:`atelier.recherche.evaluer`, pour la recherche par le sens seul sur les 13 120 intitulés
    complets, avec le modèle ``embedder`` (``None`` : e5 par défaut). Colonnes : requete, type, methode, rang,
    premier."""
    nom = nom or (embedder.moteur.model_name if embedder is not None else "multilingual-e5-small")
    titres = _vecteurs_titres(embedder)
    q = _encoder_requetes(requetes["requete"].tolist(), embedder)
    sim = q @ titres.T
    codes = data.metiers()["code_rome"].to_numpy()
    appellations = data.metiers()["appellation"].to_numpy()
    lignes = []
    for i, row in enumerate(requetes.itertuples(index=False)):
        bons = set(str(row.codes_rome_attendus).split("|"))
        top = classement.premiers(sim[i], k, departage=appellations)
        rangs = [j + 1 for j, t in enumerate(top) if codes[t] in bons]
        lignes.append({"requete": row.requete, "type": row.type, "methode": nom,
                       "rang": rangs[0] if rangs else math.nan, "premier": appellations[top[0]]})
    return pd.DataFrame(lignes)


def recherche_semantique_avec(embedder: embeddings.Encodeur | None = None):
    """Une fonction ``chercher(requete, k)`` : le sens seul, sur les 13 120 intitulés, avec ce modèle ; à
    passer à :func:`comparer` (``methodes={"e5": recherche_semantique_avec(), "MiniLM": ...}``)."""

    def chercher(requete: str, k: int = 5) -> pd.DataFrame:
        return chercher_dans_les_titres(requete, embedder, k)

    return chercher


def gagnees_par(evaluation: pd.DataFrame, methode_a: str, methode_b: str, mesure: str = "top5") -> pd.DataFrame:
    """Les requêtes réussies par ``methode_a`` et ratées par ``methode_b``, avec le premier résultat de chacune."""
    ev = _reussites(evaluation)
    a = ev[ev["methode"] == methode_a].set_index("requete")
    b = ev[ev["methode"] == methode_b].set_index("requete").reindex(a.index)
    garder = a[mesure] & ~b[mesure].astype(bool)
    return pd.DataFrame({
        "requête": a.index[garder],
        "type": [TYPES.get(t, t) for t in a.loc[garder, "type"]],
        f"premier résultat ({methode_a})": a.loc[garder, "premier"].to_numpy(),
        f"premier résultat ({methode_b})": b.loc[garder, "premier"].to_numpy(),
    }).reset_index(drop=True)


# --- une liste de synonymes, en mémoire ---------------------------------------------------------------

@contextlib.contextmanager
def lexique_modifie(ajouts: dict[str, str] | None = None, vider: bool = False):
    """Le temps d'un bloc ``with``, la recherche combinée utilise un lexique de synonymes modifié, en mémoire.

    - ``ajouts`` : ``{terme: intitulé exact du ROME}``, des synonymes en plus (« gardien de prison » →
      « Surveillant pénitentiaire / Surveillante pénitentiaire ») ;
    - ``vider=True`` : sans aucun des synonymes écrits pour l'atelier (il reste les libellés ESCO).

    Rien n'est écrit : ``datasets/synonymes_metiers.csv`` n'est pas modifié. L'index de recherche est
    reconstruit à l'entrée et à la sortie du bloc (deux fois environ 2 secondes)::

        with lexique_modifie({"gardien de prison": "Surveillant pénitentiaire / Surveillante pénitentiaire"}):
            recherche.chercher_metiers("gardien de prison")
    """
    lignes = data.synonymes()
    if vider:
        lignes = lignes.iloc[0:0]
    if ajouts:
        metiers = data.metiers()
        code_de = dict(zip(metiers["appellation"], metiers["code_rome"]))
        nouvelles = []
        for terme, appellation in ajouts.items():
            if not str(terme).strip():
                raise EntreeInvalide("un synonyme ne peut pas être vide.")
            if appellation not in code_de:
                raise EntreeInvalide(
                    f"« {appellation} » n'est pas un intitulé exact du ROME. Recopiez-le tel qu'il s'affiche dans "
                    "la colonne « appellation » d'un résultat de recherche.chercher_metiers(...).")
            nouvelles.append({"terme": str(terme), "type": "familier", "appellation_rome": appellation,
                              "code_rome": code_de[appellation], "commentaire": "ajouté en mémoire"})
        lignes = pd.concat([lignes, pd.DataFrame(nouvelles)], ignore_index=True)
    original = data.synonymes
    data.synonymes = lambda: lignes.copy()
    recherche.index.cache_clear()
    try:
        recherche.index()
        yield
    finally:
        data.synonymes = original
        recherche.index.cache_clear()


def avant_apres(requetes: list[str], ajouts: dict[str, str], k: int = 3) -> pd.DataFrame:
    """Les ``k`` premiers résultats de la recherche combinée sans, puis avec les synonymes ``ajouts`` (en
    mémoire, voir :func:`lexique_modifie`) : une ligne par (requête, rang)."""
    avant = comparer(requetes, k=k, methodes={"sans vos synonymes": recherche.chercher_metiers})
    with lexique_modifie(ajouts):
        apres = comparer(requetes, k=k, methodes={"avec vos synonymes": recherche.chercher_metiers})
    return avant.join(apres)


def effet_du_lexique(evaluation: pd.DataFrame, requetes: pd.DataFrame | None = None) -> pd.DataFrame:
    """La recherche combinée avec et sans le lexique écrit pour l'atelier, sur les requêtes qui en sont un terme.

    « avec le lexique » reprend les lignes ``combinée`` de ``evaluation`` (rien n'est recalculé) ; « sans le
    lexique » relance :func:`atelier.recherche.evaluer` sur ces requêtes, le lexique vidé en mémoire
    (:func:`lexique_modifie`). Renvoie une évaluation aux deux méthodes, à passer à :func:`tableau_des_taux`.
    """
    requetes = data.requetes_recherche() if requetes is None else requetes
    concernees = requetes[dans_le_lexique(requetes).to_numpy()]
    avec = evaluation[(evaluation["methode"] == "combinée") & evaluation["requete"].isin(concernees["requete"])]
    if avec.empty:
        raise ValueError("l'évaluation ne contient pas la méthode « combinée » pour ces requêtes.")
    with lexique_modifie(vider=True):
        sans = recherche.evaluer(concernees, {"sans le lexique": recherche.chercher_metiers})
    return pd.concat([avec.assign(methode="avec le lexique"), sans], ignore_index=True)

