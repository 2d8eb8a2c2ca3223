"""Le kit d'animation, rangé en parties ; la commande est ``scripts/construire_kit.py``.

- :mod:`kit.reglages` : les chemins, les tailles, les motifs des sources, l'erreur :class:`~kit.reglages.ErreurSource` ;
- :mod:`kit.sources` : lire et vérifier les diaporamas, les fiches et les plans (``slides/``) ;
- :mod:`kit.exemples` : les exemples des leçons, lus dans les notebooks (le kit ne les recopie pas) ;
- :mod:`kit.figures` et :mod:`kit.tableaux` : les recettes des figures et des tableaux, calculées par le paquet
  ``atelier`` ; :mod:`kit.images` : les figures rendues en PNG ;
- :mod:`kit.pages` : Markdown → HTML (diaporamas reveal.js, fiches, plans, sommaire) ;
- :mod:`kit.pdf` : l'impression en PDF (Chromium sans tête, réseau bloqué) ;
- :mod:`kit.archive` : l'archive ``slides/kit_animation.zip`` et le manifeste de ses sources.
"""
