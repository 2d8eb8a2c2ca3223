"""Ce que partagent les tableaux de bord Voilà : texte sûr, messages, saisie temporisée, erreurs sans trace.

Règles : le texte tapé par une personne n'est **jamais** interprété comme du HTML (il passe par
:func:`echapper` ou par un widget de texte brut) ; une erreur n'affiche **jamais** de trace de pile, seulement
un message en français ; rien de ce qui est tapé n'est écrit sur le disque.
"""
from atelier.ui.securite import echapper, protege
from atelier.ui.saisie import temporiser

__all__ = ["echapper", "protege", "temporiser"]
