"""La carte des métiers : 13 120 intitulés ROME posés sur un plan, et ce que ce plan garde ou invente.

Un plongement (*embedding*) décrit chaque intitulé par 384 nombres. Pour le **voir**, on le projette sur deux
dimensions avec UMAP (*Uniform Manifold Approximation and Projection*) : des intitulés voisins en 384
dimensions restent voisins sur la carte. Le reste (la distance entre deux groupes, la taille d'un groupe,
l'orientation des axes) est en grande partie **inventé** par la projection. Ce module **mesure** ; les figures
sont dans :mod:`atelier.dessin_carte`. Il fournit :

- :func:`carte` : la carte livrée (coordonnées calculées une fois pour les 13 120 intitulés) ;
- :func:`sous_ensemble` et :func:`projeter` : une carte recalculée « en direct » sur un échantillon ;
- :func:`voisinage_preserve` et :func:`voisinage_commun` : ce que la carte garde (la part des voisins conservés) ;
- :func:`domaines_paires` et :func:`etalement_domaines` : ce qu'elle invente (distances et tailles des groupes) ;
- :func:`placer` : vos propres mots posés sur la carte livrée (une approximation).

Rien ici ne dépend de Jupyter ni de matplotlib : tout se teste avec pytest. ``umap`` n'est jamais importé dans
ce processus : :func:`projeter` calcule dans un processus à part (:mod:`atelier.calcul_umap`).

>>> from atelier import cartographie
>>> cartographie.carte().shape[0]                                              # doctest: +SKIP
13120
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Iterable

import numpy as np
import pandas as pd

from atelier import calcul_umap, classement, data, embeddings, vecteurs_livres
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from atelier.nombres import nombre_court, nombre_fr

#: Au-delà de ce nombre de lignes, pas de calcul UMAP en direct (voir :func:`projeter`).
LIMITE_DIRECT = 4_000
#: Nombre maximal de mots placés d'un coup sur la carte.
MAX_MOTS = 20
#: Longueur maximale d'un mot ou d'une expression à placer (au-delà, le texte est coupé).
MAX_CARACTERES_MOT = 200


# ── Les données de la carte ──────────────────────────────────────────────────────────────────────────────

def carte() -> pd.DataFrame:
    """La carte livrée : une ligne par appellation ROME, avec ses coordonnées ``x``, ``y`` (UMAP, 2D).

    L'index du tableau est le numéro de ligne de l'appellation dans :func:`atelier.data.metiers` et
    :func:`atelier.vecteurs_livres.vecteurs_metiers` : ``vecteurs_de(df)`` retrouve les vecteurs de n'importe quel
    extrait.
    """
    df = data.carte_metiers()
    if df[["x", "y"]].isna().any().any():
        raise DonneesIndisponibles(
            "des appellations n'ont pas de coordonnées dans datasets/carte_metiers_umap.csv ; "
            f"reconstruisez les données : {data.REBUILD_COMMAND}"
        )
    return df


def parametres() -> dict:
    """Les paramètres UMAP qui ont produit la carte livrée (voisins, distance minimale, graine…)."""
    return data.parametres_carte()


def legende_parametres(params: dict, n: int | None = None) -> str:
    """Une ligne lisible : « UMAP · 15 voisins (n_neighbors) · min_dist 0,1 · distance cosinus · graine 42 »."""
    morceaux = ["UMAP"]
    if "n_neighbors" in params:
        morceaux.append(f"{params['n_neighbors']} voisins (n_neighbors)")
    if "min_dist" in params:
        morceaux.append(f"min_dist {_nombre(params['min_dist'])}")
    morceaux.append(f"distance {'cosinus' if params.get('metric', 'cosine') == 'cosine' else params['metric']}")
    graine = params.get("random_state", params.get("graine"))
    if graine is not None:
        morceaux.append(f"graine {graine}")
    if n is not None:
        morceaux.append(f"{_entier(n)} intitulés")
    return " · ".join(morceaux)


def _nombre(x: float) -> str:
    return nombre_court(x)


def _entier(n: int) -> str:
    return nombre_fr(n, 0)


def vecteurs_de(df: pd.DataFrame) -> np.ndarray:
    """Les vecteurs 384-d (float32, normés) des appellations d'un extrait de :func:`carte`, dans son ordre."""
    return vecteurs_livres.vecteurs_metiers()[df.index.to_numpy()]


