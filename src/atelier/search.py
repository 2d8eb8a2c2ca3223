"""Ancien nom de :mod:`atelier.recherche` (gardé une version ; chaque ancien nom avertit une fois)."""
from atelier import recherche as _nouveau
from atelier._anciens_noms import fonction_renommee, module_renomme

search_jobs = fonction_renommee("search.search_jobs", "recherche.chercher_metiers", _nouveau.chercher_metiers,
                                query="requete")
__getattr__ = module_renomme("atelier.search", "atelier.recherche",
                             noms={"MAX_QUERY_CHARS": "MAX_CARACTERES_REQUETE"})
