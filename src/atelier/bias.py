"""Ancien nom de :mod:`atelier.biais` (gardé une version ; avertit une fois)."""
from atelier._anciens_noms import module_renomme

__getattr__ = module_renomme("atelier.bias", "atelier.biais")
