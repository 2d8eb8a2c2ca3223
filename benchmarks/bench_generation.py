"""Les modèles génératifs du module 09 : taille, durée d'entraînement, vitesse d'écriture, mémoire du noyau.

    taskset -c 0 env OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_generation.py   # un cœur

- taille et entraînement : lus dans le fichier des poids (``meta``, écrit par ``scripts/entrainer_mini_modele.py``) ;
- vitesse : une ligne de 20 mots (``generer(..., n_mots=20)``) sur 12 débuts × 5 graines, p50 et p95, et le
  tableau des 10 mots suivants ; objectif de l'issue 20 : une ligne de 20 mots en ≤ 200 ms sur un cœur. Le
  modèle s'arrête parfois avant 20 mots (fin de phrase) : on compte aussi les mots écrits ;
- mémoire : pic du processus (``VmHWM``), chaque mesure dans un processus neuf : l'import seul, puis le
  transformeur (import + première ligne), puis les n-grammes (import + construction + première ligne).
"""
from __future__ import annotations

import json
import subprocess
import sys
import time

import numpy as np

DEBUTS = ["Accueillir les", "Réaliser", "Assurer la", "Conduire un", "Préparer les commandes", "Garder les enfants",
          "Tenir la caisse", "Organiser", "Contrôler la qualité des", "Animer des ateliers", "", "Vendre"]

MEMOIRE = {
    "import de atelier.generation": "from atelier import generation",
    "transformeur : import + 1re ligne de 20 mots": "from atelier import generation\n"
                                                    "generation.generer('Accueillir les', n_mots=20)",
    "n-grammes : import + construction + 1re ligne": "from atelier import generation\n"
                                                    "generation.generer('Accueillir les', n_mots=20, modele='ngrammes')",
}


def _n(entier: int) -> str:
    return f"{entier:,}".replace(",", " ")


def _p(valeurs: list[float], q: int) -> float:
    return 1000 * float(np.percentile(valeurs, q))


def taille() -> None:
    from atelier import data, generation, mini_transformeur

    meta = mini_transformeur.modele().meta
    t = generation.taille_modele("transformeur")
    print(f"transformeur : {_n(t['parametres'])} paramètres, fichier {t['octets'] / 1e6:.2f} Mo, "
          f"{_n(t['mots_corpus'])} mots d'entraînement")
    print(f"    entraînement : {meta['pas']} pas en {meta['duree_entrainement_s']} s ({meta['fils']} fils, "
          f"{meta['date']}), perplexité sur les 5 % mis à l'écart : {meta['perplexite_ecart_par_mot']} par mot, "
          f"{meta['perplexite_ecart_par_morceau']} par morceau ; n-grammes : "
          f"{meta.get('perplexite_ecart_par_mot_ngrammes')} par mot")
    debut = time.perf_counter()
    n = generation.taille_modele("ngrammes")
    print(f"n-grammes : {_n(n['parametres'])} comptes, construits en {time.perf_counter() - debut:.1f} s "
          f"(au premier usage, dans le noyau)")
    print(f"    fichier des poids : {data.chemin(mini_transformeur.FICHIER)}")


def vitesse() -> None:
    from atelier import generation, modele_ngrammes

    for modele in generation.MODELES:
        generation.generer("Accueillir les", modele=modele)            # chargement hors mesure
        lignes, mots, par_mot, suivants = [], [], [], []
        for graine in range(5):
            for debut in DEBUTS:
                t = time.perf_counter()
                texte = generation.generer(debut, n_mots=20, graine=graine, modele=modele)
                lignes.append(time.perf_counter() - t)
                mots.append(len(modele_ngrammes.decouper_mots(texte)) - len(modele_ngrammes.decouper_mots(debut)))
                par_mot.append(lignes[-1] / max(mots[-1], 1))
        for debut in DEBUTS:
            t = time.perf_counter()
            generation.mots_suivants(debut, k=10, modele=modele)
            suivants.append(time.perf_counter() - t)
        print(f"{modele} : ligne de 20 mots au plus p50 {_p(lignes, 50):.0f} ms, p95 {_p(lignes, 95):.0f} ms, "
              f"max {_p(lignes, 100):.0f} ms ({np.mean(mots):.1f} mots écrits en moyenne, {len(lignes)} lignes) ; "
              f"par mot écrit p50 {_p(par_mot, 50):.1f} ms, p95 {_p(par_mot, 95):.1f} ms, soit ≈ "
              f"{20 * _p(par_mot, 95):.0f} ms pour 20 mots ; 10 mots suivants p50 {_p(suivants, 50):.0f} ms, "
              f"p95 {_p(suivants, 95):.0f} ms")


def memoire() -> None:
    for nom, code in MEMOIRE.items():
        # VmHWM (pic de ce processus) plutôt que ru_maxrss, qui garde le pic du processus parent à travers exec
        prog = code + "\nimport re, sys\nhwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())\n" \
                      "print(int(hwm.group(1)) // 1024, sorted(m for m in ('torch', 'nltk', 'tokenizers') if m in sys.modules))"
        t = time.perf_counter()
        sortie = subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True, check=True)
        rss, charges = sortie.stdout.strip().splitlines()[-1].split(" ", 1)
        print(f"mémoire, {nom} : pic {rss} Mo ({time.perf_counter() - t:.1f} s ; chargés : {charges})")


if __name__ == "__main__":
    print(json.dumps({"python": sys.version.split()[0], "numpy": np.__version__}))
    taille()
    vitesse()
    memoire()
