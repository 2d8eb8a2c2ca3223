"""atelier.statistiques : valeurs connues, accord avec les anciennes formules écrites à la main (dans l'erreur de
Monte-Carlo), bornes de Wilson exactes, reproductibilité, et des tirages par lots qui restent légers en mémoire."""
from __future__ import annotations

import math
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
from scipy.stats import norm

from atelier import statistiques as st


# --- les anciennes formules (écrites à la main avant scipy), gardées ici comme référence ------------------

def _ancien_test_permutation(d, n=10_000, graine=2024):
    rng = np.random.default_rng(graine)
    signes = rng.choice(np.array([-1.0, 1.0]), size=(n, len(d)))
    moyennes = (signes * d).mean(axis=1)
    return (int(np.sum(np.abs(moyennes) >= abs(d.mean()) - 1e-12)) + 1) / (n + 1)


def _ancien_ic_bootstrap(v, n=10_000, graine=2024):
    rng = np.random.default_rng(graine)
    tirages = rng.integers(0, len(v), size=(n, len(v)))
    moyennes = v[tirages].mean(axis=1)
    return float(np.quantile(moyennes, 0.025)), float(np.quantile(moyennes, 0.975))


def _ancien_weat(sx, sy, n=10_000, graine=2024):
    s = np.r_[sx, sy]
    nx = len(sx)
    observe = s[:nx].sum() - s[nx:].sum()
    rng = np.random.default_rng(graine)
    compte = sum(s[p[:nx]].sum() - s[p[nx:]].sum() >= observe - 1e-12
                 for p in (rng.permutation(len(s)) for _ in range(n)))
    return (compte + 1) / (n + 1)


def _ancien_wilson(succes, n, confiance=0.95):
    z = float(norm.ppf(0.5 + confiance / 2))
    p = succes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    demi = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (0.0 if succes == 0 else max(0.0, centre - demi), 1.0 if succes == n else min(1.0, centre + demi))


def _erreur_monte_carlo(p, n):
    return math.sqrt(p * (1 - p) / n)


# --- permutation appariée ---------------------------------------------------------------------------------

def test_permutation_exacte_sur_un_petit_echantillon():
    # 3 différences : 8 jeux de signes ; |moyenne| ≥ 2 pour (+,+,+) et (−,−,−) seulement → p = 2/8
    assert st.test_permutation_apparie([1.0, 2.0, 3.0]) == pytest.approx(0.25)
    # des différences de signes opposés et de même taille : tous les jeux de signes font au moins aussi bien
    assert st.test_permutation_apparie([1.0, -1.0]) == pytest.approx(1.0)
    assert math.isnan(st.test_permutation_apparie([]))
    assert math.isnan(st.test_permutation_apparie([np.nan]))


@pytest.mark.parametrize("decalage", [0.0, 0.3, 0.8])
def test_permutation_accord_avec_l_ancienne_formule(decalage):
    d = np.random.default_rng(7).normal(decalage, 2.0, 40)
    ancien, nouveau = _ancien_test_permutation(d), st.test_permutation_apparie(d)
    # deux estimations indépendantes de la même p-valeur : l'écart reste sous 4 erreurs de Monte-Carlo
    assert abs(ancien - nouveau) <= 4 * math.sqrt(2) * _erreur_monte_carlo(ancien, 10_000) + 1e-4
    assert 0 < nouveau <= 1


def test_permutation_reproductible_et_ignore_les_nan():
    d = np.random.default_rng(3).normal(0.3, 1.0, 30)
    p = st.test_permutation_apparie(d)
    assert st.test_permutation_apparie(d) == p
    assert st.test_permutation_apparie(np.r_[d, np.nan]) == p
    assert st.test_permutation_apparie(d, graine=1) != p


def test_permutation_voit_un_vrai_effet():
    d = np.random.default_rng(5).normal(2.0, 1.0, 30)
    assert st.test_permutation_apparie(d) == pytest.approx(1 / 10_001)     # jamais 0


# --- bootstrap --------------------------------------------------------------------------------------------

def test_bootstrap_accord_avec_l_ancienne_formule():
    v = np.random.default_rng(11).normal(1.0, 3.0, 55)
    bas, haut = st.ic_bootstrap(v)
    ancien_bas, ancien_haut = _ancien_ic_bootstrap(v)
    largeur = ancien_haut - ancien_bas
    assert abs(bas - ancien_bas) < 0.05 * largeur and abs(haut - ancien_haut) < 0.05 * largeur
    assert bas < v.mean() < haut


def test_bootstrap_cas_limites_et_autre_statistique():
    assert all(math.isnan(b) for b in st.ic_bootstrap([]))
    assert st.ic_bootstrap([4.0]) == (4.0, 4.0)
    assert st.ic_bootstrap([2.0, 2.0, np.nan]) == (2.0, 2.0)
    v = np.arange(1.0, 41.0)
    bas, haut = st.ic_bootstrap(v, np.median, n=2_000)
    assert bas < np.median(v) < haut and bas >= 1 and haut <= 40
    assert st.ic_bootstrap(v, niveau=0.5)[1] - st.ic_bootstrap(v, niveau=0.5)[0] < haut - bas


