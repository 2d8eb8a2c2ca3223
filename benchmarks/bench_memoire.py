"""Mémoire (pic RSS) et durée d'un noyau qui charge les données et le modèle par défaut, puis l'index de recherche.

    .venv/bin/python benchmarks/bench_memoire.py
Chaque mesure tourne dans un processus neuf (comme un noyau Jupyter neuf).
"""
from __future__ import annotations

import subprocess
import sys

ETAPES = {
    "import atelier + intitulés + 10 encodages": """
import time; t=time.perf_counter()
import atelier; from atelier import data, embeddings
m = data.metiers(); embeddings.encode(m['appellation'].head(10).tolist())
print(f'{time.perf_counter()-t:.2f}')""",
    "+ vecteurs livrés des 13 120 intitulés": """
import time; t=time.perf_counter()
from atelier import data, embeddings
m = data.metiers(); v = data.vecteurs_metiers(); embeddings.encode(m['appellation'].head(10).tolist())
print(f'{time.perf_counter()-t:.2f}')""",
    "+ index de recherche (search_jobs prêt)": """
import time; t=time.perf_counter()
from atelier import search
search.search_jobs('infirmiere')
print(f'{time.perf_counter()-t:.2f}')""",
}


def main() -> None:
    for nom, code in ETAPES.items():
        prog = code + "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
        out = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True).stdout.split()
        print(f"{nom:45s} {out[0]:>6s} s   pic {out[1]:>5s} Mo")


if __name__ == "__main__":
    main()
