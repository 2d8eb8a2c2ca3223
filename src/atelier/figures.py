"""Figures des leçons : un titre, des axes nommés, la palette daltonienne, et un texte alternatif.

Chaque fonction renvoie ``(figure, texte_alternatif)`` : le texte décrit en une ou deux phrases ce que montre
la figure, pour les personnes qui ne la voient pas (lecteur d'écran) ; les notebooks l'affichent sous la figure.
"""
from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np

from atelier.nombres import nombre_court, nombre_fr  # noqa: F401 (nombre_fr : les leçons l'importent d'ici)
from atelier.palette import GRIS, PRINCIPALE
from atelier.palette import CONTRASTE, OKABE_ITO


def barres_horizontales(etiquettes: Sequence[str], valeurs: Sequence[float], titre: str, axe_x: str,
                        axe_y: str = "", surligner: int | None = 0, format_valeur: str = "{:.2f}"):
    """Barres horizontales triées comme données (la première en haut), valeurs écrites au bout des barres."""
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(etiquettes) + 1.4))
    couleurs = [PRINCIPALE if i == surligner else GRIS for i in range(len(valeurs))] if surligner is not None else PRINCIPALE
    positions = list(range(len(valeurs)))[::-1]
    ax.barh(positions, valeurs, color=couleurs)
    ax.set_yticks(positions, [str(e) for e in etiquettes])
    for y, v in zip(positions, valeurs):
        ax.text(v, y, " " + format_valeur.format(v), va="center", fontsize=9)
    ax.set_title(titre)
    ax.set_xlabel(axe_x)
    if axe_y:
        ax.set_ylabel(axe_y)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    paires = ", ".join(f"{e} : {format_valeur.format(v)}" for e, v in zip(etiquettes, valeurs))
    alt = f"Graphique en barres horizontales « {titre} ». {axe_x} pour chaque élément, du haut vers le bas : {paires}."
    return fig, alt


def graduations_fr(ax, axes: str = "xy") -> None:
    """Graduations écrites à la française (virgule décimale, vrai signe moins) sur les axes demandés."""
    from matplotlib.ticker import FuncFormatter

    formateur = FuncFormatter(lambda valeur, _position: nombre_court(valeur))
    if "x" in axes:
        ax.xaxis.set_major_formatter(formateur)
    if "y" in axes:
        ax.yaxis.set_major_formatter(formateur)


_graduations_fr = graduations_fr   # ancien nom (privé), gardé pour le code qui l'importe encore


