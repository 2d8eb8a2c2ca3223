"""Chaque notebook (leçons et tableaux de bord) a sa source texte MyST Markdown, celle qu'on relit dans un diff :
``sources_texte/<même chemin>.md``, appariée par ``jupytext.toml``. Ce test vérifie, sans rien exécuter, que
les deux disent la même chose (mêmes cellules, même type, même texte) et que les identifiants de cellule du
notebook sont uniques et conservés. Pour les remettre d'accord : ``jupytext --sync notebooks/X.ipynb`` ou
``python scripts/notebooks.py notebooks/X.ipynb`` (voir CONTRIBUTING.md, « Les sources texte des notebooks »)."""
from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.cli import jupytext as jupytext_cli

from tests.scripts_du_depot import importer

RACINE = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((RACINE / "notebooks").glob("0*.ipynb")) + sorted((RACINE / "notebooks" / "dashboards").glob("*.ipynb"))
TEXTES = RACINE / "sources_texte"
IDENTIFIANT = re.compile(r"[A-Za-z0-9_-]{1,64}")   # le motif de nbformat 4.5


notebooks_script = importer("scripts/notebooks.py")


def _nom(chemin: Path) -> str:
    return str(chemin.relative_to(RACINE))


def ecarts(notebook: Path) -> list[str]:
    """Ce qui sépare le notebook de sa source texte ([] : ils disent la même chose)."""
    paires = notebooks_script.sources_texte(notebook)
    if not paires:
        return [f"{notebook.name} : aucune source texte appariée (jupytext.toml)"]
    nb = nbformat.read(notebook, as_version=4)
    problemes = []
    for chemin, fmt in paires:
        if not chemin.is_file():
            problemes.append(f"{chemin.name} manque : lancez « jupytext --sync {notebook.name} »")
            continue
        texte = jupytext.read(chemin, fmt=fmt)
        if len(texte.cells) != len(nb.cells):
            problemes.append(f"{chemin.name} : {len(texte.cells)} cellules, le notebook en a {len(nb.cells)}")
        for i, (a, b) in enumerate(zip(nb.cells, texte.cells)):
            if a.cell_type != b.cell_type:
                problemes.append(f"cellule {i} ({a.get('id')}) : {a.cell_type} dans le notebook, {b.cell_type} dans {chemin.name}")
            elif a.source != b.source:
                lignes = difflib.unified_diff(a.source.splitlines(), b.source.splitlines(), "notebook", chemin.name, n=0, lineterm="")
                problemes.append(f"cellule {i} ({a.get('id')}) : " + " | ".join(list(lignes)[2:6]))
    return problemes


def test_les_notebooks_sont_trouves():
    assert len([n for n in NOTEBOOKS if n.parent.name == "notebooks"]) == 10 and len(NOTEBOOKS) > 10


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_nom)
def test_chaque_notebook_a_sa_source_texte_myst_hors_de_notebooks(notebook):
    paires = notebooks_script.sources_texte(notebook)
    assert [fmt.get("format_name") for _, fmt in paires] == ["myst"], paires
    chemin = paires[0][0]
    attendu = TEXTES / notebook.relative_to(RACINE / "notebooks").with_suffix(".md")
    assert chemin == attendu and chemin.is_file(), f"{attendu} manque : jupytext --sync {_nom(notebook)}"
    # Hors de notebooks/ : ni Voilà (notebooks/dashboards), ni nbval, ni l'explorateur de fichiers des
    # participantes et participants n'y voient un second « notebook ».
    assert RACINE / "notebooks" not in chemin.parents


def test_aucune_source_texte_orpheline():
    """Un notebook supprimé ou renommé emporte sa source texte."""
    attendues = {TEXTES / n.relative_to(RACINE / "notebooks").with_suffix(".md") for n in NOTEBOOKS}
    presentes = set(TEXTES.rglob("*.md"))
    assert presentes == attendues, sorted(map(_nom, presentes ^ attendues))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_nom)
def test_source_texte_et_notebook_disent_la_meme_chose(notebook):
    assert ecarts(notebook) == [], (
        f"{_nom(notebook)} et sa source texte divergent ; accordez-les avec « jupytext --sync {_nom(notebook)} » "
        f"(le plus récent des deux l'emporte) ou « python scripts/notebooks.py {_nom(notebook)} »")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_nom)
def test_identifiants_de_cellule_uniques_et_non_renumerotes(notebook):
    cellules = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    ids = [c.get("id") for c in cellules]
    assert all(i and IDENTIFIANT.fullmatch(i) for i in ids), f"identifiant absent ou invalide : {ids}"
    assert len(set(ids)) == len(ids), "identifiants en double"
    # nbstripout sans --keep-id remplace chaque identifiant par le rang de la cellule (« 0 », « 1 »…)
    assert not any(i == str(rang) for rang, i in enumerate(ids)), "identifiants renumérotés par rang"


