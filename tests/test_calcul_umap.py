"""Le calcul UMAP à part (atelier.calcul_umap) : mêmes coordonnées que dans le processus, noyau sans UMAP,
erreur en français si le calcul échoue. Petits calculs (200 lignes) : le processus à part compile le code
d'UMAP à chaque fois (20 à 40 secondes par calcul)."""
from __future__ import annotations

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