def nuage_2d(x: Sequence[float], y: Sequence[float], etiquettes: Sequence[str], titre: str, axe_x: str,
             axe_y: str, fleches: Sequence[int] = (), limite: float = 1.15):
    """Points nommés sur deux axes centrés en 0 ; en option, des flèches depuis l'origine et leurs angles.

    ``fleches`` : indices des points vers lesquels tracer une flèche depuis l'origine (0, 0). L'angle entre la
    première flèche et chacune des suivantes est dessiné et écrit en degrés, et la distance entre les
    pointes est tracée en pointillés : c'est l'image de la similarité cosinus et de la distance.
    """
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    fig, ax = plt.subplots(figsize=(8, 7))
    ax.axhline(0, color=GRIS, lw=0.8, zorder=0)
    ax.axvline(0, color=GRIS, lw=0.8, zorder=0)
    fleches = list(fleches)
    couleurs_fleches = [PRINCIPALE, CONTRASTE, OKABE_ITO["vert"], OKABE_ITO["pourpre"]]
    ax.scatter(x, y, s=55, color=PRINCIPALE, zorder=3)
    for i, (xi, yi, e) in enumerate(zip(x, y, etiquettes)):
        droite = xi <= limite * 0.35
        ax.annotate(e, (xi, yi), xytext=(7 if droite else -7, 6), textcoords="offset points",
                    ha="left" if droite else "right", fontsize=9.5,
                    fontweight="bold" if i in fleches else "normal")
    descriptions = []
    if fleches:
        from matplotlib.lines import Line2D

        boite = dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.9)
        for n, i in enumerate(fleches):
            c = couleurs_fleches[n % len(couleurs_fleches)]
            ax.annotate("", xy=(x[i], y[i]), xytext=(0, 0),
                        arrowprops=dict(arrowstyle="-|>", color=c, lw=2, shrinkA=0, shrinkB=4), zorder=2)
        i0 = fleches[0]
        a0 = np.degrees(np.arctan2(y[i0], x[i0]))
        for n, j in enumerate(fleches[1:], start=1):
            c = couleurs_fleches[n % len(couleurs_fleches)]
            aj = np.degrees(np.arctan2(y[j], x[j]))
            ecart = (aj - a0 + 180) % 360 - 180
            debut = a0 if ecart >= 0 else a0 + ecart
            r = 0.25 + 0.12 * (n - 1)
            t = np.radians(np.linspace(debut, debut + abs(ecart), 50))
            ax.plot(r * np.cos(t), r * np.sin(t), color=c, lw=1.5, zorder=4)
            milieu = np.radians(debut + abs(ecart) / 2)
            ax.text((r + 0.1) * np.cos(milieu), (r + 0.1) * np.sin(milieu), f"{abs(ecart):.0f}°", color=c,
                    fontsize=10, ha="center", va="center", fontweight="bold", bbox=boite, zorder=5)
            ax.plot([x[i0], x[j]], [y[i0], y[j]], ls=(0, (1, 2)), color=OKABE_ITO["noir"], lw=2, zorder=4)
            d = float(np.hypot(x[j] - x[i0], y[j] - y[i0]))
            mx, my = (x[i0] + x[j]) / 2, (y[i0] + y[j]) / 2
            ax.annotate(f"distance {nombre_fr(d)}", (mx, my), xytext=(8, -4), textcoords="offset points",
                        fontsize=9, ha="left", va="top", bbox=boite, zorder=5)
            descriptions.append(f"de « {etiquettes[i0]} » à « {etiquettes[j]} » : angle de {abs(ecart):.0f}°, "
                                f"distance de {nombre_fr(d)}")
        ax.legend(handles=[
            Line2D([], [], color=GRIS, lw=2, marker=">", markevery=[-1], label="flèche : le vecteur, depuis l'origine"),
            Line2D([], [], color=GRIS, lw=1.5, label="arc : l'angle entre deux flèches"),
            Line2D([], [], color=OKABE_ITO["noir"], lw=2, ls=(0, (1, 2)), label="pointillés : la distance"),
        ], loc="lower center", fontsize=8.5, frameon=True, framealpha=0.9)
    ax.set_xlim(-limite, limite)
    ax.set_ylim(-limite, limite)
    ax.set_aspect("equal")
    graduations_fr(ax)
    ax.set_title(titre)
    ax.set_xlabel(axe_x)
    ax.set_ylabel(axe_y)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    points = " ; ".join(f"{e} ({nombre_fr(a)} ; {nombre_fr(b)})" for e, a, b in zip(etiquettes, x, y))
    alt = (f"Nuage de points « {titre} ». Axe horizontal : {axe_x} ; axe vertical : {axe_y}. "
           f"Points (horizontal ; vertical) : {points}.")
    if descriptions:
        alt += " Flèches depuis l'origine, " + " ; ".join(descriptions) + "."
    return fig, alt


