"""Le registre du parcours, ``notebooks/parcours.toml`` : la liste des modules, écrite une seule fois.

Chaque module du registre a son notebook, son diaporama, son plan et sa fiche, aux titres et durées du registre ;
le README affiche les tableaux tirés du registre (``scripts/parcours.py``) ; l'autodiagnostic (module 08) nomme les
modules comme le registre. Un registre abîmé donne une erreur claire. Le kit d'animation est testé dans
``tests/test_kit.py``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from atelier import diagnostic, registre
from atelier.erreurs import DonneesIndisponibles
from tests.scripts_du_depot import importer

RACINE = Path(__file__).resolve().parents[1]
MODULES = registre.parcours()


#: Les fonctions du script qui écrit les tableaux du README (``scripts/parcours.py``).
script = importer("scripts/parcours.py")


def _tete(chemin: Path) -> dict[str, str]:
    """Les lignes « clé: valeur » du commentaire de tête d'une source du kit."""
    tete = re.match(r"<!--(.*?)-->", chemin.read_text(encoding="utf-8"), re.DOTALL).group(1)
    return {k.strip(): v.strip() for k, v in (l.split(":", 1) for l in tete.strip().splitlines() if ":" in l)}


def test_le_registre_se_lit_dans_l_ordre():
    assert [m.numero for m in MODULES] == [f"{i:02d}" for i in range(len(MODULES))]
    assert len(MODULES) >= 9
    assert len({m.fichier for m in MODULES}) == len(MODULES) and len({m.titre for m in MODULES}) == len(MODULES)
    assert all(m.duree > 0 and m.resume for m in MODULES)
    assert registre.parcours() == MODULES
    assert registre.parcours() is registre.parcours()     # lu une fois par noyau (d'autres tests vident le cache)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.numero)
def test_chaque_module_a_ses_fichiers_aux_titres_et_durees_du_registre(module):
    notebook = RACINE / "notebooks" / f"{module.fichier}.ipynb"
    assert notebook.is_file(), f"notebook manquant : {notebook.relative_to(RACINE)}"
    premiere = "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert premiere.startswith(f"# Module {module.numero} — {module.titre}"), premiere.splitlines()[0]
    deck = _tete(RACINE / "slides" / "diaporamas" / f"{module.fichier}.md")
    assert deck["titre"].startswith(f"Module {module.numero} — {module.titre}")
    assert deck["module"] == module.numero and int(deck["duree"]) == module.duree
    assert deck["notebook"] == f"notebooks/{module.fichier}.ipynb"
    plan = _tete(RACINE / "slides" / "plans" / f"{module.fichier}.md")
    assert f"Module {module.numero} · {module.titre}" in plan["titre"] and int(plan["duree"]) == module.duree
    assert (RACINE / "slides" / "fiches" / f"{module.fichier}.md").is_file()
    assert (RACINE / "slides" / "fiches" / f"{module.fichier}_falc.md").is_file() == module.fiche_falc
    for fichier, titre in module.tableaux_de_bord:
        assert (RACINE / "notebooks" / "dashboards" / f"{fichier}.ipynb").is_file(), fichier
        assert titre.strip()


