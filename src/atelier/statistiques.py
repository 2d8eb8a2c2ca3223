"""Les statistiques des leçons 02, 05, 06 et 07, en un seul endroit, sur ``scipy.stats`` (rien d'écrit à la main).

- :func:`test_permutation_apparie` : test de permutation apparié par inversion de signe
  (``scipy.stats.permutation_test``, ``permutation_type="samples"``) ;
- :func:`ic_bootstrap` : intervalle de confiance *bootstrap* (percentiles) d'une statistique
  (``scipy.stats.bootstrap``) ;
- :func:`correlation_bootstrap` : corrélations de Pearson et de Spearman et leurs intervalles *bootstrap*
  (paires retirées avec remise) ;
- :func:`test_weat` : le test de permutation du WEAT (répartitions au hasard des cibles en deux groupes) ;
- :func:`intervalle_wilson` : l'intervalle de Wilson d'une proportion (``scipy.stats.binomtest``).

Tous les tirages partent d'une graine fixe (:data:`GRAINE`) : les mêmes données donnent les mêmes chiffres.
Les tirages sont faits par lots (``batch=``) d'au plus :data:`VALEURS_PAR_LOT` valeurs tirées : on ne garde
jamais en mémoire un tableau de 10 000 rééchantillonnages entiers, seulement les statistiques qu'ils donnent.
"""
from __future__ import annotations

import math

import numpy as np

#: Graine de tous les tirages au hasard (permutations, bootstrap).
GRAINE = 2024
N_PERMUTATIONS = 10_000
N_BOOTSTRAP = 10_000
#: Nombre de valeurs tirées calculées à la fois (rééchantillonnages du lot × valeurs de chacun) : environ 2 Mo
#: par tableau de flottants, quelle que soit la taille des données.
VALEURS_PAR_LOT = 250_000


