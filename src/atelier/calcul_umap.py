"""Un calcul UMAP dans un processus à part, qui s'arrête dès que la carte est faite.

Importer UMAP et compiler son code (numba, pynndescent, scikit-learn) coûte ≈ 330 Mo de mémoire à un processus,
qui ne les rend jamais (mesuré : ``benchmarks/README.md``). Dans le noyau de la leçon 03, cela suffisait à
dépasser 500 Mo. :func:`projeter_a_part` lance donc un petit processus Python (``python -m atelier.calcul_umap``),
lui passe les vecteurs par un tuyau (rien n'est écrit sur le disque), reçoit les coordonnées et le laisse se
terminer : la mémoire revient au système à la fin de chaque calcul, et le noyau n'importe jamais UMAP.

**La même carte sur tous les processeurs.** Laissé à lui-même, UMAP donne une autre carte sur une autre machine,
à graine égale : une étape de son calcul des voisins et du graphe passe par des fonctions de numpy dont le
résultat dépend des instructions du processeur (AVX2, AVX-512), et un écart sur un voisin ou un dernier chiffre
suffit à changer toute la carte (mesuré : sur 2 000 intitulés, retirer AVX-512 à numpy fait passer les voisins
communs aux graines 42 et 7 de 58 % à 53 % ; changer de noyaux OpenBLAS ne change rien). :func:`ajuster` lui donne donc tout ce qui dépendait de la machine, calculé ici d'une façon qui n'en
dépend plus :

- les voisins (:func:`voisins_exacts`) : distances cosinus calculées en float64 puis arrondies en float32, ex aequo
  rangés par position (:mod:`atelier.classement`) ;
- les paramètres ``a`` et ``b`` de la courbe d'UMAP, arrondis à 4 décimales (UMAP les ajuste par moindres carrés) ;
- le code compilé par numba pour un processeur x86-64 générique (``NUMBA_CPU_NAME=generic`` dans le processus à
  part, comme sur Binder), un seul fil de calcul.

L'initialisation reste celle d'UMAP par défaut (spectrale). ``benchmarks/README.md`` (« UMAP d'un processeur à
l'autre ») donne les mesures et la commande.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys

import numpy as np

from atelier import classement
from atelier.erreurs import AtelierErreur

#: Au-delà de ce délai (secondes), le calcul est abandonné.
DELAI_MAX = 900

#: L'environnement du processus à part : numba compile pour un x86-64 générique (le même code sur toutes les
#: machines, et le cache que Binder chauffe à la construction), un seul fil de calcul.
ENVIRONNEMENT_CALCUL = {"NUMBA_CPU_NAME": "generic", "NUMBA_NUM_THREADS": "1"}

#: Les décimales gardées pour les paramètres a et b de la courbe d'UMAP.
DECIMALES_AB = 4


class CalculInterrompu(AtelierErreur, RuntimeError):
    """Le calcul UMAP à part n'a pas abouti."""


