"""atelier.nombres : la seule écriture des nombres à la française (virgule, espace fine, vrai signe moins)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from atelier import figures
from atelier.nombres import ESPACE_FINE, MOINS, nombre_court, nombre_fr, nombre_signe, points

SRC = Path(__file__).resolve().parents[1] / "src" / "atelier"


@pytest.mark.parametrize("valeur,decimales,attendu", [
    (0.8712, 2, "0,87"), (13120, 0, f"13{ESPACE_FINE}120"), (-0.5, 2, "-0,50"), (-0.0001, 2, "0,00"),
    (1234567.891, 1, f"1{ESPACE_FINE}234{ESPACE_FINE}567,9"), (0.16311, 4, "0,1631"),
])
def test_nombre_fr(valeur, decimales, attendu):
    assert nombre_fr(valeur, decimales) == attendu


def test_figures_ecrit_les_nombres_par_le_meme_code():
    assert figures.nombre_fr is nombre_fr


def test_signe_points_et_format_court():
    assert nombre_signe(-1.25, 1) == f"{MOINS}1,2" and nombre_signe(0.004, 2) == "0,00"
    assert nombre_signe(0.42, 2, plus=True) == "+0,42" and nombre_signe(-0.42, 2, plus=True) == f"{MOINS}0,42"
    assert nombre_signe(0.0, 2, plus=True) == "0,00"
    assert points(0.84) == "0,8 point" and points(-1.5) == f"{MOINS}1,5 point" and points(2.0) == "2,0 points"
    assert points(-1.96) == f"{MOINS}2,0 points" and points(1.994, 2) == "1,99 point"
    assert points(0.5, 2, plus=True) == "+0,50 point" and points(-2.5, 2, plus=True) == f"{MOINS}2,50 points"
    assert nombre_court(0.5) == "0,5" and nombre_court(-3.0) == f"{MOINS}3" and nombre_court(12) == "12"


def test_les_tableaux_de_bord_n_ont_pas_besoin_de_matplotlib_pour_ecrire_un_nombre():
    code = "import sys; import atelier.nombres; print('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"


def _remplacements_de_virgule(chemin: Path) -> list[int]:
    """Lignes où un module remplace lui-même le point décimal par une virgule (``….replace(".", ",")``)."""
    lignes = []
    for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
        if (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Attribute) and noeud.func.attr == "replace"
                and len(noeud.args) == 2 and all(isinstance(a, ast.Constant) for a in noeud.args)
                and [a.value for a in noeud.args] == [".", ","]):
            lignes.append(noeud.lineno)
    return lignes


def test_un_seul_endroit_remplace_le_point_par_une_virgule():
    trouves = {str(p.relative_to(SRC)): l for p in sorted(SRC.rglob("*.py")) if (l := _remplacements_de_virgule(p))}
    assert set(trouves) == {"nombres.py"}, f"nombres écrits à la main hors d'atelier.nombres : {trouves}"