def sous_ensemble(n: int = 3000, graine: int = 0) -> pd.DataFrame:
    """Un échantillon de ``n`` appellations tirées au hasard **dans chaque grand domaine** (stratifié).

    Chaque domaine garde sa part du total (au moins une appellation), pour qu'une carte recalculée sur
    l'échantillon ressemble à la carte complète. ``n`` est plafonné à :data:`LIMITE_DIRECT` (4 000) : au-delà,
    UMAP devient lent à chaque nouveau lancement. Même ``graine`` → même échantillon.
    """
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise EntreeInvalide(f"n doit être un nombre entier d'appellations, pas {n!r}.") from None
    df = carte()
    effectifs = df.groupby("code_grand_domaine").size().sort_index()
    if not len(effectifs) <= n <= LIMITE_DIRECT:
        raise EntreeInvalide(
            f"choisissez entre {len(effectifs)} et {_entier(LIMITE_DIRECT)} appellations (vous avez demandé {n}) : "
            "au-delà, le calcul en direct devient trop lent ; la carte complète est déjà calculée (carte())."
        )
    # Répartition proportionnelle (méthode du plus fort reste), au moins 1 par domaine.
    ideal = effectifs / effectifs.sum() * (n - len(effectifs))
    parts = np.floor(ideal).astype(int) + 1
    reste = n - int(parts.sum())
    ordre = np.argsort(-(ideal - np.floor(ideal)).to_numpy(), kind="stable")
    parts.iloc[ordre[:reste]] += 1
    rng = np.random.default_rng(graine)
    choisis = []
    for code, k in parts.items():
        lignes = df.index[df["code_grand_domaine"] == code].to_numpy()
        choisis.append(rng.choice(lignes, size=min(int(k), len(lignes)), replace=False))
    return df.loc[np.sort(np.concatenate(choisis))]


# ── UMAP en direct ───────────────────────────────────────────────────────────────────────────────────────

_MEMOIRE: OrderedDict[tuple, np.ndarray] = OrderedDict()
_MEMOIRE_TAILLE = 8


def projeter(vecteurs: np.ndarray, n_neighbors: int = 15, min_dist: float = 0.1, graine: int = 42) -> np.ndarray:
    """Projette des vecteurs sur un plan avec UMAP (distance cosinus) : tableau ``(n, 2)`` float32.

    - ``n_neighbors`` : combien de voisins chaque point regarde. Petit → la carte soigne les détails locaux
      (beaucoup de petits îlots) ; grand → elle soigne l'allure d'ensemble ;
    - ``min_dist`` : à quel point les points d'un même groupe peuvent se tasser (0 = très serrés) ;
    - ``graine`` : la graine du hasard. Une autre graine donne une autre carte, tout aussi « vraie ».

    Limité à :data:`LIMITE_DIRECT` lignes. Le calcul se fait dans un processus à part, qui compile le code d'UMAP
    (numba) puis s'arrête (:mod:`atelier.calcul_umap`) : comptez 20 à 40 secondes pour 2 000 lignes. Un calcul déjà
    fait (mêmes vecteurs, mêmes paramètres) est repris en mémoire.
    """
    v = np.asarray(vecteurs, dtype=np.float32)
    if v.ndim != 2 or len(v) < 3:
        raise EntreeInvalide("il faut un tableau de vecteurs (une ligne par texte) d'au moins 3 lignes.")
    if len(v) > LIMITE_DIRECT:
        raise EntreeInvalide(
            f"{_entier(len(v))} lignes, c'est trop pour un calcul en direct (limite : {_entier(LIMITE_DIRECT)}) ; "
            "prenez un échantillon avec sous_ensemble(), ou utilisez la carte déjà calculée (carte())."
        )
    try:
        n_neighbors, min_dist, graine = int(n_neighbors), float(min_dist), int(graine)
    except (TypeError, ValueError):
        raise EntreeInvalide("n_neighbors et graine doivent être des entiers, min_dist un nombre.") from None
    if not 2 <= n_neighbors < len(v):
        raise EntreeInvalide(f"n_neighbors doit être compris entre 2 et {len(v) - 1} (ici {n_neighbors}).")
    if not 0.0 <= min_dist <= 1.0:
        raise EntreeInvalide(f"min_dist doit être compris entre 0 et 1 (ici {_nombre(min_dist)}).")
    cle = (hashlib.sha1(v.tobytes()).hexdigest(), v.shape, n_neighbors, min_dist, graine)
    if cle in _MEMOIRE:
        _MEMOIRE.move_to_end(cle)
        return _MEMOIRE[cle].copy()
    # Dans un processus à part, qui rend sa mémoire à la fin (≈ 330 Mo pour UMAP et son code compilé) : le noyau
    # n'importe jamais UMAP. Mêmes réglages, même graine : les mêmes coordonnées qu'un calcul dans le noyau.
    coords = calcul_umap.projeter_a_part(v, n_neighbors, min_dist, graine)
    _MEMOIRE[cle] = coords
    while len(_MEMOIRE) > _MEMOIRE_TAILLE:
        _MEMOIRE.popitem(last=False)
    return coords.copy()