def voisins_exacts(vecteurs: np.ndarray, k: int, taille_bloc: int = 2_000_000) -> tuple[np.ndarray, np.ndarray]:
    """Les ``k`` plus proches voisins cosinus de chaque ligne, elle-même en premier : indices ``(n, k)`` int64 et
    distances ``(n, k)`` float32, les mêmes sur toutes les machines.

    Calcul en float64 (un produit de deux float32 y est exact ; l'ordre des sommes ne change que le 16e chiffre),
    puis arrondi en float32 : l'écart entre processeurs disparaît à l'arrondi. Ex aequo : la plus petite position
    d'abord (:func:`atelier.classement.premiers_par_ligne`). Par blocs d'environ ``taille_bloc`` distances
    (16 Mo en float64), pour qu'une leçon ne dépasse pas sa mémoire sur les 13 120 intitulés.
    """
    v = np.asarray(vecteurs, dtype=np.float64)
    normes = np.sqrt((v * v).sum(axis=1, keepdims=True))
    v = v / np.where(normes == 0, 1.0, normes)
    n = len(v)
    k = min(int(k), n)
    bloc = max(1, min(n, taille_bloc // max(n, 1)))
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float32)
    for debut in range(0, n, bloc):
        d64 = v[debut:debut + bloc] @ v.T
        np.subtract(1.0, d64, out=d64)
        np.clip(d64, 0.0, 2.0, out=d64)
        d = d64.astype(np.float32)
        del d64
        lignes = np.arange(d.shape[0])
        d[lignes, debut + lignes] = -1.0                     # chaque point d'abord (distance 0 ci-dessous)
        np.negative(d, out=d)                                 # des scores : le plus proche a le plus grand
        top = classement.premiers_par_ligne(d, k)
        indices[debut:debut + bloc] = top
        distances[debut:debut + bloc] = np.maximum(-np.take_along_axis(d, top, axis=1), 0.0)
    return indices, distances


def ajuster(vecteurs: np.ndarray, n_neighbors: int, min_dist: float, graine: int) -> np.ndarray:
    """Le calcul UMAP lui-même (distance cosinus, 2 dimensions) : coordonnées ``(n, 2)`` float32.

    Les voisins et les paramètres ``a``, ``b`` sont calculés ici, de façon à ne pas dépendre du processeur (voir
    l'aide du module) ; le reste est UMAP tel quel, avec sa graine.
    """
    import warnings

    for nom, valeur in ENVIRONNEMENT_CALCUL.items():
        if "numba" not in sys.modules:               # numba lit ces réglages à son premier import
            os.environ.setdefault(nom, valeur)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # « n_jobs overridden by random_state », index de voisins absent, numba
        import umap
        from umap.umap_ import find_ab_params

        a, b = (round(float(x), DECIMALES_AB) for x in find_ab_params(1.0, min_dist))
        indices, distances = voisins_exacts(vecteurs, n_neighbors)
        reducteur = umap.UMAP(n_neighbors=n_neighbors, min_dist=min_dist, metric="cosine", random_state=graine,
                              n_components=2, a=a, b=b, precomputed_knn=(indices, distances, None))
        return np.asarray(reducteur.fit_transform(np.asarray(vecteurs, dtype=np.float32)), dtype=np.float32)


def _en_octets(tableau: np.ndarray) -> bytes:
    tampon = io.BytesIO()
    np.save(tampon, tableau, allow_pickle=False)
    return tampon.getvalue()


def projeter_a_part(vecteurs: np.ndarray, n_neighbors: int, min_dist: float, graine: int) -> np.ndarray:
    """:func:`ajuster` dans un processus neuf, qui se termine aussitôt après (voir l'aide du module).

    Interrompre le noyau (bouton ■) arrête aussi ce processus.
    """
    commande = [sys.executable, "-m", "atelier.calcul_umap", str(int(n_neighbors)), repr(float(min_dist)),
                str(int(graine))]
    processus = subprocess.Popen(commande, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env={**os.environ, **ENVIRONNEMENT_CALCUL})
    try:
        sortie, erreurs = processus.communicate(_en_octets(np.asarray(vecteurs, dtype=np.float32)),
                                                timeout=DELAI_MAX)
    except subprocess.TimeoutExpired:
        processus.kill()
        processus.communicate()
        raise CalculInterrompu(f"le calcul de la carte a duré plus de {DELAI_MAX // 60} minutes et a été arrêté ; "
                               "réessayez avec un échantillon plus petit.") from None
    except BaseException:   # le noyau interrompu : le calcul s'arrête avec lui
        processus.kill()
        processus.communicate()
        raise
    if processus.returncode != 0:
        derniere = (erreurs.decode("utf-8", "replace").strip().splitlines() or ["(aucun message)"])[-1]
        raise CalculInterrompu(f"le calcul de la carte n'a pas abouti ({derniere[:200]}). Relancez la cellule ; "
                               "si cela recommence, redémarrez le noyau.")
    try:
        return np.load(io.BytesIO(sortie), allow_pickle=False)
    except ValueError:
        raise CalculInterrompu("le calcul de la carte a renvoyé un résultat illisible. Relancez la cellule.") from None


def _principal(arguments: list[str]) -> None:
    n_neighbors, min_dist, graine = int(arguments[0]), float(arguments[1]), int(arguments[2])
    vecteurs = np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False)
    resultat = sys.stdout.buffer
    sys.stdout = sys.stderr   # ce qu'une bibliothèque afficherait ne doit pas se mêler au résultat
    resultat.write(_en_octets(ajuster(vecteurs, n_neighbors, min_dist, graine)))
    resultat.flush()


if __name__ == "__main__":
    _principal(sys.argv[1:])
