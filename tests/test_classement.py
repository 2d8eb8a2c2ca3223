"""Le classement des k meilleurs ne dépend ni de l'ordre des candidats ni de l'algorithme de sélection de numpy
(atelier.classement). Le contrôle négatif montre que l'ancienne façon (np.argpartition, puis un tri) en dépend."""
from __future__ import annotations

import numpy as np
import pytest

from atelier import classement


def _reference(scores, k, departage=None):
    """Le tri complet, écrit autrement : (-score, clé, position)."""
    s = np.where(np.isnan(scores), -np.inf, scores)
    cles = [(-s[i], departage[i] if departage is not None else 0, i) for i in range(len(s))]
    return np.array(sorted(range(len(s)), key=lambda i: cles[i])[:k], dtype=np.intp)


def _plein_d_ex_aequo(n=2000, graine=0):
    rng = np.random.default_rng(graine)
    scores = rng.integers(0, 12, n).astype(np.float64) / 11     # 12 valeurs pour 2 000 candidats
    titres = np.array([f"métier {i:05d}" for i in rng.permutation(n)], dtype=object)
    return scores, titres


@pytest.mark.parametrize("k", [1, 5, 10, 37, 500, 1999, 2000, 5000])
def test_comme_le_tri_complet(k):
    scores, titres = _plein_d_ex_aequo()
    assert np.array_equal(classement.premiers(scores, k), _reference(scores, k))
    assert np.array_equal(classement.premiers(scores, k, departage=titres), _reference(scores, k, titres))


@pytest.mark.parametrize("graine", range(5))
def test_meme_resultat_quel_que_soit_l_ordre_des_candidats(graine):
    scores, titres = _plein_d_ex_aequo()
    attendu = list(titres[classement.premiers(scores, 10, departage=titres)])
    rng = np.random.default_rng(100 + graine)
    for ordre in (rng.permutation(len(scores)), np.arange(len(scores))[::-1]):
        obtenu = list(titres[ordre][classement.premiers(scores[ordre], 10, departage=titres[ordre])])
        assert obtenu == attendu


def test_controle_negatif_l_ancienne_selection_depend_de_l_ordre():
    """np.argpartition puis un tri stable (le code d'avant) : selon l'ordre des candidats, d'autres ex aequo
    survivent à la sélection. Le test ci-dessus échouerait avec elle."""
    scores, titres = _plein_d_ex_aequo()

    def ancienne(s, t, k=10):
        top = np.argpartition(-s, k - 1)[:k]
        return sorted(t[top[np.lexsort((top, -s[top]))]])

    rng = np.random.default_rng(1)
    resultats = {tuple(ancienne(scores[o], titres[o])) for o in (rng.permutation(len(scores)) for _ in range(5))}
    assert len(resultats) > 1


def test_nan_et_bornes():
    s = np.array([0.5, np.nan, 0.9, 0.5, np.nan])
    assert classement.premiers(s, 3).tolist() == [2, 0, 3]
    assert classement.premiers(s, 10).tolist() == [2, 0, 3, 1, 4]
    assert classement.premiers(s, 0).tolist() == []
    assert classement.premiers(s, -3).tolist() == []
    assert classement.premiers([], 5).tolist() == []
    assert classement.ordonner([1.0, 3.0, 3.0, 2.0]).tolist() == [1, 2, 3, 0]


def test_departage_par_texte():
    s = np.array([1.0, 1.0, 1.0, 0.0])
    titres = ["Infirmière en Pratique Avancée (IPA)", "Infirmière de bloc opératoire (IBODE)", "Aide", "Zèbre"]
    assert classement.premiers(s, 2, departage=titres).tolist() == [2, 1]


@pytest.mark.parametrize("k", [1, 3, 10, 60])
def test_par_ligne_comme_ligne_a_ligne(k):
    rng = np.random.default_rng(3)
    m = rng.integers(0, 5, (40, 60)).astype(np.float32)
    m[0] = 1.0                                # une ligne toute d'ex aequo
    m[1, :] = np.linspace(0, 1, 60)           # une ligne sans ex aequo
    obtenu = classement.premiers_par_ligne(m, k)
    assert obtenu.shape == (40, k)
    for i in range(len(m)):
        assert obtenu[i].tolist() == classement.premiers(m[i], k).tolist()
