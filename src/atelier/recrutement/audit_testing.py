"""L'audit du recruteur robot par *testing* (module 06) : pour chaque CV et chaque détail, deux versions
identiques à un détail près, leurs scores, leurs rangs et la décision de présélection de chacune ; puis le
résumé par détail (intervalle *bootstrap*, test de permutation apparié, de :mod:`atelier.statistiques`), ses phrases en français
courant et sa figure.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from atelier import statistiques
from atelier.erreurs import EntreeInvalide
from atelier.nombres import nombre_fr, nombre_signe, points
from atelier.recrutement import tri
from atelier.recrutement.candidatures import _en_dict, cvs, texte_cv
from atelier.recrutement.variantes import CHAMP_DETAIL, DETAILS, NOMS_DETAILS, VERSIONS_AUDIT, paire_audit


def audit(table: pd.DataFrame | None = None, details=DETAILS) -> pd.DataFrame:
    """Le testing complet : pour chaque CV et chaque détail, la paire (A, B) de :func:`paire_audit`, leurs
    scores, leurs rangs parmi les autres CV (inchangés) et la décision de présélection de chacune.

    Colonnes : ``id``, ``detail``, ``valeur_a``, ``valeur_b``, ``score_a``, ``score_b``, ``difference``
    (B − A, en points), ``rang_a``, ``rang_b``, ``retenu_a``, ``retenu_b``, ``bascule`` (la décision change),
    ``sens`` (« B perd sa place », « B gagne une place » ou "").
    """
    table = cvs() if table is None else table
    for d in details:
        if d not in DETAILS:
            raise EntreeInvalide(f"détail inconnu : « {str(d)[:30]} » (possibles : {', '.join(DETAILS)}).")
    tous = tri.classement(table)
    paires = [(c["id"], d, *paire_audit(c, d)) for c in (_en_dict(r) for _, r in table.iterrows()) for d in details]
    # Un seul lot d'encodage pour tous les textes (ce sont des textes de l'atelier : cache disque autorisé).
    tri.scores_textes([texte_cv(x) for _, _, a, b in paires for x in (a, b)])
    lignes = []
    for ident, d, a, b in paires:
        sa, sb = tri.score(a), tri.score(b)
        ra, rb = tri.rang_parmi(sa, ident, tous), tri.rang_parmi(sb, ident, tous)
        ka, kb = ra <= tri.TAILLE_PRESELECTION, rb <= tri.TAILLE_PRESELECTION
        lignes.append({"id": ident, "detail": d, "valeur_a": a[CHAMP_DETAIL[d]], "valeur_b": b[CHAMP_DETAIL[d]],
                       "score_a": sa, "score_b": sb, "difference": round(sb - sa, tri.DECIMALES_SCORE),
                       "rang_a": ra, "rang_b": rb, "retenu_a": ka, "retenu_b": kb, "bascule": ka != kb,
                       "sens": "" if ka == kb else ("B perd sa place" if ka else "B gagne une place")})
    return pd.DataFrame(lignes)


def texte_p(p: float) -> str:
    """Une p-valeur écrite pour être lue : « p = 0,042 », ou « p < 0,001 » (elle n'est jamais nulle)."""
    return "p < 0,001" if p < 0.001 else f"p = {nombre_fr(p, 3)}"


def phrase_audit(detail: str, moyenne: float, bas: float, haut: float, p: float, n: int, n_perd: int,
                 n_gagne: int) -> str:
    """Le résultat du testing pour un détail, en français courant, sans conclure plus que les chiffres."""
    nom_a, nom_b = VERSIONS_AUDIT[detail]
    chiffres = f"(IC 95 % : {nombre_signe(bas)} à {nombre_signe(haut)} ; {texte_p(p)} ; {n} CV)"
    if round(abs(moyenne), 2) == 0:
        phrase = (f"En moyenne, la version « {nom_b} » et la version « {nom_a} » obtiennent le même score à "
                  f"0,01 point près {chiffres}.")
    else:
        sens = "plus élevé" if moyenne > 0 else "plus bas"
        phrase = (f"En moyenne, la version « {nom_b} » obtient un score {sens} de {points(abs(moyenne), 2)} que la "
                  f"version « {nom_a} » {chiffres}.")
    if bas <= 0 <= haut:
        phrase += " L'intervalle contient 0 : on ne peut pas exclure l'absence d'écart moyen."
    else:
        phrase += " L'intervalle ne contient pas 0 : sur ces CV, l'écart n'est probablement pas dû au hasard."
    bascules = n_perd + n_gagne
    if bascules == 0:
        phrase += f" La décision de présélection ne change pour aucun des {n} CV."
    else:
        perd = "perdent leur place" if n_perd > 1 else "perd sa place"
        phrase += (f" La décision de présélection change pour {bascules} CV sur {n} : {n_perd} {perd}, "
                   f"{n_gagne} en gagne{'nt' if n_gagne > 1 else ''} une.")
    return phrase


def resumer_audit(paires: pd.DataFrame, n_permutations: int = statistiques.N_PERMUTATIONS,
                  n_bootstrap: int = statistiques.N_BOOTSTRAP) -> pd.DataFrame:
    """Une ligne par détail : ``n``, ``moyenne`` des différences B − A (points), ``ic_bas``/``ic_haut``
    (IC 95 % *bootstrap*, :func:`atelier.statistiques.ic_bootstrap`), ``p`` (test de permutation apparié,
    :func:`atelier.statistiques.test_permutation_apparie`), ``ecart_absolu_moyen``, ``n_bascules``, ``n_perd``,
    ``n_gagne`` et ``phrase``."""
    lignes = []
    for d in [x for x in DETAILS if x in set(paires["detail"])]:
        sous = paires[paires["detail"] == d]
        diff = sous["difference"].to_numpy(dtype=float)
        bas, haut = statistiques.ic_bootstrap(diff, n=n_bootstrap)
        p = statistiques.test_permutation_apparie(diff, n=n_permutations)
        n_perd = int((sous["sens"] == "B perd sa place").sum())
        n_gagne = int((sous["sens"] == "B gagne une place").sum())
        moyenne = float(diff.mean())
        lignes.append({"detail": d, "nom": NOMS_DETAILS[d], "n": len(diff), "moyenne": moyenne, "ic_bas": bas,
                       "ic_haut": haut, "p": p, "ecart_absolu_moyen": float(np.abs(diff).mean()),
                       "n_bascules": n_perd + n_gagne, "n_perd": n_perd, "n_gagne": n_gagne,
                       "phrase": phrase_audit(d, moyenne, bas, haut, p, len(diff), n_perd, n_gagne)})
    return pd.DataFrame(lignes)


def formater_resume(resume: pd.DataFrame) -> str:
    """Le résumé de l'audit arrondi, une ligne par détail (ce que le notebook imprime et contrôle)."""
    lignes = []
    for r in resume.itertuples(index=False):
        lignes.append(f"{r.nom} ({r.n} CV) : moyenne B − A = {nombre_signe(r.moyenne)} point(s), IC 95 % "
                      f"[{nombre_signe(r.ic_bas)} ; {nombre_signe(r.ic_haut)}], {texte_p(r.p)}, "
                      f"écart absolu moyen {nombre_fr(r.ecart_absolu_moyen, 2)}, décisions changées : "
                      f"{r.n_bascules} (B perd {r.n_perd}, B gagne {r.n_gagne})")
    return "\n".join(lignes)


# ------------------------------------------------------------------------------------------- figure

def figure_audit(resume: pd.DataFrame, paires: pd.DataFrame | None = None,
                 titre: str = "Le testing du recruteur robot : ce qui change quand un seul détail change"):
    """Deux panneaux : à gauche, l'écart moyen de score B − A par détail, avec son IC 95 % (moustaches) et, si
    ``paires`` (le résultat de :func:`audit`) est donné, l'écart de chaque CV (petits points gris) ; à droite, le
    nombre de CV dont la décision de présélection bascule (perd / gagne sa place). Renvoie
    ``(figure, texte_alternatif)``."""
    import matplotlib.pyplot as plt

    from atelier.figures import graduations_fr
    from atelier.palette import GRIS, MARQUEURS, OKABE_ITO

    noms = [f"{r.nom}\n(B : {VERSIONS_AUDIT[r.detail][1]})" for r in resume.itertuples(index=False)]
    pos = np.arange(len(resume))[::-1]
    moy, bas, haut = (resume[c].to_numpy(dtype=float) for c in ("moyenne", "ic_bas", "ic_haut"))
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 0.95 * len(resume) + 2.6), sharey=True,
                                  gridspec_kw={"width_ratios": [3, 1.3]})
    ax.axvline(0, color=GRIS, lw=1.2, ls="--")
    if paires is not None:
        rng = np.random.default_rng(statistiques.GRAINE)
        for y, d in zip(pos, resume["detail"]):
            v = paires.loc[paires["detail"] == d, "difference"].to_numpy(dtype=float)
            ax.plot(v, y + rng.uniform(-0.22, 0.22, len(v)), "o", ms=3.5, color=GRIS, alpha=0.7,
                    label="un CV" if y == pos[0] else None)
    ax.errorbar(moy, pos, xerr=[moy - bas, haut - moy], fmt="none", ecolor=OKABE_ITO["bleu"], capsize=7, lw=2.2)
    for y, m, mk in zip(pos, moy, MARQUEURS):
        ax.plot(m, y, marker=mk, color=OKABE_ITO["bleu"], ms=10, ls="none", markeredgecolor="black",
                label="moyenne et IC 95 %" if y == pos[0] else None)
    ax.set_yticks(pos, noms)
    ax.set_xlabel("Écart de score, version B − version A\n(en points sur 100)")
    ax.set_title("Écart de score")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    graduations_fr(ax, "x")
    perd, gagne = resume["n_perd"].to_numpy(), resume["n_gagne"].to_numpy()
    ax2.barh(pos, perd, color=OKABE_ITO["vermillon"], height=0.55, label="B perd sa place")
    ax2.barh(pos, gagne, left=perd, color=OKABE_ITO["bleu_ciel"], height=0.55, hatch="//", edgecolor="black",
             label="B gagne une place")
    for y, a, b in zip(pos, perd, gagne):
        ax2.text(a + b + 0.1, y, str(int(a + b)), va="center")
    ax2.set_xlabel(f"CV dont la décision\nchange (sur {int(resume['n'].max())})")
    ax2.set_title("Décisions qui basculent")
    ax2.set_xlim(0, max(3, int((perd + gagne).max()) + 1))
    ax2.xaxis.get_major_locator().set_params(integer=True)
    ax2.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    for a in (ax, ax2):
        a.spines[["top", "right"]].set_visible(False)
    fig.suptitle(titre)
    fig.tight_layout()
    morceaux = [f"{r.nom} : {nombre_signe(r.moyenne)} point en moyenne (IC 95 % {nombre_signe(r.ic_bas)} à {nombre_signe(r.ic_haut)}), "
                f"{r.n_bascules} décision{'s' if r.n_bascules > 1 else ''} changée{'s' if r.n_bascules > 1 else ''}"
                for r in resume.itertuples(index=False)]
    etendue = ""
    if paires is not None:
        etendue = " Les écarts CV par CV vont de " + " ; ".join(
            f"{nombre_signe(paires.loc[paires['detail'] == d, 'difference'].min())} à "
            f"{nombre_signe(paires.loc[paires['detail'] == d, 'difference'].max())} ({NOMS_DETAILS[d]})"
            for d in resume["detail"]) + "."
    alt = (f"Figure en deux panneaux « {titre} ». À gauche, pour chaque détail changé, un gros point marque l'écart "
           f"moyen de score entre la version B et la version A, avec une moustache pour l'intervalle de confiance à "
           f"95 %, une ligne pointillée verticale en 0" + (", et de petits points gris l'écart de chaque CV"
                                                            if paires is not None else "")
           + ". À droite, des barres comptent les CV dont la décision de présélection bascule. "
           + " ; ".join(morceaux) + "." + etendue)
    return fig, alt
