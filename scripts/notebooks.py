#!/usr/bin/env python
"""Outil de maintenance des notebooks : exécuter puis nettoyer avant de les committer.

    python scripts/notebooks.py notebooks/00_demarrer.ipynb [...]   # exécute et nettoie
    python scripts/notebooks.py --clean-only notebooks/*.ipynb       # nettoie sans exécuter

Nettoyer = enlever toutes les sorties sauf celles des cellules de contrôle (celles qui contiennent
``# NBVAL_CHECK_OUTPUT``), que nbval compare en CI ; enlever les numéros d'exécution et l'état des widgets.
Une cellule de contrôle qui produit une erreur arrête tout : on ne committe pas un contrôle faux.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARQUE = "NBVAL_CHECK_OUTPUT"


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--clean-only", action="store_true")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4) if args.clean_only else executer(path)
        nbformat.write(nettoyer(nb), path)
        print(f"{path} : {'nettoyé' if args.clean_only else 'exécuté et nettoyé'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
