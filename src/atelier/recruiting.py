"""Ancien nom de :mod:`atelier.recrutement` (gardé une version ; chaque ancien nom avertit une fois)."""
from atelier._anciens_noms import module_renomme

__getattr__ = module_renomme("atelier.recruiting", "atelier.recrutement",
                             noms={"shortlist": "preselection", "TAILLE_SHORTLIST": "TAILLE_PRESELECTION"})
