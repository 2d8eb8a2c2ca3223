"""Recommandation de métiers : latence de recommandation.recommander pour les deux moteurs (modèle chargé, à chaud).

    .venv/bin/python benchmarks/bench_recommandation.py [--passes 3]

50 profils variés par moteur : pour le moteur transparent, 3 à 15 compétences tirées (graine fixe) parmi celles
des fiches ROME ; pour le moteur sémantique, 50 descriptions libres de 1 à 6 idées, courtes ou longues.
Objectif : p95 < 100 ms par appel. Sur une machine chargée (plus de processus actifs que de cœurs), l'encodage
e5 peut être des dizaines de fois plus lent à cause de la concurrence entre fils d'exécution : comparez avec
``OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_recommandation.py``.
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

from atelier import embeddings, recommandation

IDEES = [
    "j'aime bricoler", "j'ai mon permis B", "je suis patiente avec les personnes âgées",
    "j'ai travaillé dix ans en caisse", "je dessine beaucoup", "j'adore l'informatique",
    "je fais des soins d'hygiène aux patients", "j'aide les infirmiers", "je cuisine pour toute ma famille",
    "je garde les enfants de mes voisins", "je parle anglais et arabe", "j'ai fait du baby-sitting",
    "je répare des vélos", "j'aime travailler dehors", "je m'occupe d'un potager",
    "je suis à l'aise au téléphone", "j'ai tenu la comptabilité d'une association", "je monte des meubles",
    "je conduis des camions", "j'ai un CAP petite enfance", "je sais coder en Python",
    "je fais de la couture", "je range et j'organise bien", "j'ai été serveuse l'été",
    "je fais du montage vidéo", "j'aime vendre et conseiller", "je soigne les animaux",
    "je suis bénévole aux Restos du cœur", "j'aide des personnes à remplir leurs papiers en ligne",
    "je nettoie des bureaux le soir",
]


def profils_transparents(n: int, graine: int = 0) -> list[list[str]]:
    rng = np.random.default_rng(graine)
    m = recommandation.moteur()
    codes = m.liens["code_ogr"].unique()
    profils = []
    for _ in range(n):
        taille = int(rng.integers(3, 16))
        profils.append([m.libelles[c] for c in rng.choice(codes, size=taille, replace=False)])
    return profils


def profils_libres(n: int, graine: int = 0) -> list[str]:
    rng = np.random.default_rng(graine)
    profils = []
    for i in range(n):
        idees = rng.choice(IDEES, size=int(rng.integers(1, 7)), replace=False)
        sep = ", " if i % 3 else ". "
        profils.append(sep.join(idees))
    return profils


def mesurer(passes: int) -> None:
    transparents = profils_transparents(50)
    libres = profils_libres(50)
    t0 = time.perf_counter()
    embeddings.encode("chauffe")        # modèle chargé
    recommandation.recommander(transparents[0], methode="transparent")
    recommandation.recommander(libres[0], methode="semantique")
    print(f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '(non fixé)')}, cœurs vus : {os.cpu_count()}")
    print(f"préparation (données, vecteurs, modèle) : {time.perf_counter() - t0:.1f} s")
    for p in transparents[:5]:
        recommandation.recommander(p, methode="transparent")
    for p in libres[:5]:
        recommandation.recommander(p, methode="semantique")
    durees = {"transparent": [], "semantique": [], "semantic, 2e version": []}
    par_taille: dict[int, list[float]] = {}
    for _ in range(passes):
        for i, (pt, pl) in enumerate(zip(transparents, libres)):  # alternés : même charge pour les deux moteurs
            t = time.perf_counter(); recommandation.recommander(pt, k=10, methode="transparent")
            durees["transparent"].append(time.perf_counter() - t)
            recommandation.oublier_morceaux()                              # à froid : aucun morceau déjà encodé
            t = time.perf_counter(); recommandation.recommander(pl, k=10, methode="semantique")
            d = time.perf_counter() - t
            durees["semantique"].append(d)
            par_taille.setdefault(len(recommandation.morceaux(pl)), []).append(d)
            # 2e version du même profil (comme dans la sonde de biais) : une idée remplacée, le reste déjà connu
            autre = IDEES[(i * 7) % len(IDEES)]
            variante = ", ".join([autre] + recommandation.morceaux(pl)[1:])
            t = time.perf_counter(); recommandation.recommander(variante, k=10, methode="semantique")
            durees["semantic, 2e version"].append(time.perf_counter() - t)
    n_morceaux = [len(recommandation.morceaux(p)) for p in libres]
    print(f"{len(transparents)} profils transparents (3 à 15 compétences), {len(libres)} profils libres "
          f"({min(n_morceaux)} à {max(n_morceaux)} morceaux), {passes} passage{'s' if passes > 1 else ''}")
    for methode, d in durees.items():
        ms = 1000 * np.asarray(d)
        p95 = np.percentile(ms, 95)
        print(f"recommend({methode:22}) : p50 {np.percentile(ms, 50):6.1f} ms, p95 {p95:6.1f} ms, "
              f"max {ms.max():6.1f} ms — objectif p95 < 100 ms : {'atteint' if p95 < 100 else 'NON atteint'}")
    print("sémantique à froid selon le nombre de morceaux :")
    for n in sorted(par_taille):
        ms = 1000 * np.asarray(par_taille[n])
        print(f"  {n} morceau{'x' if n > 1 else ' '} ({len(ms):3d} appels) : p50 {np.percentile(ms, 50):6.1f} ms, "
              f"p95 {np.percentile(ms, 95):6.1f} ms")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passes", type=int, default=3)
    mesurer(parser.parse_args().passes)