def _version_committee(notebook: Path) -> dict | None:
    try:
        sortie = subprocess.run(["git", "show", f"HEAD:{_nom(notebook)}"], cwd=RACINE, capture_output=True,
                                text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return json.loads(sortie)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=_nom)
def test_une_cellule_inchangee_garde_son_identifiant_committe(notebook):
    """Avant un commit : une cellule dont le texte n'a pas changé depuis le dernier commit garde son identifiant
    (dans un clone frais, notebook et commit sont identiques et le test passe d'office)."""
    committe = _version_committee(notebook)
    if committe is None:
        pytest.skip("pas de version committée (notebook nouveau, ou git absent)")
    anciens: dict[tuple[str, str], set[str]] = {}
    for c in committe["cells"]:
        anciens.setdefault((c["cell_type"], "".join(c["source"])), set()).add(c.get("id"))
    actuelles = nbformat.read(notebook, as_version=4).cells
    changes = [f"cellule {i} : {c.id} (avant : {sorted(anciens[(c.cell_type, c.source)])})" for i, c in enumerate(actuelles)
               if (c.cell_type, c.source) in anciens and c.id not in anciens[(c.cell_type, c.source)]]
    assert changes == [], "identifiants régénérés, gardez ceux du notebook : " + " ; ".join(changes[:5])


@pytest.fixture
def copie(tmp_path):
    """Une copie du dépôt réduite à jupytext.toml, une leçon à cellules de contrôle et sa source texte."""
    (tmp_path / "notebooks").mkdir()
    shutil.copy(RACINE / "jupytext.toml", tmp_path)
    notebook = tmp_path / "notebooks" / "00_demarrer.ipynb"
    shutil.copy(RACINE / "notebooks" / notebook.name, notebook)
    (tmp_path / "sources_texte").mkdir()
    texte = tmp_path / "sources_texte" / "00_demarrer.md"
    shutil.copy(TEXTES / texte.name, texte)
    return notebook, texte


def _plus_recent(chemin: Path) -> None:
    time.sleep(0.05)
    chemin.touch()


def _ids_et_sorties(notebook: Path) -> list[tuple[str, list]]:
    return [(c.id, c.get("outputs")) for c in nbformat.read(notebook, as_version=4).cells]


def test_une_source_texte_modifiee_seule_est_detectee_puis_reportee(copie):
    notebook, texte = copie
    avant = _ids_et_sorties(notebook)
    assert ecarts(notebook) == []
    texte.write_text(texte.read_text(encoding="utf-8").replace("# Module 00", "# Module 00 (relu)", 1),
                     encoding="utf-8")
    _plus_recent(texte)
    assert any("+# Module 00 (relu)" in e for e in ecarts(notebook))
    jupytext_cli(["--sync", "--quiet", str(notebook)])
    assert ecarts(notebook) == []
    assert "# Module 00 (relu)" in nbformat.read(notebook, as_version=4).cells[0].source
    assert _ids_et_sorties(notebook) == avant, "la synchronisation a changé des identifiants ou des sorties"


def test_un_notebook_modifie_seul_est_detecte_puis_reporte_par_le_script(copie):
    notebook, texte = copie
    nb = nbformat.read(notebook, as_version=4)
    avant = _ids_et_sorties(notebook)
    controles = [c.id for c in nb.cells if notebooks_script.MARQUE in c.source]
    assert controles, "la copie doit contenir des cellules de contrôle"
    nb.cells[-1].source += "\n\nUne phrase ajoutée dans le notebook."
    nbformat.write(nb, notebook)
    _plus_recent(notebook)
    assert any("-Une phrase ajoutée dans le notebook." in e for e in ecarts(notebook))
    notebooks_script.main(["--clean-only", str(notebook)])
    assert ecarts(notebook) == []
    assert "Une phrase ajoutée dans le notebook." in texte.read_text(encoding="utf-8")
    apres = nbformat.read(notebook, as_version=4)
    assert _ids_et_sorties(notebook) == avant
    # nbval exige un numéro d'exécution sur chaque cellule de contrôle : le script les numérote 1, 2, 3…
    assert [c.execution_count for c in apres.cells if c.id in controles] == list(range(1, len(controles) + 1))


def test_le_script_reprend_une_source_texte_plus_recente(copie):
    """« Modifiez l'un ou l'autre côté » : scripts/notebooks.py reprend d'abord la source texte si elle est la
    plus récente (sinon il l'écraserait avec l'ancien notebook)."""
    notebook, texte = copie
    avant = _ids_et_sorties(notebook)
    texte.write_text(texte.read_text(encoding="utf-8").replace("# Module 00", "# Module 00 (relu)", 1), encoding="utf-8")
    _plus_recent(texte)
    notebooks_script.main(["--clean-only", str(notebook)])
    assert ecarts(notebook) == [] and "(relu)" in nbformat.read(notebook, as_version=4).cells[0].source
    assert [i for i, _ in _ids_et_sorties(notebook)] == [i for i, _ in avant]
