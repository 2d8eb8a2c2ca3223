"""UMAP d'un processeur à l'autre : la carte en direct de la leçon 03 (partie 6) sous plusieurs « machines »,
puis sur plusieurs paires de graines.

1. Les mêmes deux cartes (2 000 intitulés, graines 42 et 7, 15 voisins, min_dist 0,1) calculées dans des
   processus dont l'environnement joue un autre processeur : numpy sans AVX-512 (celui d'une machine AVX2),
   numpy sans AVX2 ni AVX-512, un autre jeu de noyaux OpenBLAS, numba compilé pour ce processeur-ci
   (``NUMBA_CPU_NAME=host``) au lieu du x86-64 générique. Chaque ligne donne l'empreinte des coordonnées et les
   chiffres que la leçon imprime : une même empreinte veut dire la même carte au bit près.
2. Les mêmes chiffres sur ``--paires`` paires de graines : ce qu'une différence de machine qui resterait
   ferait au pire (une autre carte, comme une autre graine). C'est l'étendue qui justifie la tolérance de la
   cellule de contrôle.

    .venv/bin/python benchmarks/bench_umap_processeurs.py              # les deux parties (≈ 3 min sur 2 cœurs)
    .venv/bin/python benchmarks/bench_umap_processeurs.py --ancien     # partie 1 avec l'UMAP d'avant (umap.UMAP seul)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys

MACHINES = {
    "cette machine": {},
    "numpy sans AVX-512 (une machine AVX2)": {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR"},
    "numpy sans AVX2 ni AVX-512": {"NPY_DISABLE_CPU_FEATURES": "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"},
    "OpenBLAS Sandybridge": {"OPENBLAS_CORETYPE": "Sandybridge"},
    "numba pour ce processeur (host)": {"NUMBA_CPU_NAME": "host"},
}


def chiffres(graine_a: int, graine_b: int, ancien: bool = False) -> dict:
    """Les chiffres de la partie 6 de la leçon 03 pour deux graines (calcul dans ce processus)."""
    import numpy as np

    from atelier import calcul_umap, cartographie

    echantillon = cartographie.sous_ensemble(n=2000, graine=0)
    v = np.asarray(cartographie.vecteurs_de(echantillon), dtype=np.float32)

    def carte(graine):
        if not ancien:
            return calcul_umap.ajuster(v, 15, 0.1, graine)
        import umap
        return np.asarray(umap.UMAP(n_neighbors=15, min_dist=0.1, metric="cosine", random_state=graine,
                                    n_components=2).fit_transform(v), dtype=np.float32)

    a, b = carte(graine_a), carte(graine_b)
    pa = cartographie.domaines_paires(echantillon, v, a)
    pb = cartographie.domaines_paires(echantillon, v, b)
    deux = pa.merge(pb, on=["code_a", "code_b"], suffixes=("_a", "_b"))
    return {"empreinte": hashlib.sha1(a.tobytes() + b.tobytes()).hexdigest()[:10],
            "garde_a": float(cartographie.voisinage_preserve(v, a).mean()),
            "garde_b": float(cartographie.voisinage_preserve(v, b).mean()),
            "commun": float(cartographie.voisinage_commun(a, b).mean()),
            "accord_cartes": float(deux["rang_carte_a"].corr(deux["rang_carte_b"], method="spearman")),
            "accord_reel": float(cartographie.accord_global(pa))}


def _ligne(nom: str, c: dict) -> str:
    return (f"| {nom} | `{c['empreinte']}` | {100 * c['garde_a']:.0f} % / {100 * c['garde_b']:.0f} % "
            f"| {100 * c['commun']:.0f} % | {c['accord_cartes']:.2f} | {c['accord_reel']:.2f} |")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ancien", action="store_true", help="umap.UMAP seul, comme avant atelier.calcul_umap.ajuster")
    p.add_argument("--paires", type=int, default=10, help="paires de graines de la partie 2 (0 : la sauter)")
    p.add_argument("--enfant", nargs=2, type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.enfant:
        print(json.dumps(chiffres(*args.enfant, ancien=args.ancien)))
        return
    entete = "| machine jouée | empreinte | voisins gardés (42 / 7) | voisins communs | accord des cartes | accord avec le réel |\n|---|---|---|---|---|---|"
    print("Partie 1 : graines 42 et 7, " + ("UMAP seul (avant)" if args.ancien else "atelier.calcul_umap.ajuster"))
    print(entete)
    for nom, env in MACHINES.items():
        commande = [sys.executable, __file__, "--enfant", "42", "7"] + (["--ancien"] if args.ancien else [])
        sortie = subprocess.run(commande, env={**os.environ, **env}, capture_output=True, text=True, check=True)
        print(_ligne(nom, json.loads(sortie.stdout.strip().splitlines()[-1])), flush=True)
    if args.paires:
        print(f"\nPartie 2 : {args.paires} paires de graines, sur cette machine")
        print(entete.replace("machine jouée", "graines"))
        lignes = []
        for i in range(args.paires):
            ga, gb = (42, 7) if i == 0 else (2 * i - 1, 2 * i)
            c = chiffres(ga, gb, ancien=args.ancien)
            lignes.append(c)
            print(_ligne(f"{ga} et {gb}", c), flush=True)
        for cle in ("commun", "accord_cartes", "accord_reel"):
            valeurs = [c[cle] for c in lignes]
            print(f"{cle} : de {min(valeurs):.3f} à {max(valeurs):.3f}")
        gardes = [c[k] for c in lignes for k in ("garde_a", "garde_b")]
        print(f"voisins gardés : de {min(gardes):.3f} à {max(gardes):.3f}")


if __name__ == "__main__":
    main()
