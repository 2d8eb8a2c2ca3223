"""Ancien nom de :mod:`atelier.recommandation` (gardé une version ; chaque ancien nom avertit une fois)."""
from atelier import recommandation as _nouveau
from atelier._anciens_noms import avertir, module_renomme

#: Anciennes valeurs de ``method`` → nouvelles.
_METHODES = {"semantic": "semantique"}


def _methode(methode: str) -> str:
    if methode in _METHODES:
        avertir(f"method={methode!r}", f"methode={_METHODES[methode]!r}")
    return _METHODES.get(methode, methode)


def recommend(profile, k: int = 10, method: str = "semantic", interets=None):
    """Ancien nom de :func:`atelier.recommandation.recommander`."""
    avertir("matcher.recommend", "recommandation.recommander")
    return _nouveau.recommander(profile, k=k, methode=_methode(method), interets=interets)


def recommend_many(profiles, k: int = 10, cache: bool = False):
    """Ancien nom de :func:`atelier.recommandation.recommander_plusieurs`."""
    avertir("matcher.recommend_many", "recommandation.recommander_plusieurs")
    return _nouveau.recommander_plusieurs(profiles, k=k, cache=cache)


def explain(profile, code_rome: str, method: str = "semantic", k: int = 8):
    """Ancien nom de :func:`atelier.recommandation.expliquer`."""
    avertir("matcher.explain", "recommandation.expliquer")
    return _nouveau.expliquer(profile, code_rome, methode=_methode(method), k=k)


__getattr__ = module_renomme("atelier.matcher", "atelier.recommandation")
