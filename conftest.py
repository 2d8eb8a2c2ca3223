"""pytest, pour toute la suite : les cellules de contrôle des notebooks sont comparées à l'écart près entre
processeurs (voir ``tests/controle_sorties.py``), et seulement à cet écart-là."""
from __future__ import annotations

import pytest

from tests.controle_sorties import Tolerance, sorties_equivalentes


def _brancher_sur_nbval() -> None:
    try:
        from nbval.plugin import IPyNbCell, transform_streams_for_comparison
    except ImportError:  # nbval absent : rien à brancher
        return
    if getattr(IPyNbCell.compare_outputs, "_atelier", False):
        return
    compare_exact = IPyNbCell.compare_outputs

    def _aplatir(cellule, sorties, ignorer) -> dict[str, list]:
        aplaties: dict[str, list] = {}
        for sortie in transform_streams_for_comparison(sorties):
            for cle, valeur in sortie.items():
                if cle in ignorer:
                    continue
                if cle == "data":
                    for type_mime, contenu in valeur.items():
                        if type_mime not in ignorer:
                            aplaties.setdefault(type_mime, []).append(cellule.sanitize(contenu))
                else:
                    aplaties.setdefault(cle, []).append(cellule.sanitize(valeur))
        return aplaties

    def compare_outputs(self, test, ref, skip_compare=None):
        if compare_exact(self, test, ref, skip_compare):
            return True
        tol = Tolerance.de_la_cellule(self.cell.source)
        ignorer = skip_compare or self.parent.skip_compare
        obtenu, attendu = _aplatir(self, test, ignorer), _aplatir(self, ref, ignorer)
        if obtenu.keys() != attendu.keys():
            return False
        for cle, valeurs in attendu.items():
            if len(valeurs) != len(obtenu[cle]):
                return False
            for a, b in zip(valeurs, obtenu[cle]):
                if a != b and not (isinstance(a, str) and isinstance(b, str) and sorties_equivalentes(a, b, tol)):
                    self.comparison_traceback.append(f"(tolérance appliquée : {tol})")
                    return False
        self.comparison_traceback = []
        return True

    compare_outputs._atelier = True
    IPyNbCell.compare_outputs = compare_outputs


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    _brancher_sur_nbval()
