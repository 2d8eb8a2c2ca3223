"""Recherche de métiers : la somme pondérée de ``recherche.chercher`` face à deux fusions standard.

    .venv/bin/python benchmarks/bench_fusion.py      # ≈ 1 minute

``chercher`` additionne quatre indices par fiche (titre, définition, compétences, description ESCO), centrés
réduits, pondérés par ``recherche.POIDS``. L'issue 21 demande de préférer une fusion documentée à des poids réglés
à la main. Ce banc compare :

- **les poids à la main** d'avant le 8 décembre 2026 : 1 pour le titre, 0,3 pour chacun des trois textes ;
- **une fusion calibrée** : une régression logistique conditionnelle (un *softmax* sur les 1 584 fiches de chaque
  requête, vraisemblance des fiches acceptées) ajuste les quatre poids sur le jeu de développement et le jeu des
  titres (régularisation L2 légère) ; le jeu de validation, écrit à l'aveugle, n'y sert pas. Ce sont, arrondis
  au centième, les poids de ``recherche.POIDS`` : ce banc les recalcule ;
- **la fusion par rangs réciproques** (RRF, Cormack et al., 2009) : score = Σ 1 / (60 + rang de la fiche selon
  chaque indice), sans aucun poids.

Les taux sont comptés comme ``recherche.evaluer(..., par_fiche=True)`` : une requête est réussie si une fiche
acceptée est en tête (top-1) ou parmi les 5 premières (top-5). Ex aequo : ordre des fiches dans le fichier.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

from atelier import data, recherche

INDICES = ("titre", "definition", "competences", "esco")
RANG_RRF = 60
A_LA_MAIN = 0.3   # le poids de chaque texte de la fiche avant la fusion calibrée


def indices(requetes) -> tuple[np.ndarray, np.ndarray]:
    """Les quatre indices (n_requêtes, n_fiches, 4) et les fiches acceptées (n_requêtes, n_fiches), booléen."""
    codes = recherche._fiches().tableau["code_rome"].to_numpy()
    x = np.stack([np.stack([recherche._indices(recherche.nettoyer_requete(r)).z[c] for c in INDICES], axis=-1)
                  for r in requetes["requete"]])
    y = np.stack([np.isin(codes, c.split("|")) for c in requetes["codes_rome_attendus"]])
    return x.astype(np.float64), y


def taux(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    ordre = np.argsort(-scores, axis=1, kind="stable")[:, :5]
    bons = np.take_along_axis(y, ordre, axis=1)
    return float(bons[:, 0].mean()), float(bons.any(axis=1).mean())


def calibrer(x: np.ndarray, y: np.ndarray, l2: float = 0.01) -> np.ndarray:
    """Les poids de la régression logistique conditionnelle (softmax sur les fiches de chaque requête)."""
    def perte(w):
        s = x @ w
        return float((logsumexp(s, axis=1) - logsumexp(np.where(y, s, -np.inf), axis=1)).mean() + l2 * w @ w)
    depart = np.array([1.0] + [A_LA_MAIN] * (len(INDICES) - 1))
    return minimize(perte, depart, method="L-BFGS-B").x


def rrf(x: np.ndarray) -> np.ndarray:
    rangs = np.argsort(np.argsort(-x, axis=1, kind="stable"), axis=1, kind="stable") + 1
    return (1.0 / (RANG_RRF + rangs)).sum(axis=2)


def main() -> None:
    jeux = {"développement (233, réglage)": data.requetes_profanes(), "titres (273)": data.requetes_recherche(),
            "validation (160, à l'aveugle)": data.requetes_validation()}
    xy = {nom: indices(q) for nom, q in jeux.items()}
    apprentissage = [n for n in jeux if not n.startswith("validation")]
    w = calibrer(np.concatenate([xy[n][0] for n in apprentissage]), np.concatenate([xy[n][1] for n in apprentissage]))
    main_ = np.array([1.0] + [A_LA_MAIN] * (len(INDICES) - 1))
    livres = np.array([recherche.POIDS[c] for c in INDICES])
    print("poids (titre = 1) :", ", ".join(f"{c} {v:.2f}" for c, v in zip(INDICES, w / w[0])),
          "(calibrés ici) ;", ", ".join(f"{c} {v:.2f}" for c, v in zip(INDICES, livres)), "(recherche.POIDS)")
    print(f"{'jeu':32s} {'à la main':>16s} {'recherche.POIDS':>16s} {'calibrés ici':>16s} {'rangs réciproques':>18s}"
          "   (top-1 / top-5)")
    for nom, (x, y) in xy.items():
        cols = [taux(x @ main_, y), taux(x @ livres, y), taux(x @ w, y), taux(rrf(x), y)]
        print(f"{nom:32s} " + " ".join(f"{a:7.3f} / {b:.3f}" for a, b in cols))


if __name__ == "__main__":
    main()