def test_correlation_valeurs_connues():
    x = np.arange(50.0)
    c = st.correlation_bootstrap(x, 3 * x + 1, n=500)
    assert c["n"] == 50 and c["pearson"] == pytest.approx(1) and c["spearman"] == pytest.approx(1)
    assert c["pearson_ic"] == pytest.approx((1, 1)) and c["spearman_ic"] == pytest.approx((1, 1))
    # monotone mais pas linéaire : Spearman vaut 1, Pearson moins ; les paires incomplètes sont retirées
    c = st.correlation_bootstrap(np.r_[x, np.nan], np.r_[np.exp(x / 5), 1.0], n=500)
    assert c["n"] == 50 and c["spearman"] == pytest.approx(1) and c["pearson"] < 0.9


def test_correlation_accord_avec_l_ancienne_formule():
    rng = np.random.default_rng(2)
    x = rng.normal(size=400)
    y = 0.3 * x + rng.normal(size=400)
    c = st.correlation_bootstrap(x, y)
    assert c["pearson"] == pytest.approx(np.corrcoef(x, y)[0, 1])
    # l'ancien calcul : les mêmes paires tirées pour Pearson et Spearman, quantiles 2,5 % et 97,5 %
    t = np.random.default_rng(st.GRAINE).integers(0, len(x), size=(2_000, len(x)))
    a, b = x[t] - x[t].mean(axis=1, keepdims=True), y[t] - y[t].mean(axis=1, keepdims=True)
    r = (a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))
    assert c["pearson_ic"] == pytest.approx((np.quantile(r, 0.025), np.quantile(r, 0.975)), abs=0.02)
    assert c["spearman_ic"][0] < c["spearman"] < c["spearman_ic"][1]


def test_les_tirages_par_lots_restent_legers():
    """Un seul tableau de tous les rééchantillonnages pèserait n × valeurs × 8 octets (80 Mo ici) : les lots
    n'en gardent jamais qu'une petite part en mémoire."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=5_000)
    y = x + rng.normal(size=5_000)
    tout_d_un_coup = 2_000 * len(x) * 8
    assert st.taille_lot(len(x)) * len(x) <= st.VALEURS_PAR_LOT
    tracemalloc.start()
    try:
        st.correlation_bootstrap(x, y, n=2_000)
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pic < tout_d_un_coup / 2, f"pic {pic / 1e6:.0f} Mo pour {tout_d_un_coup / 1e6:.0f} Mo d'un coup"


# --- WEAT -------------------------------------------------------------------------------------------------

def test_weat_exact_quand_toutes_les_repartitions_tiennent():
    # 3 + 3 cibles : 20 répartitions ; l'observée est la plus grande → p = 1/20
    assert st.test_weat([3.0, 2.0, 1.0], [-1.0, -2.0, -3.0]) == pytest.approx(1 / 20)
    assert st.test_weat([-3.0, -2.0, -1.0], [1.0, 2.0, 3.0]) == pytest.approx(1.0)


def test_weat_accord_avec_l_ancienne_boucle():
    rng = np.random.default_rng(9)
    sx, sy = rng.normal(0.01, 0.02, 8), rng.normal(0.0, 0.02, 8)
    ancien = _ancien_weat(sx, sy, n=3_000)
    nouveau = st.test_weat(sx, sy, n=3_000)
    assert abs(ancien - nouveau) <= 4 * math.sqrt(2) * _erreur_monte_carlo(ancien, 3_000) + 1e-3
    assert st.test_weat(sx, sy, n=3_000) == nouveau


# --- Wilson -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("succes,n", [(0, 10), (3, 10), (10, 10), (57, 120), (1, 1), (0, 1), (199, 200)])
@pytest.mark.parametrize("confiance", [0.9, 0.95])
def test_wilson_bornes_exactes(succes, n, confiance):
    bas, haut = st.intervalle_wilson(succes, n, confiance)
    ancien_bas, ancien_haut = _ancien_wilson(succes, n, confiance)
    assert bas == pytest.approx(ancien_bas, abs=1e-12) and haut == pytest.approx(ancien_haut, abs=1e-12)
    assert 0.0 <= bas <= succes / n <= haut <= 1.0


def test_wilson_cas_limites():
    assert st.intervalle_wilson(0, 10)[0] == 0.0 and st.intervalle_wilson(10, 10)[1] == 1.0
    assert all(math.isnan(b) for b in st.intervalle_wilson(0, 0))
    with pytest.raises(ValueError):
        st.intervalle_wilson(11, 10)


def test_importer_ne_charge_pas_scipy_stats():
    """scipy.stats (≈ 70 Mo) n'est chargé qu'au premier calcul : le chatbot et la sonde importent faq et biais."""
    code = ("import sys; import atelier.statistiques, atelier.faq; print('scipy.stats' in sys.modules); "
            "atelier.statistiques.intervalle_wilson(1, 2); print('scipy.stats' in sys.modules)")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert sortie == ["False", "True"]
