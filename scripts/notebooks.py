#!/usr/bin/env python
"""Outil de maintenance des notebooks : exécuter puis nettoyer avant de les committer, et tenir à jour leur
source texte.

    python scripts/notebooks.py notebooks/00_demarrer.ipynb [...]   # exécute, nettoie, met à jour la source texte
    python scripts/notebooks.py --clean-only notebooks/*.ipynb       # nettoie et met à jour, sans exécuter

Source texte : chaque notebook de ``notebooks/`` a sa source en MyST Markdown dans ``sources_texte/`` (même
chemin, ``.md`` ; l'appariement est déclaré dans ``jupytext.toml``). On peut modifier l'un ou l'autre côté :
le script reprend d'abord le plus récent des deux (``jupytext --sync``), puis réécrit les deux. Les identifiants
de cellule restent ceux du notebook : jupytext retrouve chaque cellule et garde son identifiant.

Nettoyer = enlever toutes les sorties sauf celles des cellules de contrôle (celles qui contiennent
``# NBVAL_CHECK_OUTPUT``), que nbval compare en CI ; numéroter 1, 2, 3… ces seules cellules ; enlever l'état
des widgets. Une cellule de contrôle qui produit une erreur arrête tout : on ne committe pas un contrôle faux.
nbstripout ne fait pas ce travail (voir CONTRIBUTING.md, « Les sources texte des notebooks »).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARQUE = "NBVAL_CHECK_OUTPUT"


def sources_texte(path: Path) -> list[tuple[Path, dict]]:
    """Les fichiers texte appariés au notebook par ``jupytext.toml`` (chemin, format jupytext) ; [] sinon."""
    from jupytext.config import load_jupytext_config
    from jupytext.paired_paths import paired_paths

    chemin = str(path.resolve())
    config = load_jupytext_config(chemin)
    formats = config.default_formats(chemin) if config else None
    if not formats:
        return []
    return [(Path(p), fmt) for p, fmt in paired_paths(chemin, "ipynb", formats) if fmt["extension"] != ".ipynb"]


def synchroniser(path: Path) -> None:
    """``jupytext --sync`` : le plus récent du notebook et de sa source texte donne le texte des cellules (les
    identifiants, les sorties et les métadonnées restent ceux du notebook). Dit quand c'est la source texte."""
    import jupytext
    from jupytext.cli import jupytext as jupytext_cli

    cellules = [(c.cell_type, c.source) for c in nbformat.read(path, as_version=4).cells]
    for chemin, fmt in sources_texte(path):
        if (chemin.is_file() and chemin.stat().st_mtime > path.stat().st_mtime
                and [(c.cell_type, c.source) for c in jupytext.read(chemin, fmt=fmt).cells] != cellules):
            print(f"{os.path.relpath(chemin)} est plus récent que le notebook : son texte est repris dans {os.path.relpath(path)}")
    jupytext_cli(["--sync", "--quiet", str(path)])


def executer(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def nettoyer(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    numero = 0
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type != "code":
            continue
        if MARQUE in cell.source:
            erreurs = [o for o in cell.outputs if o.get("output_type") == "error"]
            if erreurs:
                raise SystemExit(f"cellule de contrôle en erreur : {erreurs[0].get('ename')}: {erreurs[0].get('evalue')}")
            # nbval refuse une cellule qui a des sorties sans numéro d'exécution : on numérote 1, 2, 3…
            numero += 1
            cell.execution_count = numero
            for o in cell.outputs:
                if "execution_count" in o:
                    o["execution_count"] = numero
        else:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    return nb


def ecrire(nb: nbformat.NotebookNode, path: Path) -> list[Path]:
    """Écrit le notebook et ses sources texte, accordés : le texte des cellules est celui que la source texte
    relit (jupytext normalise quelques blancs, comme un saut de ligne final), exactement comme ``jupytext --sync``
    l'aurait recopié ; identifiants, sorties et métadonnées restent ceux du notebook."""
    import jupytext
    from jupytext.combine import combine_inputs_with_outputs

    paires = sources_texte(path)
    for _, fmt in paires:
        nb = combine_inputs_with_outputs(jupytext.reads(jupytext.writes(nb, fmt=fmt), fmt=fmt), nb, fmt=fmt)
    nbformat.write(nb, path)
    for chemin, fmt in paires:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(nb, chemin, fmt=fmt)
    return [chemin for chemin, _ in paires]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--clean-only", action="store_true")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if sources_texte(path):
            synchroniser(path)
        nb = nbformat.read(path, as_version=4) if args.clean_only else executer(path)
        textes = ecrire(nettoyer(nb), path)
        fait = "nettoyé" if args.clean_only else "exécuté et nettoyé"
        print(f"{path} : {fait}" + (f", source texte {', '.join(os.path.relpath(t) for t in textes)} à jour" if textes
                                    else " (pas de source texte : hors de notebooks/, voir jupytext.toml)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
