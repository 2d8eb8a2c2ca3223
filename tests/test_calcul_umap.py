"""Le calcul UMAP à part (atelier.calcul_umap) : mêmes coordonnées que dans le processus, noyau sans UMAP,
erreur en français si le calcul échoue. Petits calculs (200 lignes) : le processus à part compile le code
d'UMAP à chaque fois (20 à 40 secondes par calcul)."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from atelier import calcul_umap, cartographie


@pytest.fixture(scope="module")
def vecteurs() -> np.ndarray:
    return np.asarray(cartographie.vecteurs_de(cartographie.sous_ensemble(200, graine=3)), dtype=np.float32)


def test_a_part_donne_les_memes_coordonnees_que_dans_le_processus(vecteurs):
    a_part = calcul_umap.projeter_a_part(vecteurs, 10, 0.1, 42)
    ici = calcul_umap.ajuster(vecteurs, 10, 0.1, 42)
    assert a_part.shape == (200, 2) and a_part.dtype == np.float32
    np.testing.assert_array_equal(a_part, ici)
    autre_graine = calcul_umap.projeter_a_part(vecteurs, 10, 0.1, 7)
    assert not np.array_equal(autre_graine, a_part)


def test_le_noyau_n_importe_jamais_umap():
    code = ("import sys; from atelier import cartographie\n"
            "e = cartographie.sous_ensemble(200, graine=3)\n"
            "c = cartographie.projeter(cartographie.vecteurs_de(e), n_neighbors=10, graine=42)\n"
            "assert c.shape == (200, 2)\n"
            "print(sorted(m for m in ('umap', 'numba', 'pynndescent', 'sklearn') if m in sys.modules))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert sortie.strip() == "[]"


def test_un_calcul_qui_echoue_dit_pourquoi_en_francais(vecteurs):
    abimes = vecteurs.copy()
    abimes[0, 0] = np.nan            # UMAP refuse les valeurs non numériques : le processus à part s'arrête en erreur
    with pytest.raises(calcul_umap.CalculInterrompu, match="le calcul de la carte n'a pas abouti"):
        calcul_umap.projeter_a_part(abimes, 10, 0.1, 42)


def test_voisins_exacts_soi_d_abord_puis_ex_aequo_par_position():
    v = np.array([[1, 0], [1, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float32)   # 0, 1 et 3 confondus
    indices, distances = calcul_umap.voisins_exacts(v, 3)
    assert indices.tolist() == [[0, 1, 3], [1, 0, 3], [2, 4, 0], [3, 0, 1], [4, 0, 1]]
    assert distances.dtype == np.float32 and (distances[:, 0] == 0).all()
    assert np.allclose(distances[2], [0, 1 - np.sqrt(0.5), 1], atol=1e-6)


def test_la_meme_carte_sur_un_autre_processeur(vecteurs, monkeypatch):
    """numpy sans AVX2 ni AVX-512 et un autre jeu de noyaux OpenBLAS (ce qui change d'une machine à l'autre) :
    les mêmes coordonnées au bit près. Avec ``umap.UMAP`` seul, ces réglages changeaient la carte de la leçon 03
    (benchmarks/bench_umap_processeurs.py --ancien)."""
    ici = calcul_umap.ajuster(vecteurs, 10, 0.1, 42)
    # le processus à part reçoit l'environnement du noyau : il joue l'autre machine
    monkeypatch.setenv("NPY_DISABLE_CPU_FEATURES", "X86_V3 X86_V4 AVX512_ICL AVX512_SPR")
    if not os.environ.get("OPENBLAS_CORETYPE"):
        monkeypatch.setenv("OPENBLAS_CORETYPE", "Prescott")
    np.testing.assert_array_equal(calcul_umap.projeter_a_part(vecteurs, 10, 0.1, 42), ici)
