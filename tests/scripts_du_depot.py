"""La seule façon dont un test importe un fichier Python du dépôt qui n'est pas dans le paquet ``atelier`` : un
script de ``scripts/``, ``salle/`` ou ``benchmarks/`` (ou les outils d'un autre fichier de test).

``importer("scripts/construire_kit.py")`` le charge comme ``python scripts/construire_kit.py`` le verrait : son
dossier en tête de ``sys.path`` (il y trouve ses voisins : le paquet ``scripts/kit``, ``visite_legere.py``), son
``main`` non exécuté. Le module est gardé dans ``sys.modules`` sous le nom que lui donnerait ``import``
(``construire_kit`` ; ``kit.pictos`` pour ``scripts/kit/pictos.py``) : un seul exemplaire par session, quel que
soit le test qui le demande le premier. Un script n'a donc jamais à régler ``sys.path`` lui-même.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

RACINE = Path(__file__).resolve().parents[1]


def importer(chemin: str, racine: Path = RACINE) -> ModuleType:
    """Le module du fichier ``chemin`` (relatif à la racine du dépôt), importé une fois.

    ``racine`` : la racine d'une copie du dépôt (contrôles négatifs de ``tests/test_config_jupyter.py``, qui
    modifient la copie). Le fichier de la copie est alors exécuté à neuf à chaque appel, sans toucher à
    ``sys.path``, sous le nom ``<nom>_copie`` : il ne remplace pas le module du dépôt."""
    fichier = (Path(racine) / chemin).resolve()
    if not fichier.is_file():
        raise FileNotFoundError(f"{chemin} n'existe pas dans {racine}")
    if Path(racine).resolve() != RACINE:
        spec = importlib.util.spec_from_file_location(f"{fichier.stem}_copie", fichier)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module       # avant de l'exécuter : ses dataclasses y cherchent leur module
        spec.loader.exec_module(module)
        return module
    dossier, parties = fichier.parent, [fichier.stem]
    while (dossier / "__init__.py").is_file():      # un module de paquet (scripts/kit/pictos.py → kit.pictos)
        parties.insert(0, dossier.name)
        dossier = dossier.parent
    if str(dossier) not in sys.path:
        sys.path.insert(0, str(dossier))
    module = importlib.import_module(".".join(parties))
    if Path(module.__file__).resolve() != fichier:
        raise ImportError(f"le nom {module.__name__!r} désigne déjà {module.__file__}, pas {chemin} : "
                          "renommez l'un des deux fichiers")
    return module
