"""Un calcul UMAP dans un processus à part, qui s'arrête dès que la carte est faite.

Importer UMAP et compiler son code (numba, pynndescent, scikit-learn) coûte ≈ 330 Mo de mémoire à un processus,
qui ne les rend jamais (mesuré : ``benchmarks/README.md``). Dans le noyau de la leçon 03, cela suffisait à
dépasser 500 Mo. :func:`projeter_a_part` lance donc un petit processus Python (``python -m atelier.calcul_umap``),
lui passe les vecteurs par un tuyau (rien n'est écrit sur le disque), reçoit les coordonnées et le laisse se
terminer : la mémoire revient au système à la fin de chaque calcul, et le noyau n'importe jamais UMAP.
Le calcul est exactement celui d'avant (mêmes réglages, même graine : mêmes coordonnées).
"""
from __future__ import annotations

import io
import subprocess
import sys

import numpy as np

from atelier.erreurs import AtelierErreur

#: Au-delà de ce délai (secondes), le calcul est abandonné.
DELAI_MAX = 900


class CalculInterrompu(AtelierErreur, RuntimeError):
    """Le calcul UMAP à part n'a pas abouti."""


def ajuster(vecteurs: np.ndarray, n_neighbors: int, min_dist: float, graine: int) -> np.ndarray:
    """Le calcul UMAP lui-même (distance cosinus, 2 dimensions) : coordonnées ``(n, 2)`` float32."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # « n_jobs overridden by random_state », avertissements de numba
        import umap

        reducteur = umap.UMAP(n_neighbors=n_neighbors, min_dist=min_dist, metric="cosine", random_state=graine,
                              n_components=2)
        return np.asarray(reducteur.fit_transform(vecteurs), dtype=np.float32)


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
    processus = subprocess.Popen(commande, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
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