def taille_lot(n_valeurs: int) -> int:
    """Combien de rééchantillonnages de ``n_valeurs`` valeurs calculer à la fois (``batch=`` de scipy)."""
    return max(1, VALEURS_PAR_LOT // max(1, int(n_valeurs)))


def _scipy_stats():
    # Importé au premier calcul seulement : scipy.stats pèse ≈ 70 Mo, et un tableau de bord qui importe faq ou
    # biais sans calculer de statistique (le chatbot, la sonde) n'a pas à les porter.
    from scipy import stats

    return stats


def _sans_nan(valeurs) -> np.ndarray:
    v = np.asarray(valeurs, dtype=float).ravel()
    return v[~np.isnan(v)]


def _generateur(graine: int) -> np.random.Generator:
    return np.random.default_rng(graine)


# --------------------------------------------------------------------------------------------- permutations

def _ecart_absolu_moyen(d: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.abs(np.mean(d, axis=axis))


def test_permutation_apparie(differences, n: int = N_PERMUTATIONS, graine: int = GRAINE) -> float:
    """p-valeur bilatérale du test de permutation apparié par inversion de signe (*sign-flip*).

    Sous l'hypothèse « la version ne change rien », le signe de chaque différence est un pile ou face :
    on compte les jeux de signes qui donnent une moyenne au moins aussi éloignée de 0 que l'observée.
    Tirés au hasard (``n`` jeux), p = (compte + 1) / (n + 1), jamais 0 ; quand il y a moins de ``n`` jeux de
    signes possibles (moins de 14 différences), scipy les passe tous : la p-valeur est alors exacte.
    Les valeurs manquantes sont ignorées ; sans valeur, la p-valeur est ``nan``.
    """
    d = _sans_nan(differences)
    if len(d) == 0:
        return float("nan")
    stats = _scipy_stats()
    resultat = stats.permutation_test((d,), _ecart_absolu_moyen, permutation_type="samples", vectorized=True,
                                      n_resamples=n, batch=taille_lot(len(d)), alternative="greater",
                                      rng=_generateur(graine))
    return float(resultat.pvalue)


def test_weat(associations_x, associations_y, n: int = N_PERMUTATIONS, graine: int = GRAINE) -> float:
    """p-valeur unilatérale du test de permutation du WEAT (Caliskan et al.).

    ``associations_x`` et ``associations_y`` : pour chaque cible de chaque groupe, son association
    s(w, A, B) = moyenne des cosinus avec les attributs A − moyenne des cosinus avec les attributs B. La
    statistique est Σ s(x) − Σ s(y) ; p = part des répartitions au hasard des cibles en deux groupes de mêmes
    tailles qui donnent une statistique au moins aussi grande ((compte + 1) / (n + 1) ; exacte quand il y a
    moins de ``n`` répartitions possibles).
    """
    sx, sy = np.asarray(associations_x, dtype=float), np.asarray(associations_y, dtype=float)

    def statistique(x, y, axis=-1):
        return np.sum(x, axis=axis) - np.sum(y, axis=axis)

    stats = _scipy_stats()
    resultat = stats.permutation_test((sx, sy), statistique, permutation_type="independent", vectorized=True,
                                      n_resamples=n, batch=taille_lot(len(sx) + len(sy)), alternative="greater",
                                      rng=_generateur(graine))
    return float(resultat.pvalue)


# ------------------------------------------------------------------------------------------------ bootstrap

def ic_bootstrap(valeurs, statistique=np.mean, n: int = N_BOOTSTRAP, graine: int = GRAINE,
                 niveau: float = 0.95) -> tuple[float, float]:
    """Intervalle de confiance *bootstrap* (percentiles) d'une statistique : on retire les valeurs avec remise
    ``n`` fois et on garde les quantiles (1 − niveau)/2 et (1 + niveau)/2 des statistiques obtenues.

    ``statistique`` : une fonction d'un tableau qui accepte ``axis=`` (``np.mean``, ``np.median``…) est appelée
    une fois par lot ; une autre, une fois par tirage. Les valeurs manquantes sont ignorées ; sans valeur,
    ``(nan, nan)`` ; avec une seule, l'intervalle est réduit à cette valeur.
    """
    v = _sans_nan(valeurs)
    if len(v) == 0:
        return float("nan"), float("nan")
    if len(v) == 1 or np.all(v == v[0]):
        s = float(statistique(v))
        return s, s
    stats = _scipy_stats()
    resultat = stats.bootstrap((v,), statistique, n_resamples=n, batch=taille_lot(len(v)),
                               confidence_level=niveau, method="percentile", rng=_generateur(graine))
    ic = resultat.confidence_interval
    return float(ic.low), float(ic.high)


def _pearson_lignes(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
    a = a - a.mean(axis=axis, keepdims=True)
    b = b - b.mean(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a * b).sum(axis=axis) / np.sqrt((a * a).sum(axis=axis) * (b * b).sum(axis=axis))


def _spearman_lignes(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
    # On reclasse dans chaque tirage (les ex aequo reçoivent leur rang moyen), puis Pearson sur les rangs.
    stats = _scipy_stats()
    return _pearson_lignes(stats.rankdata(a, axis=axis), stats.rankdata(b, axis=axis), axis=axis)


def correlation_bootstrap(x, y, n: int = 2_000, graine: int = GRAINE, niveau: float = 0.95) -> dict:
    """Corrélations de Pearson et de Spearman entre ``x`` et ``y``, avec leur IC *bootstrap* (percentiles,
    paires retirées avec remise, les mêmes ``n`` tirages pour les deux). Les paires incomplètes sont retirées.

    Renvoie ``n`` (nombre de paires), ``pearson``, ``pearson_ic``, ``spearman``, ``spearman_ic``.
    """
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    ok = ~(np.isnan(x) | np.isnan(y))
    x, y = x[ok], y[ok]
    stats = _scipy_stats()
    out = {"n": int(len(x)), "pearson": float(stats.pearsonr(x, y).statistic),
           "spearman": float(stats.spearmanr(x, y).statistic)}
    for nom, statistique in (("pearson", _pearson_lignes), ("spearman", _spearman_lignes)):
        resultat = stats.bootstrap((x, y), statistique, paired=True, vectorized=True, n_resamples=n,
                                   batch=taille_lot(len(x)), confidence_level=niveau, method="percentile",
                                   rng=_generateur(graine))
        ic = resultat.confidence_interval
        out[f"{nom}_ic"] = (float(ic.low), float(ic.high))
    return {cle: out[cle] for cle in ("n", "pearson", "pearson_ic", "spearman", "spearman_ic")}


# ---------------------------------------------------------------------------------------------- proportions

def intervalle_wilson(succes: int, n: int, confiance: float = 0.95) -> tuple[float, float]:
    """Intervalle de confiance de Wilson d'une proportion ``succes / n`` (bornes entre 0 et 1).

    Il reste juste pour les petits effectifs et les proportions proches de 0 ou de 1, là où l'intervalle
    « ± 1,96 écart-type » déborde de [0, 1]. ``n`` nul : ``(nan, nan)``.
    """
    if n <= 0:
        return (math.nan, math.nan)
    if not 0 <= succes <= n:
        raise ValueError("succes doit être compris entre 0 et n.")
    stats = _scipy_stats()
    ic = stats.binomtest(int(succes), int(n)).proportion_ci(confidence_level=confiance, method="wilson")
    return (float(ic.low), float(ic.high))
