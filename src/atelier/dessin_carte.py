"""Les figures de la carte des métiers, avec leur texte alternatif (les mesures : :mod:`atelier.cartographie`).

- :func:`styles_domaines` : la couleur **et** la forme de chaque grand domaine ROME (matplotlib, bqplot, symbole) ;
- :func:`tracer_carte` et :func:`tracer_comparaison` : les cartes en nuage de points, ``(figure, texte_alternatif)`` ;
- :func:`decrire_carte` : où chaque domaine est le plus dense, en mots (pour les textes alternatifs).

matplotlib n'est importé qu'au premier dessin : un tableau de bord qui dessine avec bqplot ne le charge pas.

>>> from atelier import cartographie, dessin_carte
>>> carte = cartographie.carte()                                              # doctest: +SKIP
>>> figure, texte = dessin_carte.tracer_carte(carte, parametres=cartographie.parametres())  # doctest: +SKIP
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from atelier import data
from atelier.cartographie import legende_parametres, voisinage_commun
from atelier.erreurs import EntreeInvalide
from atelier.nombres import nombre_fr
from atelier.palette import OKABE_ITO

#: Sept couleurs d'Okabe et Ito (le jaune, peu lisible sur fond blanc, est écarté) …
COULEURS_DOMAINES = [OKABE_ITO[c] for c in ("bleu", "orange", "vert", "vermillon", "pourpre", "bleu_ciel",
                                             "noir")]
#: … et sept formes : (matplotlib, bqplot, symbole texte). Chaque grand domaine a un couple couleur + forme
#: qui n'appartient qu'à lui, et deux domaines de même couleur n'ont jamais la même forme.
FORMES_DOMAINES = [("o", "circle", "●"), ("s", "square", "■"), ("^", "triangle-up", "▲"), ("D", "diamond", "◆"),
                   ("v", "triangle-down", "▼"), ("X", "crosshair", "✖"), ("P", "cross", "✚")]

AXES = ("UMAP 1", "UMAP 2")
NOTE_AXES = "axes sans unité ni signification : seules comptent les proximités entre points"


@dataclass(frozen=True)
class StyleDomaine:
    """Comment un grand domaine est dessiné : couleur, forme (matplotlib, bqplot, symbole) et libellés."""

    code: str
    nom: str
    couleur: str
    marqueur: str
    marqueur_bqplot: str
    symbole: str

    @property
    def etiquette(self) -> str:
        """« A — Agriculture et Pêche, … » : le libellé de légende."""
        return f"{self.code} — {self.nom}"


def styles_domaines() -> dict[str, StyleDomaine]:
    """Le style de chacun des 14 grands domaines ROME, par code (``"A"`` … ``"N"``), dans l'ordre des codes."""
    noms = (data.metiers()[["code_grand_domaine", "grand_domaine"]].drop_duplicates()
            .sort_values("code_grand_domaine"))
    styles = {}
    n_c, n_f = len(COULEURS_DOMAINES), len(FORMES_DOMAINES)
    for i, (code, nom) in enumerate(noms.itertuples(index=False)):
        # i → couleur i mod 7 ; forme décalée d'un cran à chaque tour : les couples sont tous différents.
        mpl, bq, sym = FORMES_DOMAINES[(i + i // n_c) % n_f]
        styles[str(code)] = StyleDomaine(str(code), str(nom), COULEURS_DOMAINES[i % n_c], mpl, bq, sym)
    return styles


# ── Les figures ──────────────────────────────────────────────────────────────────────────────────────────

def _taille_points(n: int) -> float:
    return float(np.clip(60_000 / max(n, 1), 4.0, 20.0))


def _position_en_mots(x: float, y: float, mini: np.ndarray, maxi: np.ndarray) -> str:
    fx = (x - mini[0]) / max(maxi[0] - mini[0], 1e-9)
    fy = (y - mini[1]) / max(maxi[1] - mini[1], 1e-9)
    h = 0 if fx < 1 / 3 else (1 if fx < 2 / 3 else 2)
    v = 0 if fy < 1 / 3 else (1 if fy < 2 / 3 else 2)
    if (h, v) == (1, 1):
        return "au centre"
    vertical = ["en bas", "au milieu", "en haut"][v]
    horizontal = ["à gauche", "au centre", "à droite"][h]
    return f"{vertical} {horizontal}"


def _ancre(points: np.ndarray, mini: np.ndarray, maxi: np.ndarray, cases: int = 12) -> np.ndarray:
    """Le cœur d'un groupe de points : là où ils sont le plus nombreux (grille de 12 × 12, chaque case comptée
    avec ses voisines), puis la médiane des points de ce bloc. Plus parlant que la moyenne quand un domaine
    est éparpillé en plusieurs îlots (la moyenne tomberait entre eux, dans le vide)."""
    grille = np.floor((points - mini) / np.maximum(maxi - mini, 1e-9) * (cases - 1e-6)).astype(int)
    compte = np.zeros((cases + 2, cases + 2))
    np.add.at(compte, (grille[:, 0] + 1, grille[:, 1] + 1), 1)
    lisse = sum(np.roll(np.roll(compte, dx, 0), dy, 1) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    cx, cy = np.unravel_index(np.argmax(lisse), lisse.shape)
    dans = (np.abs(grille[:, 0] + 1 - cx) <= 1) & (np.abs(grille[:, 1] + 1 - cy) <= 1)
    return np.median(points[dans], axis=0)


def _dessiner(ax, df: pd.DataFrame, coords: np.ndarray, params: dict | None, titre: str,
              surligner: Sequence | None, mots: pd.DataFrame | None, lettres: bool,
              domaine: str | None = None) -> list[tuple[StyleDomaine, str]]:
    styles = styles_domaines()
    gd = df["code_grand_domaine"].to_numpy()
    taille = _taille_points(len(df))
    mini, maxi = coords.min(axis=0), coords.max(axis=0)
    positions = []
    for code, st in styles.items():
        masque = gd == code
        if not masque.any():
            continue
        estompe = domaine is not None and code != domaine
        ax.scatter(coords[masque, 0], coords[masque, 1], s=taille * (0.6 if estompe else 1.0),
                   c="#CCCCCC" if estompe else st.couleur, marker=st.marqueur, alpha=0.35 if estompe else 0.75,
                   linewidths=0, label=st.etiquette, rasterized=len(df) > 2000, zorder=1 if estompe else 2)
        positions.append((st, _ancre(coords[masque], mini, maxi)))
    if lettres:
        for st, centre in positions:
            if domaine is not None and st.code != domaine:
                continue
            ax.annotate(st.code, centre, ha="center", va="center", fontsize=10, fontweight="bold",
                        color="black", zorder=4,
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": st.couleur, "lw": 1.8,
                              "alpha": 0.9})
    if surligner is not None and len(surligner):
        pos = df.index.get_indexer(list(surligner))
        pos = pos[pos >= 0]
        ax.scatter(coords[pos, 0], coords[pos, 1], s=90, facecolors="none", edgecolors="black", linewidths=1.6,
                   zorder=5)
        for p in pos[:8]:
            ax.annotate(textwrap.shorten(str(df["appellation"].iloc[p]), 40, placeholder="…"), coords[p],
                        xytext=(6, 6), textcoords="offset points", fontsize=8,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}, zorder=6)
    if mots is not None and len(mots):
        ax.scatter(mots["x"], mots["y"], s=240, marker="*", c="black", edgecolors="white", linewidths=1.2,
                   zorder=7)
        for r in mots.itertuples(index=False):
            ax.annotate(textwrap.shorten(str(r.texte), 30, placeholder="…"), (r.x, r.y), xytext=(8, -4),
                        textcoords="offset points", fontsize=9, fontweight="bold", zorder=8,
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black", "lw": 0.8})
    ax.set_title(titre, fontsize=13, pad=34)
    legende = legende_parametres(params, len(df)) if params else f"{nombre_fr(len(df), 0)} intitulés"
    ax.text(0.5, 1.012, f"{legende}\n{NOTE_AXES}", transform=ax.transAxes, ha="center", va="bottom",
            fontsize=8.5, color="#333333", linespacing=1.4)
    ax.set_xlabel(AXES[0])
    ax.set_ylabel(AXES[1])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal", adjustable="datalim")
    return [(st, _position_en_mots(c[0], c[1], mini, maxi)) for st, c in positions]


def _positions_en_texte(positions: list[tuple[StyleDomaine, str]]) -> str:
    return " ; ".join(f"{st.nom} ({st.code}) {ou}" for st, ou in positions)


def decrire_carte(df: pd.DataFrame, coords: np.ndarray | None = None) -> str:
    """Où chaque grand domaine est le plus dense, en mots (« Santé (J) au centre ; … ») : pour les textes
    alternatifs des cartes, dans les notebooks comme dans les tableaux de bord."""
    plan = df[["x", "y"]].to_numpy(float) if coords is None else np.asarray(coords, dtype=float)
    mini, maxi = plan.min(axis=0), plan.max(axis=0)
    gd = df["code_grand_domaine"].to_numpy()
    morceaux = []
    for code, st in styles_domaines().items():
        if (gd == code).any():
            c = _ancre(plan[gd == code], mini, maxi)
            morceaux.append((st, _position_en_mots(c[0], c[1], mini, maxi)))
    return _positions_en_texte(morceaux)


def _legende_figure(fig, ax, ncol: int = 2) -> None:
    """La légende sous le dessin (hors du nuage de points), juste sous le nom de l'axe horizontal."""
    poignees, etiquettes = ax.get_legend_handles_labels()
    etiquettes = [textwrap.fill(e, 58, subsequent_indent="     ") for e in etiquettes]
    taille = poignees[0].get_sizes()[0] if poignees else 1.0
    leg = fig.legend(poignees, etiquettes, loc="upper center", ncol=ncol, fontsize=8.5, frameon=False,
                     bbox_to_anchor=(0.5, ax.get_position().y0 - 0.035),
                     markerscale=max(1.0, 7 / np.sqrt(max(taille, 1))),
                     title="Grand domaine ROME (couleur et forme)", title_fontsize=9)
    for h in leg.legend_handles:
        h.set_alpha(1.0)


def tracer_carte(df: pd.DataFrame, titre: str = "La carte des métiers", parametres: dict | None = None,
                 coords: np.ndarray | None = None, surligner: Sequence | None = None,
                 mots: pd.DataFrame | None = None, domaine: str | None = None, lettres: bool = True,
                 taille: tuple[float, float] = (10, 10.5)):
    """La carte en nuage de points : un point par intitulé, couleur **et** forme selon le grand domaine.

    - ``parametres`` : les paramètres UMAP (affichés sous le titre, avec la graine) ;
    - ``coords`` : d'autres coordonnées que les colonnes ``x``, ``y`` de ``df`` (une carte recalculée) ;
    - ``surligner`` : des index de ``df`` à entourer et nommer ; ``mots`` : le résultat de :func:`placer` ;
    - ``domaine`` : le code d'un grand domaine (``"J"`` pour Santé) à montrer en couleur, les autres en gris ;
    - ``lettres`` : la lettre de chaque domaine posée là où ses points sont le plus denses (repère lisible
      sans les couleurs).

    La légende est sous la carte, hors du dessin. Renvoie ``(figure, texte_alternatif)``.
    """
    import matplotlib.pyplot as plt

    plan = df[["x", "y"]].to_numpy(float) if coords is None else np.asarray(coords, dtype=float)
    if len(plan) != len(df) or len(df) == 0:
        raise EntreeInvalide("il faut des coordonnées pour chaque ligne du tableau.")
    styles = styles_domaines()
    if domaine is not None and domaine not in styles:
        raise EntreeInvalide(f"domaine inconnu « {domaine} » : choisissez un code de A à N.")
    fig = plt.figure(figsize=taille)
    ax = fig.add_axes([0.06, 0.27, 0.90, 0.63])
    positions = _dessiner(ax, df, plan, parametres, titre, surligner, mots, lettres, domaine)
    _legende_figure(fig, ax)
    alt = (f"Carte en nuage de points « {titre} » : {nombre_fr(len(df), 0)} intitulés de métiers ROME placés "
           f"sur un plan par UMAP ({legende_parametres(parametres) if parametres else 'coordonnées fournies'}). "
           f"Chaque point est un intitulé ; sa couleur et sa forme disent son grand domaine, dont la lettre est "
           f"écrite là où ses points sont le plus denses. Les axes UMAP 1 et UMAP 2 n'ont ni unité ni sens. ")
    if domaine is not None:
        st = styles[domaine]
        n = int((df["code_grand_domaine"] == domaine).sum())
        ou = dict((s_.code, ou_) for s_, ou_ in positions)[domaine]
        alt += (f"Seul le domaine {st.nom} ({domaine}, {nombre_fr(n, 0)} intitulés) est en couleur, les autres en "
                f"gris ; ses points sont le plus denses {ou}.")
    else:
        alt += f"Où les domaines sont le plus denses : {_positions_en_texte(positions)}."
    if surligner is not None and len(surligner):
        noms = df.loc[[i for i in surligner if i in df.index], "appellation"].astype(str).tolist()
        alt += " Entourés : " + ", ".join(noms[:8]) + ("…" if len(noms) > 8 else "") + "."
    if mots is not None and len(mots):
        alt += " Vos mots, en étoiles noires : " + " ; ".join(
            f"« {r.texte} » {_position_en_mots(r.x, r.y, plan.min(axis=0), plan.max(axis=0))}, près de "
            f"« {r.plus_proche} »" for r in mots.itertuples(index=False)) + "."
    return fig, alt


def tracer_comparaison(df: pd.DataFrame, coords_a: np.ndarray, coords_b: np.ndarray, params_a: dict,
                       params_b: dict, titre_a: str = "Carte A", titre_b: str = "Carte B",
                       titre: str = "Deux cartes des mêmes intitulés"):
    """Deux cartes côte à côte (mêmes intitulés, paramètres ou graines différents). Renvoie ``(figure, texte)``.

    Le texte alternatif donne la part de voisins (10 plus proches) que les deux cartes ont en commun.
    """
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(13, 8))
    ax_a = fig.add_axes([0.03, 0.30, 0.45, 0.57])
    ax_b = fig.add_axes([0.52, 0.30, 0.45, 0.57])
    pos_a = _dessiner(ax_a, df, np.asarray(coords_a, float), params_a, titre_a, None, None, True)
    pos_b = _dessiner(ax_b, df, np.asarray(coords_b, float), params_b, titre_b, None, None, True)
    fig.suptitle(titre, fontsize=14, y=0.985)
    _legende_figure(fig, ax_a, ncol=3)
    commun = float(np.mean(voisinage_commun(coords_a, coords_b, k=10)))
    alt = (f"Deux cartes en nuage de points côte à côte, « {titre} », des mêmes {nombre_fr(len(df), 0)} "
           "intitulés. "
           f"À gauche, « {titre_a} » ({legende_parametres(params_a)}) : {_positions_en_texte(pos_a)}. "
           f"À droite, « {titre_b} » ({legende_parametres(params_b)}) : {_positions_en_texte(pos_b)}. "
           f"En moyenne, {round(100 * commun)} % des 10 plus proches voisins d'un intitulé sont les mêmes sur "
           "les deux cartes.")
    return fig, alt