def test_rien_n_est_hors_du_registre():
    """Un notebook de leçon, un diaporama, un plan, une fiche ou un tableau de bord numéroté qui n'est pas dans le
    registre serait oublié du README, du kit et de l'autodiagnostic."""
    fichiers = {m.fichier for m in MODULES}
    lecons = {p.stem for p in (RACINE / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert lecons == fichiers, f"notebooks hors du registre : {sorted(lecons - fichiers)}"
    for dossier in ("diaporamas", "plans", "fiches"):
        numerotes = {p.stem.removesuffix("_falc") for p in (RACINE / "slides" / dossier).glob("[0-9][0-9]_*.md")}
        assert numerotes <= fichiers, f"slides/{dossier} hors du registre : {sorted(numerotes - fichiers)}"
    tableaux = {p.stem for p in (RACINE / "notebooks" / "dashboards").glob("*.ipynb")}
    declares = [f for m in MODULES for f, _ in m.tableaux_de_bord]
    assert sorted(declares) == sorted(tableaux), "tableaux de bord absents du registre (ou déclarés deux fois)"


def _lire(chemin: Path) -> str:
    return chemin.read_text(encoding="utf-8")


def tableaux_absents_du_cours(lire=_lire) -> list[str]:
    """Chaque tableau de bord du registre, nommé par son titre dans le plan de séance et dans la leçon de son
    module, et « entre guillemets » dans le parcours autonome ; rend ce qui manque (``lire`` : chemin → texte)."""
    autonome = lire(RACINE / "slides" / "plans" / "format_parcours_autonome.md")
    absents = []
    for m in MODULES:
        plan = lire(RACINE / "slides" / "plans" / f"{m.fichier}.md")
        lecon = lire(RACINE / "sources_texte" / f"{m.fichier}.md")
        for _, titre in m.tableaux_de_bord:
            absents += [f"{titre} : {ou}" for ou, texte, cherche in (
                (f"slides/plans/{m.fichier}.md", plan, titre),
                (f"sources_texte/{m.fichier}.md", lecon, titre),
                ("slides/plans/format_parcours_autonome.md", autonome, f"« {titre} »")) if cherche not in texte]
    return absents


def test_chaque_tableau_de_bord_est_nomme_dans_le_cours():
    """Un tableau de bord dont ni le plan de séance, ni la leçon, ni le parcours autonome ne disent le nom ne
    serait ouvert par personne : le titre du registre (celui de la page) se retrouve dans les trois."""
    assert sum(len(m.tableaux_de_bord) for m in MODULES) >= 9
    assert tableaux_absents_du_cours() == []


def test_un_tableau_de_bord_oublie_du_cours_est_signale():
    """Contrôle négatif : le titre d'un tableau de bord retiré d'un plan, d'une leçon ou du parcours autonome
    (ou écrit sans ses guillemets dans celui-ci) est signalé, à sa place."""
    fichier, titre = next((m.fichier, m.tableaux_de_bord[0][1]) for m in MODULES if m.tableaux_de_bord)
    for cible in (f"slides/plans/{fichier}.md", f"sources_texte/{fichier}.md",
                  "slides/plans/format_parcours_autonome.md"):
        def lire(chemin: Path, cible=cible) -> str:
            texte = _lire(chemin)
            return texte.replace(titre, "un tableau de bord") if chemin == RACINE / cible else texte
        assert tableaux_absents_du_cours(lire) == [f"{titre} : {cible}"]
    sans_guillemets = lambda c: _lire(c).replace(f"« {titre} »", titre)  # noqa: E731
    assert tableaux_absents_du_cours(sans_guillemets) == [f"{titre} : slides/plans/format_parcours_autonome.md"]


def test_le_readme_suit_le_registre():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert script.remplir(readme, MODULES) == readme, (
        "README.md est en retard sur notebooks/parcours.toml : lancez .venv/bin/python scripts/parcours.py")
    for m in MODULES:
        assert f"| {m.numero} | [{m.titre}](notebooks/{m.fichier}.ipynb) | {m.duree} min" in readme
    assert script.main(["--verifier"]) == 0


def test_un_readme_en_retard_est_signale():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    perime = readme.replace(f"| {MODULES[1].titre}]", "| Un ancien titre]", 1).replace(
        f"[{MODULES[1].titre}](", "[Un ancien titre](", 1)
    assert perime != readme and script.remplir(perime, MODULES) == readme
    with pytest.raises(SystemExit, match="repères du bloc « modules »"):
        script.remplir(readme.replace("<!-- parcours:modules, fin -->", ""), MODULES)


def test_l_autodiagnostic_nomme_les_modules_comme_le_registre():
    assert list(diagnostic.MODULES) == [m.numero for m in MODULES]
    assert diagnostic.MODULES["01"] == f"{MODULES[1].titre} (plongements)"
    assert diagnostic.MODULES["00"] == MODULES[0].titre


@pytest.fixture
def registre_temporaire(tmp_path, monkeypatch):
    """Un registre écrit dans un dossier temporaire, à la place du vrai (relu à chaque test)."""
    chemin = tmp_path / "parcours.toml"
    monkeypatch.setattr(registre, "PARCOURS", chemin)
    registre.parcours.cache_clear()
    yield chemin
    monkeypatch.undo()
    registre.parcours.cache_clear()


MODULE_00 = '[[module]]\nnumero = "00"\ntitre = "Démarrer"\nfichier = "00_demarrer"\nduree = 20\nresume = "r"\n'


def test_un_registre_abime_donne_une_erreur_claire(registre_temporaire):
    with pytest.raises(DonneesIndisponibles, match="notebooks/parcours.toml.*introuvable"):
        registre.parcours()
    cas = {
        "numero = ": "illisible",
        MODULE_00.replace('"00"', '"01"').replace("00_", "01_"): "numéros vont de 00",
        MODULE_00.replace("duree = 20", 'duree = "vingt"'): "« duree » mal écrit",
        MODULE_00.replace("resume", "resumee"): "champ inconnu « resumee »",
        MODULE_00.replace('titre = "Démarrer"\n', ""): "il manque titre",
        MODULE_00 + '[[module.tableau_de_bord]]\nfichier = "x"\n': "tableau de bord sans",
        "": "aucun",
    }
    for contenu, message in cas.items():
        registre_temporaire.write_text(contenu, encoding="utf-8")
        registre.parcours.cache_clear()
        with pytest.raises(DonneesIndisponibles, match=re.escape(message)):
            registre.parcours()
    registre_temporaire.write_text(MODULE_00 + '[[module.tableau_de_bord]]\nfichier = "x"\ntitre = "X"\n', encoding="utf-8")
    registre.parcours.cache_clear()
    (m,) = registre.parcours()
    assert m.tableaux_de_bord == (("x", "X"),) and m.libelle == "Démarrer" and not m.fiche_falc
