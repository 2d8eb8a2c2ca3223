"""Les réglages du kit : chemins, tailles, licence, motifs des sources, et l'erreur d'une source mal formée."""
from __future__ import annotations

import os
import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
SLIDES = RACINE / "slides"
DIAPORAMAS = SLIDES / "diaporamas"
FICHES = SLIDES / "fiches"
PLANS = SLIDES / "plans"
THEME = SLIDES / "theme"
SORTIE = SLIDES / "_build"
#: Les notebooks des leçons, d'où le kit lit ses exemples (:mod:`kit.exemples`).
NOTEBOOKS = RACINE / "notebooks"
#: Le kit construit en un seul fichier, committé, pour qui n'installe rien (lien dans le README) ; il contient
#: un manifeste des empreintes de ses sources, que ``tests/test_kit.py`` compare aux sources du moment.
ARCHIVE = SLIDES / "kit_animation.zip"
DOSSIER_ARCHIVE = "kit_animation"
MANIFESTE = "MANIFESTE.json"
REVEAL = RACINE / "node_modules" / "reveal.js"
CHROMIUM = os.environ.get("ATELIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
#: Taille d'une diapositive (16:9), en pixels CSS ; reveal.js la met à l'échelle de l'écran.
LARGEUR, HAUTEUR = 1280, 720
#: Résolution des figures : assez fine pour imprimer les fiches et les PDF.
DPI = 130
LICENCE = ("Textes et diapositives : CC BY 4.0, Atelier IA & ESS, contributrices et contributeurs. "
           "Code : MIT. reveal.js : MIT, © Hakim El Hattab.")
SEPARATEUR = re.compile(r"^---[ \t]*$", re.MULTILINE)
NOTE = re.compile(r"^Note:[ \t]*$", re.MULTILINE)
DUREE_NOTE = re.compile(r"^\s*\[(\d+(?:[.,]\d+)?) min\]")
FIGURE_MD = re.compile(r"!\[([^\]]*)\]\(figure:([a-z0-9_]+)\)")
TABLEAU_MD = re.compile(r"!\[([^\]]*)\]\(tableau:([a-z0-9_]+)\)")
#: ``![](picto:nom)`` : un pictogramme dessiné par le kit (:mod:`kit.pictos`), pour les fiches faciles à lire et les
#: cartes « L'IA au guichet ».
PICTO_MD = re.compile(r"!\[([^\]]*)\]\(picto:([a-z0-9_]+)\)")
META = re.compile(r"\A<!--(.*?)-->\s*", re.DOTALL)


class ErreurSource(Exception):
    """Une source du kit est mal formée : le message dit quel fichier, quelle diapositive, et quoi corriger."""
