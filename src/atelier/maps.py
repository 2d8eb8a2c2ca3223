"""Ancien nom de :mod:`atelier.cartographie` (gardé une version ; chaque ancien nom avertit une fois)."""
from atelier import cartographie as _nouveau
from atelier._anciens_noms import fonction_renommee, module_renomme

sous_ensemble = fonction_renommee("maps.sous_ensemble", "cartographie.sous_ensemble", _nouveau.sous_ensemble,
                                  seed="graine")
projeter = fonction_renommee("maps.projeter", "cartographie.projeter", _nouveau.projeter, seed="graine")
parametres_projection = fonction_renommee("maps.parametres_projection", "cartographie.parametres_projection",
                                          _nouveau.parametres_projection, seed="graine")
__getattr__ = module_renomme("atelier.maps", "atelier.cartographie")
