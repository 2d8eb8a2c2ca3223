#!/usr/bin/env python
"""Construit le kit d'animation de l'Atelier IA & ESS, sans aucun accès au réseau.

    .venv/bin/python scripts/construire_kit.py              # tout : diaporamas, PDF, fiches, plans
    .venv/bin/python scripts/construire_kit.py --sans-pdf   # HTML seulement (sans Chromium)
    .venv/bin/python scripts/construire_kit.py --verifier   # relit les sources et signale les erreurs

Entrées (à éditer) :

- ``slides/diaporamas/*.md`` : un diaporama par fichier. Diapositives séparées par une ligne ``---`` ;
  notes de l'animation après une ligne ``Note:``, qui commencent par leur durée ``[2 min]`` ;
  figures calculées par ``![légende](figure:nom)`` (voir ``FIGURES`` ci-dessous et ``slides/README.md``) ;
- ``slides/fiches/*.md`` : une fiche d'une page A4 par module, pour les participantes et participants ;
- ``slides/plans/*.md`` : les plans de séance (rendus en pages HTML pour la clé USB).

Sorties (``slides/_build/`` par défaut, ignoré par git) :

- ``diaporamas/<nom>.html`` : un fichier autonome (reveal.js, son extension de notes, le thème et les figures
  y sont intégrés) qui s'ouvre sans réseau, depuis une clé USB ou une pièce jointe ;
- ``diaporamas/<nom>.pdf`` : chaque diapositive suivie d'une page de notes (mode ``?print-pdf`` de reveal.js) ;
- ``fiches/<nom>.html`` et ``.pdf`` (une page A4), ``plans/<nom>.html``, et ``index.html`` qui relie tout.

Les figures sont calculées à chaque construction par les fonctions du paquet ``atelier`` (les mêmes que les
notebooks), sur les données livrées ; chaque figure porte son texte alternatif. reveal.js vient de
``node_modules/`` (``npm ci``, version épinglée dans ``package.json`` et ``package-lock.json``).

Le code est rangé en parties dans ``scripts/kit/`` (lecture des sources, exemples lus dans les notebooks, figures
et tableaux, pages HTML, PDF, archive ; voir ``scripts/kit/__init__.py``) ; ce script les assemble. Le sommaire
(``index.html``) suit l'ordre et les titres du registre du parcours, ``notebooks/parcours.toml``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from kit.archive import LISEZMOI, archiver, ecarts_archive, empreintes_sources, sources_du_kit
from kit.exemples import exemple
from kit.figures import EXEMPLES, FIGURES, ex, figure
from kit.images import Image, calculer_figures
from kit.pages import (page_diaporama, page_fiche, page_index, page_plan, page_simple, version_reveal,
                       vers_html)
from kit.pdf import imprimer, pages_pdf
from kit.reglages import (ARCHIVE, CHROMIUM, DOSSIER_ARCHIVE, DUREE_NOTE, FIGURE_MD, HAUTEUR, LARGEUR,
                          MANIFESTE, RACINE, REVEAL, SORTIE, TABLEAU_MD, ErreurSource)
from kit.sources import Diapo, Diaporama, Source, diaporamas, fiches, lire_diaporama, lire_source, plans
from kit.tableaux import TABLEAUX, tableau

#: Les noms que les tests et les autres scripts prennent ici (ils viennent des parties de scripts/kit/).
__all__ = ["ARCHIVE", "CHROMIUM", "DOSSIER_ARCHIVE", "DUREE_NOTE", "EXEMPLES", "FIGURES", "FIGURE_MD", "HAUTEUR",
           "LARGEUR", "LISEZMOI", "MANIFESTE", "RACINE", "REVEAL", "SORTIE", "TABLEAUX", "TABLEAU_MD", "Diapo",
           "Diaporama", "ErreurSource", "Image", "Source", "archiver", "calculer_figures", "construire", "diaporamas",
           "ecarts_archive", "empreintes_sources", "ex", "exemple", "fiches", "figure", "imprimer", "lire_diaporama",
           "lire_source", "main", "page_diaporama", "page_fiche", "page_index", "page_plan", "page_simple",
           "pages_pdf", "plans", "sources_du_kit", "tableau", "vers_html", "version_reveal"]

def construire(sortie: Path = SORTIE, pdf: bool = True, journal=print, archive: Path | None = None) -> dict:
    """Construit tout le kit dans ``sortie`` ; renvoie un résumé (décomptes, durées). ``archive`` : écrire aussi
    cette archive zip du kit (:func:`archiver`)."""
    from atelier import registre

    debut = time.perf_counter()
    decks, liste_fiches, liste_plans = diaporamas(), fiches(), plans()
    noms = [f for d in decks for f in d.figures]
    noms += [nom for s in liste_fiches + liste_plans for _, nom in FIGURE_MD.findall(s.corps)]
    journal(f"→ {len(set(noms))} figures calculées avec le paquet atelier")
    images = calculer_figures(noms, journal)
    t_figures = time.perf_counter() - debut
    if sortie.resolve() == SORTIE.resolve() and sortie.exists():
        shutil.rmtree(sortie)       # le dossier par défaut ne garde rien d'une construction précédente
    for dossier in ("diaporamas", "fiches", "plans"):
        (sortie / dossier).mkdir(parents=True, exist_ok=True)
    travaux = []
    for d in decks:
        cible = sortie / "diaporamas" / f"{d.nom}.html"
        cible.write_text(page_diaporama(d, images), encoding="utf-8")
        travaux.append((cible, cible.with_suffix(".pdf"), "diaporama"))
    for f in liste_fiches:
        cible = sortie / "fiches" / f"{f.nom}.html"
        cible.write_text(page_fiche(f, images), encoding="utf-8")
        travaux.append((cible, cible.with_suffix(".pdf"), "fiche"))
    for p in liste_plans:
        (sortie / "plans" / f"{p.nom}.html").write_text(page_plan(p, images), encoding="utf-8")
    (sortie / "index.html").write_text(page_index(decks, liste_fiches, liste_plans, pdf, registre.parcours()),
                                       encoding="utf-8")
    journal(f"→ {len(decks)} diaporamas ({sum(len(d.diapos) for d in decks)} diapositives), {len(liste_fiches)} "
            f"fiches, {len(liste_plans)} plans écrits en HTML")
    if pdf:
        journal("→ Impression des PDF (Chromium sans tête, réseau bloqué)")
        imprimer(travaux, journal)
    if archive is not None:
        archiver(sortie, archive, journal)
    duree = time.perf_counter() - debut
    journal(f"✓ Kit construit en {duree:.0f} s (figures {t_figures:.0f} s) : {sortie / 'index.html'}")
    return {"diaporamas": len(decks), "fiches": len(liste_fiches), "plans": len(liste_plans), "duree": duree}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le kit d'animation (diaporamas, PDF, fiches, plans).")
    parser.add_argument("--sortie", type=Path, default=SORTIE, help="dossier de sortie (défaut : slides/_build)")
    parser.add_argument("--sans-pdf", action="store_true", help="ne pas imprimer les PDF (pas besoin de Chromium)")
    parser.add_argument("--verifier", action="store_true", help="relire les sources sans rien construire")
    parser.add_argument("--sans-archive", action="store_true",
                        help="ne pas réécrire slides/kit_animation.zip (écrite seulement par la construction complète "
                             "dans slides/_build)")
    args = parser.parse_args(argv)
    try:
        if args.verifier:
            decks = diaporamas()
            fiches()
            plans()
            for nom in EXEMPLES:                   # les exemples des leçons se lisent encore dans les notebooks
                ex(nom)
            for d in decks:
                print(f"{d.nom} : {len(d.diapos)} diapositives, {d.duree:g} min")
            print("✓ Sources correctes.")
            return 0
        complet = not args.sans_pdf and not args.sans_archive and args.sortie.resolve() == SORTIE.resolve()
        construire(args.sortie.resolve(), pdf=not args.sans_pdf, archive=ARCHIVE if complet else None)
    except ErreurSource as e:
        print(f"✗ {e}", file=sys.stderr)
        return 1
    return 0


def regler_environnement() -> None:
    """Réglages du script lancé seul (avant tout import de numpy) : un fil par bibliothèque, figures sans écran,
    jamais de Hub. Pas à l'import : un test qui importe ce module ne doit pas changer l'environnement
    des serveurs qu'il lance ensuite (JupyterLab hériterait de ``MPLBACKEND=Agg`` et n'afficherait plus les figures)."""
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


if __name__ == "__main__":
    regler_environnement()
    sys.exit(main())
