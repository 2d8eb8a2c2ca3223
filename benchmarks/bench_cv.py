"""« Mon CV automatique » (module 09) : la vérification de provenance mesurée, l'expérience des personas avec le
recruteur robot du module 06, et le temps d'un CV.

    .venv/bin/python benchmarks/bench_cv.py [--modele transformeur] [--graine 0] [--n-bootstrap 10000]

1. Provenance : sur ``datasets/lignes_cv_etiquetees.csv`` (lignes générées, étiquetées en les lisant), le seuil
   choisi sur la partie « choix » (:func:`atelier.cv_automatique.choisir_seuil`), puis la précision et le rappel de
   la marque « inventé » (IC 95 % de Wilson) sur la partie « test » (tenue à l'écart), et sur tout (optimiste :
   la moitié a servi à choisir le seuil).
2. Personas : ``experience_personas`` (24 personas, quatre CV chacun, notés par le recruteur robot), différences
   appariées avec IC *bootstrap* et test de permutation apparié.
3. Temps d'un CV, à chaud (modèles chargés) : recherche + génération + vérification + couverture, par persona ;
   médiane et maximum.
"""
from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np
import pandas as pd

from atelier import cv_automatique, cv_experience, statistiques


def provenance() -> None:
    table = cv_experience.lignes_etiquetees()
    parts = cv_experience.parts_lignes(table)
    for modele in sorted(set(table["modele"])):
        sous = table["modele"].to_numpy() == modele
        print(f"Lot {modele} : {int(sous.sum())} lignes, {int(table.loc[sous, 'inventee'].sum())} inventées")
    choix = table["split"].to_numpy() == "choix"
    seuil = cv_automatique.choisir_seuil(parts[choix], table.loc[choix, "inventee"])
    print(f"Lignes étiquetées : {len(table)} ({int(table['inventee'].sum())} inventées) ; choix {int(choix.sum())}, "
          f"test {int((~choix).sum())}")
    print(f"Seuil choisi sur « choix » : {seuil['seuil']:.4f} (Youden {seuil['youden']:.3f}, rappel inventé "
          f"{seuil['rappel_invente']:.3f}, rappel appuyé {seuil['rappel_appuye']:.3f}) ; "
          f"seuil livré SEUIL_APPUI = {cv_automatique.SEUIL_APPUI}")
    masques = [("test (tenu à l'écart)", ~choix), ("choix (optimiste)", choix),
               ("tout (optimiste)", np.ones(len(table), bool))]
    if table["modele"].nunique() > 1:
        masques += [(f"test, lot {m}", ~choix & (table["modele"].to_numpy() == m)) for m in sorted(set(table["modele"]))]
    for nom, masque in masques:
        m = cv_experience.mesurer_provenance(table[masque], parts=parts[masque])
        print(f"  {nom} : n={m['n']}, inventées={m['n_inventees']}, VP={m['vrais_positifs']}, "
              f"FP={m['faux_positifs']}, FN={m['faux_negatifs']} ; précision {m['precision']:.3f} "
              f"[{m['precision_ic'][0]:.3f} ; {m['precision_ic'][1]:.3f}], rappel {m['rappel']:.3f} "
              f"[{m['rappel_ic'][0]:.3f} ; {m['rappel_ic'][1]:.3f}], lignes vraies gardées {m['gardees']:.3f} "
              f"[{m['gardees_ic'][0]:.3f} ; {m['gardees_ic'][1]:.3f}] ; repère « tout marquer » : précision "
              f"{m['precision_tout_marquer']:.3f}")
        print("    " + cv_experience.phrase_mesure(m))
    # Ce que marque la vérification sur les lignes par recherche (elle ne doit pas les marquer « inventé »).
    n_rech = n_marq = 0
    for r in cv_experience.personas().itertuples(index=False):
        v = cv_automatique.verifier_provenance(cv_automatique.cv_par_recherche(r.phrases), r.phrases)
        n_rech += len(v)
        n_marq += int((~v["appuyee"]).sum())
    bas, haut = statistiques.intervalle_wilson(n_marq, n_rech)
    print(f"Lignes par recherche marquées « inventé » : {n_marq}/{n_rech} (IC 95 % {bas:.3f} à {haut:.3f})")


def personas(generateur, n_bootstrap: int, graine: int) -> pd.DataFrame:
    t0 = time.perf_counter()
    exp = cv_experience.experience_personas(graine=graine, generateur=generateur)
    duree = time.perf_counter() - t0
    resume = cv_experience.resumer_experience(exp, n_bootstrap=n_bootstrap, n_permutations=n_bootstrap)
    pd.set_option("display.width", 200)
    print(exp.round(2).to_string(index=False))
    print(resume[["b", "a", "n", "moyenne", "ic_bas", "ic_haut", "p", "n_gagne"]].round(3).to_string(index=False))
    for phrase in resume["phrase"]:
        print("  " + phrase)
    print(cv_experience.rangs_offre_06(exp).to_string(index=False))
    for phrase in cv_experience.conclusions(exp, resume):
        print("  " + phrase)
    print(f"Expérience complète : {duree:.1f} s pour {len(exp)} personas")
    return exp


def temps_par_cv(generateur, graine: int) -> None:
    table = cv_experience.personas()
    durees = []
    for r in table.itertuples(index=False):
        t0 = time.perf_counter()
        rech = cv_automatique.cv_par_recherche(r.phrases)
        gen = cv_automatique.cv_par_generation(r.phrases, r.code_rome_cible, graine=graine, generateur=generateur,
                                               trouvees=rech.drop_duplicates("phrase_source")["ligne"].tolist())
        cv_automatique.verifier_provenance(pd.concat([rech, gen]), r.phrases)
        cv_automatique.couverture(pd.concat([rech, gen]), r.code_rome_cible)
        durees.append(time.perf_counter() - t0)
    d = np.array(durees)
    print(f"Temps d'un CV (recherche + génération + vérification + couverture), à chaud : médiane "
          f"{np.median(d):.2f} s, max {d.max():.2f} s ({len(d)} personas ; phrases déjà lues gardées en mémoire "
          f"vive, comme au tableau de bord)")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--modele", default="transformeur")
    p.add_argument("--graine", type=int, default=0)
    p.add_argument("--n-bootstrap", type=int, default=statistiques.N_BOOTSTRAP)
    p.add_argument("--sans-provenance", action="store_true")
    args = p.parse_args()
    from atelier import generation

    def generateur(debut, **options):
        return generation.generer(debut, **{**options, "modele": args.modele})

    print(f"{time.strftime('%Y-%m-%d %H:%M')} — {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cœurs, charge {os.getloadavg()[0]:.1f} ; modèle génératif : {args.modele}")
    if not args.sans_provenance:
        provenance()
    temps_par_cv(generateur, args.graine)
    personas(generateur, args.n_bootstrap, args.graine)


if __name__ == "__main__":
    main()
