"""pytest, pour toute la suite : les cellules de contrôle des notebooks sont comparées à l'écart près entre
processeurs (voir ``tests/controle_sorties.py``), et seulement à cet écart-là ; chaque test reçoit la marque de
son niveau (voir :data:`NIVEAUX` et CONTRIBUTING.md, « Tester »)."""
from __future__ import annotations

import os
from pathlib import Path

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


#: Les niveaux de la suite, par chemin (relatif à la racine du dépôt) : la marque que reçoit chaque test.
#: Un test sans niveau ici est un test unitaire du paquet (marque ``unitaire``).
#: La seconde passe de ``scripts/tester.sh`` (« un autre processeur ») saute :data:`MEME_SUR_TOUT_PROCESSEUR` :
#: ce que ces tests vérifient (le hub, le kit, l'installation, la forme des pages) ne dépend d'aucun nombre du modèle.
NIVEAUX: dict[str, tuple[str, ...]] = {
    "notebook": ("notebooks/",),
    "salle": ("tests/test_salle.py", "tests/test_salle_hors_ligne.py", "tests/browser/test_salle_tableaux.py"),
    "kit": ("tests/test_kit.py", "tests/browser/test_diapos.py", "tests/browser/test_kit_archive.py"),
    "installation": ("tests/test_installation.py", "tests/browser/test_jupyterlab.py"),
    "interface": ("tests/browser/test_accessibilite.py", "tests/browser/test_clavier.py",
                  "tests/browser/test_affichage.py"),
    "navigateur": ("tests/browser/",),
}
MEME_SUR_TOUT_PROCESSEUR = ("salle", "kit", "installation", "interface")
RACINE = Path(__file__).resolve().parent


def niveaux_du_chemin(relatif: str) -> list[str]:
    """Les niveaux d'un fichier de test (``tests/browser/test_carte.py`` → ``["navigateur"]``)."""
    trouves = [nom for nom, prefixes in NIVEAUX.items() if any(relatif.startswith(p) for p in prefixes)]
    return trouves or ["unitaire"]


#: ``ATELIER_PASSE=autre_processeur`` (la seconde passe de ``scripts/tester.sh``) : les tests des niveaux
#: :data:`MEME_SUR_TOUT_PROCESSEUR` sont désélectionnés (pytest les compte dans « deselected »).
PASSE_VAR = "ATELIER_PASSE"
_NIVEAU: dict[str, str] = {}         # le niveau de chaque test (le premier de NIVEAUX qui lui va), par nodeid
_DUREES: dict[str, float] = {}       # secondes passées par niveau, affichées à la fin


def pytest_collection_modifyitems(config, items):
    seconde_passe = os.environ.get(PASSE_VAR, "") == "autre_processeur"
    gardes, ecartes = [], []
    for item in items:
        try:
            relatif = Path(str(item.path)).resolve().relative_to(RACINE).as_posix()
        except ValueError:
            relatif = ""
        niveaux = niveaux_du_chemin(relatif)
        for nom in niveaux:
            item.add_marker(nom)
        _NIVEAU[item.nodeid] = niveaux[0]
        (ecartes if seconde_passe and set(niveaux) & set(MEME_SUR_TOUT_PROCESSEUR) else gardes).append(item)
    if ecartes:
        config.hook.pytest_deselected(items=ecartes)
        items[:] = gardes


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    _brancher_sur_nbval()
    for nom in [*NIVEAUX, "unitaire"]:
        config.addinivalue_line("markers", f"{nom}: niveau de la suite (conftest.py, NIVEAUX)")


def pytest_runtest_logreport(report):
    """Additionne la durée de chaque test (préparation, test, rangement) à celle de son niveau."""
    niveau = _NIVEAU.get(report.nodeid, "autre")
    _DUREES[niveau] = _DUREES.get(niveau, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if _DUREES:
        total = sum(_DUREES.values())
        parts = ", ".join(f"{n} {_duree(d)}" for n, d in sorted(_DUREES.items(), key=lambda x: -x[1]))
        terminalreporter.write_line(f"Durée par niveau : {parts} (total {_duree(total)})")


def _duree(secondes: float) -> str:
    return f"{int(secondes // 60)} min {round(secondes % 60):02d} s" if secondes >= 60 else f"{secondes:.1f} s"
