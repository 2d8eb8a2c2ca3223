#!/usr/bin/env python
"""Réécrit dans le README les tableaux tirés du registre du parcours (``notebooks/parcours.toml``).

    .venv/bin/python scripts/parcours.py              # réécrit les deux tableaux marqués du README
    .venv/bin/python scripts/parcours.py --verifier   # dit seulement s'ils sont à jour (code de sortie 1 sinon)

Le README garde deux blocs entre des commentaires ``<!-- parcours:… -->`` : « Le parcours » (un module par ligne)
et les tableaux de bord. Tout le reste du README s'écrit à la main ; ces deux blocs, jamais : on modifie le
registre, puis on lance ce script (``tests/test_parcours.py`` vérifie qu'ils sont à jour).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
README = RACINE / "README.md"
BINDER = "https://mybinder.org/v2/gh/atelier-ia-ess/atelier-ia-ess/main"


def _bornes(nom: str) -> tuple[str, str]:
    return (f"<!-- parcours:{nom} (écrit par scripts/parcours.py depuis notebooks/parcours.toml : modifiez le "
            f"registre, pas ce tableau) -->", f"<!-- parcours:{nom}, fin -->")


def _duree(module) -> str:
    return f"{module.duree} min" + (f" ({module.duree_variante})" if module.duree_variante else "")


def tableau_modules(modules) -> str:
    """Le tableau « Le parcours » : numéro, lien vers le notebook, durée, ce qu'on y fait."""
    lignes = ["| module | notebook | durée | ce qu'on y fait |", "|---|---|---|---|"]
    lignes += [f"| {m.numero} | [{m.titre}](notebooks/{m.fichier}.ipynb) | {_duree(m)} | {m.resume} |"
               for m in modules]
    return "\n".join(lignes)


def tableau_tableaux_de_bord(modules) -> str:
    """Le tableau des tableaux de bord : titre, adresse locale, lien Binder (dans l'ordre des modules)."""
    lignes = ["| tableau de bord | en local | sur Binder |", "|---|---|---|"]
    lignes += [f"| {titre} | `/voila/render/{fichier}.ipynb` | "
               f"[ouvrir]({BINDER}?urlpath=voila/render/notebooks/dashboards/{fichier}.ipynb) |"
               for m in modules for fichier, titre in m.tableaux_de_bord]
    return "\n".join(lignes)


def blocs(modules) -> dict[str, str]:
    return {"modules": tableau_modules(modules), "tableaux_de_bord": tableau_tableaux_de_bord(modules)}


def remplir(texte: str, modules) -> str:
    """Le texte du README avec ses blocs marqués réécrits depuis le registre (erreur claire si un repère manque)."""
    for nom, contenu in blocs(modules).items():
        debut, fin = _bornes(nom)
        i, j = texte.find(debut), texte.find(fin)
        if not 0 <= i < j:
            raise SystemExit(f"README.md : les repères du bloc « {nom} » manquent ou sont dans le désordre ; "
                             f"remettez-les :\n{debut}\n{fin}")
        texte = texte[:i + len(debut)] + "\n" + contenu + "\n" + texte[j:]
    return texte


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Réécrit les tableaux du README tirés de notebooks/parcours.toml.")
    parser.add_argument("--verifier", action="store_true", help="ne rien écrire ; code 1 si le README est en retard")
    args = parser.parse_args(argv)
    from atelier import registre

    actuel = README.read_text(encoding="utf-8")
    attendu = remplir(actuel, registre.parcours())
    if args.verifier:
        if attendu != actuel:
            print("✗ README.md est en retard sur notebooks/parcours.toml : lancez "
                  ".venv/bin/python scripts/parcours.py", file=sys.stderr)
            return 1
        print("✓ README.md suit notebooks/parcours.toml.")
        return 0
    if attendu != actuel:
        README.write_text(attendu, encoding="utf-8")
        print("✓ README.md réécrit depuis notebooks/parcours.toml.")
    else:
        print("✓ README.md était déjà à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
