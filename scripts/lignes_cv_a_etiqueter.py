"""Produit les lignes de CV générées à étiqueter (module 09) : ``datasets/lignes_cv_etiquetees.csv`` sans étiquettes.

    .venv/bin/python scripts/lignes_cv_a_etiqueter.py [--modele transformeur] [--graine 0] [--sortie FICHIER]

Identifiants : « N001 »… pour le modèle n-grammes, « T001 »… pour le transformeur (un lot par modèle ; les lots
se mettent bout à bout dans le même fichier, voir ``datasets/lignes_cv_etiquetees.md``).
Pour chacun des 24 personas de ``datasets/personas_cv.csv`` : ``cv_automatique.cv_par_generation`` (6 amorces,
10 mots au plus après l'amorce, température 0,8, graine fixe), avec le petit modèle génératif de l'atelier
(``atelier.generation.generer``). La partie (« choix » : personas impairs ; « test » : personas pairs) sépare les
personas, pour qu'une ligne de test ne partage jamais ses phrases avec une ligne de choix. Les colonnes
``etiquette`` et ``raison`` restent vides : elles se remplissent en lisant chaque ligne face aux phrases de son
persona (voir ``datasets/lignes_cv_etiquetees.md``). Ne réécrit pas un fichier déjà étiqueté, sauf ``--forcer``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from atelier import cv_automatique, cv_experience, data


def produire(modele: str, graine: int) -> pd.DataFrame:
    from atelier import generation

    lignes = []
    for r in cv_experience.personas().itertuples(index=False):
        gen = cv_automatique.cv_par_generation(r.phrases, r.code_rome_cible, graine=graine,
                                               generateur=generation.generer, modele=modele)
        split = "choix" if int(r.id[1:]) % 2 else "test"
        for g in gen.itertuples(index=False):
            lignes.append({"persona": r.id, "split": split, "modele": modele, "amorce": g.amorce,
                           "ligne": g.ligne})
    out = pd.DataFrame(lignes)
    out.insert(0, "id", [f"{modele[0].upper()}{i:03d}" for i in range(1, len(out) + 1)])
    out["etiquette"], out["raison"] = "", ""
    return out[list(cv_experience.COLONNES_LIGNES)]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--modele", default="transformeur")
    p.add_argument("--graine", type=int, default=0)
    p.add_argument("--sortie", type=Path, default=data.chemin(cv_experience.FICHIER_LIGNES))
    p.add_argument("--forcer", action="store_true")
    args = p.parse_args()
    if args.sortie.exists() and not args.forcer:
        print(f"{args.sortie} existe déjà (étiqueté à la main) : --forcer pour le remplacer.", file=sys.stderr)
        return 1
    out = produire(args.modele, args.graine)
    out.to_csv(args.sortie, index=False, encoding="utf-8")
    print(f"{len(out)} lignes écrites dans {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