def parametres_projection(n_neighbors: int = 15, min_dist: float = 0.1, graine: int = 42) -> dict:
    """Les paramètres d'un appel à :func:`projeter`, au format de :func:`parametres` (pour les légendes)."""
    return {"n_neighbors": int(n_neighbors), "min_dist": float(min_dist), "metric": "cosine",
            "random_state": int(graine), "n_components": 2}


# ── Ce que la carte garde : les voisinages ──────────────────────────────────────────────────────────────

def _voisins_cosinus(v: np.ndarray, k: int) -> np.ndarray:
    """Les ``k`` plus proches voisins cosinus de chaque ligne, elle exclue : les mêmes sur toutes les machines."""
    return calcul_umap.voisins_exacts(v, k + 1)[0][:, 1:]


def _voisins_plan(coords: np.ndarray, k: int) -> np.ndarray:
    from sklearn.neighbors import KDTree

    coords = np.asarray(coords, dtype=np.float64)
    _, idx = KDTree(coords).query(coords, k=k + 1)
    out = np.empty((len(coords), k), dtype=np.int64)
    for i, ligne in enumerate(idx):
        sans_soi = ligne[ligne != i]                   # soi-même, où qu'il soit (points superposés)
        out[i] = sans_soi[:k]
    return out


def voisinage_preserve(vecteurs_hd: np.ndarray, coords_2d: np.ndarray, k: int = 10) -> np.ndarray:
    """Pour chaque point, la part (0 à 1) de ses ``k`` plus proches voisins en 384 dimensions (cosinus) qui
    sont encore parmi ses ``k`` plus proches voisins sur la carte (distance ordinaire du plan).

    C'est **ce que la carte garde** : 1 = tous les voisins conservés, 0 = aucun. Au hasard, on en garderait
    en moyenne ``k / (n - 1)`` (voir :func:`part_au_hasard`). La moyenne du tableau résume la carte.
    """
    hd = np.asarray(vecteurs_hd)
    plan = np.asarray(coords_2d)
    if hd.ndim != 2 or plan.ndim != 2 or plan.shape[1] != 2 or len(hd) != len(plan):
        raise EntreeInvalide("il faut autant de vecteurs que de points de la carte (coordonnées en 2 colonnes).")
    k = int(k)
    if not 1 <= k < len(hd):
        raise EntreeInvalide(f"k doit être compris entre 1 et {len(hd) - 1} (ici {k}).")
    a = _voisins_cosinus(hd, k)
    b = _voisins_plan(plan, k)
    communs = [len(np.intersect1d(x, y, assume_unique=True)) for x, y in zip(a, b)]
    return np.asarray(communs, dtype=np.float64) / k