def carte_de_chaleur(matrice, etiquettes: Sequence[str], titre: str, legende: str, palette: str = "cividis",
                     vmin: float | None = None, vmax: float | None = None, masquer_diagonale: bool = True,
                     decimales: int = 2, symetrique: bool = False):
    """Carte de chaleur d'un tableau carré (des similarités), valeurs écrites dans les cases.

    ``palette`` : une palette séquentielle lisible par les personnes daltoniennes (« cividis » par défaut).
    La diagonale (un texte comparé à lui-même) est masquée par défaut : elle écraserait l'échelle des couleurs.
    L'échelle va de ``vmin`` à ``vmax`` (par défaut : la plus petite et la plus grande valeur affichée) ;
    avec ``symetrique=True``, elle est centrée sur 0 (pour des scores centrés : 0 tombe au milieu de la palette).
    """
    valeurs = np.array(matrice, dtype=float)
    n = valeurs.shape[0]
    if valeurs.shape != (n, n) or len(etiquettes) != n:
        raise ValueError("carte_de_chaleur attend un tableau carré et une étiquette par ligne.")
    affiche = valeurs.copy()
    if masquer_diagonale:
        np.fill_diagonal(affiche, np.nan)
    bas = float(np.nanmin(affiche)) if vmin is None else vmin
    haut = float(np.nanmax(affiche)) if vmax is None else vmax
    if symetrique:
        haut = max(abs(bas), abs(haut))
        bas = -haut
    taille = max(6.0, 0.42 * n + 3.5)
    fig, ax = plt.subplots(figsize=(taille + 2.5, taille))
    cmap = plt.get_cmap(palette).with_extremes(bad="white")
    image = ax.imshow(affiche, cmap=cmap, vmin=bas, vmax=haut)
    barre = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    barre.set_label(legende)
    graduations_fr(barre.ax, "y")
    etiquettes = [str(e) for e in etiquettes]
    ax.set_xticks(range(n), etiquettes, rotation=60, ha="right", rotation_mode="anchor", fontsize=8.5)
    ax.set_yticks(range(n), etiquettes, fontsize=8.5)
    normaliser = plt.Normalize(vmin=bas, vmax=haut)
    for i in range(n):
        for j in range(n):
            if np.isnan(affiche[i, j]):
                ax.text(j, i, "—", ha="center", va="center", fontsize=7, color=GRIS)
                continue
            r, g, b, _ = cmap(normaliser(affiche[i, j]))
            clair = 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45
            ax.text(j, i, nombre_fr(affiche[i, j], decimales), ha="center", va="center", fontsize=6.5,
                    color="black" if clair else "white")
    ax.set_title(titre)
    ax.set_xlabel("Intitulé comparé")
    ax.set_ylabel("Intitulé de départ")
    fig.tight_layout()
    proches = []
    for i in range(n):
        ligne = affiche[i].copy()
        ligne[i] = np.nan
        if np.all(np.isnan(ligne)):
            continue
        j = int(np.nanargmax(ligne))
        proches.append(f"{etiquettes[i]} → {etiquettes[j]} ({nombre_fr(ligne[j], decimales)})")
    sombre_vers_clair = palette in ("cividis", "viridis", "magma", "inferno", "plasma")
    alt = (f"Carte de chaleur « {titre} » : {n} intitulés en lignes et en colonnes, {legende[:1].lower() + legende[1:]} "
           f"de {nombre_fr(float(np.nanmin(affiche)), decimales)} à {nombre_fr(float(np.nanmax(affiche)), decimales)}"
           f"{' (plus la case est claire, plus la valeur est haute)' if sombre_vers_clair else ''}"
           f"{', 0 au milieu de la palette' if symetrique else ''}"
           f"{', diagonale masquée' if masquer_diagonale else ''}. Pour chaque intitulé, le plus proche des autres : "
           + " ; ".join(proches) + ".")
    return fig, alt


def histogramme(valeurs: Sequence[float], titre: str, axe_x: str, axe_y: str = "Nombre de paires",
                reperes: dict[str, float] | None = None, classes: int = 50, decimales: int = 2):
    """Histogramme d'une série de valeurs, avec des repères verticaux nommés (moyenne, centiles…)."""
    x = np.asarray(valeurs, dtype=float)
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.hist(x, bins=classes, color=PRINCIPALE, edgecolor="white", linewidth=0.4)
    styles = ["-", "--", ":", "-."]
    couleurs_reperes = [CONTRASTE, OKABE_ITO["noir"], OKABE_ITO["orange"], OKABE_ITO["vert"]]
    for n, (nom, v) in enumerate((reperes or {}).items()):
        ax.axvline(v, color=couleurs_reperes[n % 4], ls=styles[n % 4], lw=2,
                   label=f"{nom} : {nombre_fr(v, decimales)}")
    if reperes:
        ax.legend(frameon=False, fontsize=9, loc="upper left")
    ax.set_title(titre)
    ax.set_xlabel(axe_x)
    ax.set_ylabel(axe_y)
    graduations_fr(ax, "x")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    alt = (f"Histogramme « {titre} » : {nombre_fr(len(x), 0)} valeurs de {axe_x.lower()}, "
           f"de {nombre_fr(x.min(), decimales)} à {nombre_fr(x.max(), decimales)}.")
    if reperes:
        alt += " Repères : " + " ; ".join(f"{k} {nombre_fr(v, decimales)}" for k, v in reperes.items()) + "."
    return fig, alt