def part_au_hasard(n: int, k: int = 10) -> float:
    """La part de voisins qu'une carte aux points placés au hasard garderait en moyenne : ``k / (n - 1)``."""
    return k / (n - 1)


def voisinage_commun(coords_a: np.ndarray, coords_b: np.ndarray, k: int = 10) -> np.ndarray:
    """Pour chaque point, la part de ses ``k`` plus proches voisins sur la carte A qui le sont aussi sur la B."""
    a = _voisins_plan(np.asarray(coords_a, float), k)
    b = _voisins_plan(np.asarray(coords_b, float), k)
    return np.asarray([len(np.intersect1d(x, y, assume_unique=True)) for x, y in zip(a, b)], float) / k


# ── Ce que la carte invente : distances et tailles des groupes ───────────────────────────────────────────

def _cosinus_moyens(df: pd.DataFrame, vecteurs: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Codes, similarité cosinus moyenne entre domaines (matrice) et à l'intérieur de chaque domaine."""
    codes = sorted(df["code_grand_domaine"].unique())
    groupes = [np.flatnonzero(df["code_grand_domaine"].to_numpy() == c) for c in codes]

    def somme_normee(g: np.ndarray) -> np.ndarray:
        # domaine par domaine : pas de copie float64 de toute la table (80 Mo pour les 13 120 intitulés)
        vg = np.asarray(vecteurs[g], dtype=np.float64)
        return (vg / np.linalg.norm(vg, axis=1, keepdims=True)).sum(axis=0)

    sommes = np.stack([somme_normee(g) for g in groupes])
    tailles = np.array([len(g) for g in groupes], dtype=np.float64)
    # Vecteurs unitaires : la moyenne des cosinus de toutes les paires (a, b) est le produit des moyennes.
    entre = (sommes @ sommes.T) / np.outer(tailles, tailles)
    dedans = (np.einsum("ij,ij->i", sommes, sommes) - tailles) / np.maximum(tailles * (tailles - 1), 1)
    return codes, entre, dedans


def domaines_paires(df: pd.DataFrame, vecteurs: np.ndarray, coords: np.ndarray | None = None) -> pd.DataFrame:
    """Chaque paire de grands domaines : distance de leurs centres **sur la carte** et similarité **réelle**.

    - ``distance_2d`` : distance entre les centres (moyennes des points) des deux domaines sur la carte ;
    - ``cosinus_moyen`` : similarité cosinus moyenne entre un intitulé de l'un et un intitulé de l'autre,
      en 384 dimensions (toutes les paires d'intitulés) ;
    - ``rang_carte`` (1 = les plus proches sur la carte) et ``rang_reel`` (1 = les plus similaires en 384-d).

    ``coords`` : les coordonnées 2D des lignes de ``df`` (par défaut ses colonnes ``x`` et ``y``).
    Trié par ``rang_carte``.
    """
    plan = df[["x", "y"]].to_numpy(float) if coords is None else np.asarray(coords, dtype=float)
    if len(plan) != len(df) or len(vecteurs) != len(df):
        raise EntreeInvalide("df, vecteurs et coordonnées doivent avoir le même nombre de lignes.")
    codes, entre, _ = _cosinus_moyens(df, vecteurs)
    noms = df.drop_duplicates("code_grand_domaine").set_index("code_grand_domaine")["grand_domaine"]
    gd = df["code_grand_domaine"].to_numpy()
    centres = {c: plan[gd == c].mean(axis=0) for c in codes}
    lignes = []
    for i, a in enumerate(codes):
        for j in range(i + 1, len(codes)):
            b = codes[j]
            lignes.append({"code_a": a, "domaine_a": noms[a], "code_b": b, "domaine_b": noms[b],
                           "distance_2d": float(np.linalg.norm(centres[a] - centres[b])),
                           "cosinus_moyen": float(entre[i, j])})
    out = pd.DataFrame(lignes)
    out["rang_carte"] = out["distance_2d"].rank(method="min").astype(int)
    out["rang_reel"] = out["cosinus_moyen"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rang_carte", "code_a", "code_b"]).reset_index(drop=True)


def accord_global(paires: pd.DataFrame) -> float:
    """Corrélation de rang (Spearman, −1 à 1) entre l'ordre des distances sur la carte et l'ordre réel.

    1 : la carte range les paires de domaines exactement comme les 384 dimensions ; 0 : aucun lien.
    """
    return float(pd.Series(paires["rang_carte"]).corr(pd.Series(paires["rang_reel"]), method="spearman"))


def etalement_domaines(df: pd.DataFrame, vecteurs: np.ndarray, coords: np.ndarray | None = None) -> pd.DataFrame:
    """Par grand domaine : son nombre d'intitulés, sa place sur la carte et sa diversité réelle.

    - ``surface_2d`` : part (en %) de la surface de la carte occupée par le domaine (cases d'une grille de
      40 × 40 qui contiennent au moins un de ses points) ;
    - ``etalement_2d`` : distance moyenne de ses points à leur centre, sur la carte ;
    - ``cosinus_interne`` : similarité cosinus moyenne entre deux de ses intitulés en 384-d
      (plus elle est haute, plus le domaine est homogène).

    Trié du domaine qui occupe le plus de place au moins.
    """
    plan = df[["x", "y"]].to_numpy(float) if coords is None else np.asarray(coords, dtype=float)
    codes, _, dedans = _cosinus_moyens(df, vecteurs)
    gd = df["code_grand_domaine"].to_numpy()
    mini, maxi = plan.min(axis=0), plan.max(axis=0)
    cases = np.floor((plan - mini) / np.maximum(maxi - mini, 1e-9) * 39.999).astype(int)
    noms = df.drop_duplicates("code_grand_domaine").set_index("code_grand_domaine")["grand_domaine"]
    lignes = []
    for i, c in enumerate(codes):
        pts = plan[gd == c]
        occupees = len({(a, b) for a, b in cases[gd == c]})
        lignes.append({"code": c, "grand_domaine": noms[c], "n_intitules": len(pts),
                       "surface_2d": 100.0 * occupees / 1600,
                       "etalement_2d": float(np.linalg.norm(pts - pts.mean(axis=0), axis=1).mean()),
                       "cosinus_interne": float(dedans[i])})
    return (pd.DataFrame(lignes).sort_values(["surface_2d", "code"], ascending=[False, True])   # ex aequo : par code
            .reset_index(drop=True))


# ── Vos mots sur la carte ────────────────────────────────────────────────────────────────────────────────

def nettoyer_mots(textes: str | Iterable[str]) -> list[str]:
    """Les mots à placer : une liste de textes non vides, sans doublons, coupés à 200 caractères, 20 au plus.

    Une seule chaîne est découpée aux virgules, points-virgules et retours à la ligne.
    """
    if textes is None:
        return []
    if isinstance(textes, str):
        textes = textes.replace(";", ",").replace("\n", ",").split(",")
    try:
        textes = [str(t) for t in textes]
    except TypeError:
        raise EntreeInvalide("il faut un texte ou une liste de textes.") from None
    propres = [" ".join(t.split())[:MAX_CARACTERES_MOT] for t in textes]
    return list(dict.fromkeys(t for t in propres if t))[:MAX_MOTS]


def placer(textes: str | Iterable[str], k: int = 5, df: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pose de nouveaux mots sur la carte livrée, **par approximation**.

    UMAP ne sait pas ajouter un point à une carte sans la recalculer. On fait donc plus simple : chaque
    texte est transformé en vecteur (:func:`atelier.embeddings.encode`, **sans cache** : rien de ce que vous
    tapez n'est écrit sur le disque), on cherche ses ``k`` intitulés les plus proches en 384 dimensions, et on
    le pose à la **moyenne de leurs positions sur la carte, pondérée par leur similarité**. Si ces voisins
    sont éparpillés sur la carte (colonne ``dispersion`` grande), la position est peu fiable : le point peut
    tomber dans un espace vide entre deux groupes.

    Renvoie une ligne par texte : ``texte``, ``x``, ``y``, ``plus_proche`` (l'intitulé le plus similaire),
    ``similarite`` (son cosinus), ``grand_domaine`` (le sien) et ``dispersion`` (distance moyenne des ``k``
    voisins à la position calculée, dans l'unité de la carte).
    """
    mots = nettoyer_mots(textes)
    if not mots:
        raise EntreeInvalide("tapez au moins un mot ou une expression (par exemple : boulangerie).")
    base = carte() if df is None else df
    k = max(1, min(int(k), len(base)))
    v = embeddings.encode(mots, prefixe="query", cache=False)
    sim = v @ vecteurs_de(base).T
    top = classement.premiers_par_ligne(sim, k)      # le meilleur d'abord, ex aequo dans l'ordre de la table
    plan = base[["x", "y"]].to_numpy(float)
    lignes = []
    for i, texte in enumerate(mots):
        voisins = top[i]
        poids = np.clip(sim[i, voisins], 1e-6, None)
        pos = (plan[voisins] * poids[:, None]).sum(axis=0) / poids.sum()
        meilleur = base.iloc[voisins[0]]
        lignes.append({"texte": texte, "x": float(pos[0]), "y": float(pos[1]),
                       "plus_proche": meilleur["appellation"], "similarite": float(sim[i, voisins[0]]),
                       "grand_domaine": meilleur["grand_domaine"],
                       "dispersion": float(np.linalg.norm(plan[voisins] - pos, axis=1).mean())})
    return pd.DataFrame(lignes)


# ── Regarder un métier et ses voisins ────────────────────────────────────────────────────────────────────

def voisins_d_un_metier(df: pd.DataFrame, vecteurs: np.ndarray, appellation: str, k: int = 10,
                        coords: np.ndarray | None = None) -> pd.DataFrame:
    """Les ``k`` plus proches voisins d'une appellation en 384 dimensions, et s'ils le restent sur la carte.

    Colonnes : ``rang`` (1 = le plus similaire), ``appellation``, ``grand_domaine``, ``similarite`` (cosinus)
    et ``voisin_sur_la_carte`` (``True`` s'il est aussi parmi les ``k`` plus proches sur la carte).
    """
    trouves = np.flatnonzero(df["appellation"].to_numpy() == appellation)
    if len(trouves) == 0:
        raise EntreeInvalide(f"« {appellation} » n'est pas une appellation de ce tableau (vérifiez l'orthographe "
                             "exacte, barre « / » comprise).")
    i = int(trouves[0])
    plan = df[["x", "y"]].to_numpy(float) if coords is None else np.asarray(coords, dtype=float)
    v = np.asarray(vecteurs, dtype=np.float32)
    sim = v @ v[i] / (np.linalg.norm(v, axis=1) * np.linalg.norm(v[i]) + 1e-12)
    sim[i] = -np.inf
    hd = np.argsort(-sim, kind="stable")[:k]
    dist = np.linalg.norm(plan - plan[i], axis=1)
    dist[i] = np.inf
    proches_carte = set(np.argsort(dist, kind="stable")[:k].tolist())
    return pd.DataFrame({
        "rang": np.arange(1, len(hd) + 1),
        "appellation": df["appellation"].to_numpy()[hd],
        "grand_domaine": df["grand_domaine"].to_numpy()[hd],
        "similarite": sim[hd].astype(float),
        "voisin_sur_la_carte": [j in proches_carte for j in hd.tolist()],
    })


def part_voisins_meme_domaine(df: pd.DataFrame, vecteurs: np.ndarray, k: int = 10) -> np.ndarray:
    """Pour chaque appellation, la part de ses ``k`` plus proches voisins (384-d) qui sont du même grand domaine.

    Mesure à quel point le modèle « range » les métiers comme le classement officiel du ROME.
    """
    voisins = _voisins_cosinus(np.asarray(vecteurs), int(k))
    gd = df["code_grand_domaine"].to_numpy()
    return (gd[voisins] == gd[:, None]).mean(axis=1)
