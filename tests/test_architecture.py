"""Les flèches vont vers le bas (CONTRIBUTING.md, « L'architecture ») : ce test lit les imports de chaque module
d'``atelier`` (ceux du haut du fichier comme ceux cachés dans une fonction) et échoue quand un module en importe un
d'une couche au-dessus de la sienne. Ainsi le dessin de CONTRIBUTING.md reste vrai."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAQUET = Path(__file__).resolve().parents[1] / "src" / "atelier"

#: Les couches, de bas en haut. Un module importe sa couche ou une couche plus basse, jamais plus haute.
COUCHES: dict[str, int] = {
    **dict.fromkeys(["erreurs", "libelles", "palette", "figures", "nombres", "statistiques", "classement",
                     "memoire"], 0),   # base
    # les fichiers de datasets/ : les tables (data), les vecteurs livrés partagés entre noyaux (vecteurs_livres,
    # qui lit par data ; data reprend deux de ses fonctions pour les leçons) et le registre du parcours
    **dict.fromkeys(["data", "vecteurs_livres", "registre"], 1),
    # minilm : le modèle anglais en numpy ; modele_ngrammes, mini_transformeur, generation : le module 09 (numpy)
    **dict.fromkeys(["embeddings", "minilm", "reecriture", "modele_ngrammes", "mini_transformeur", "generation"], 2),
    # reecriture : l'écriture SMS et les fautes au son, avant d'encoder
    # les concepts des leçons (et l'installation, qui les vérifie tous)
    **dict.fromkeys(["recherche", "cartographie", "recommandation", "biais", "recrutement", "faq", "similarite",
                     "diagnostic", "comparaison_recherche", "calcul_umap", "installation"], 3),
    "dessin_carte": 3,   # les figures de la carte ; elles lisent les mesures de cartographie (même couche)
    **dict.fromkeys(["cv_automatique", "cv_experience"], 3),   # module 09 : lit recommandation et recrutement
    "ui": 4,
}


def _nom_module(chemin: Path) -> str:
    relatif = chemin.relative_to(PAQUET).with_suffix("")
    return ".".join(relatif.parts)


def _couche(module: str) -> int:
    premier = module.split(".")[0]
    if premier not in COUCHES:
        raise AssertionError(f"module atelier.{module} absent des couches de tests/test_architecture.py : "
                             "ajoutez-le à sa couche (et au dessin de CONTRIBUTING.md)")
    return COUCHES[premier]


def _imports_atelier(chemin: Path) -> list[tuple[str, int]]:
    """(module d'atelier importé, ligne) pour chaque import du fichier, où qu'il soit."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    trouves = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            trouves += [(a.name[len("atelier."):], noeud.lineno) for a in noeud.names
                        if a.name.startswith("atelier.")]
        elif isinstance(noeud, ast.ImportFrom) and noeud.module and noeud.level == 0:
            if noeud.module == "atelier":                     # from atelier import data, embeddings
                trouves += [(a.name, noeud.lineno) for a in noeud.names]
            elif noeud.module.startswith("atelier."):
                trouves.append((noeud.module[len("atelier."):], noeud.lineno))
    return trouves


MODULES = sorted(p for p in PAQUET.rglob("*.py") if p.name != "__init__.py")


def test_chaque_module_a_sa_couche():
    for chemin in MODULES:
        _couche(_nom_module(chemin))


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: _nom_module(p))
def test_les_imports_descendent(chemin):
    module = _nom_module(chemin)
    ici = _couche(module)
    for importe, ligne in _imports_atelier(chemin):
        assert _couche(importe) <= ici, (
            f"atelier.{module} (couche {ici}) importe atelier.{importe} (couche {_couche(importe)}) "
            f"ligne {ligne} : une flèche qui remonte")


def test_le_test_voit_une_fleche_qui_remonte(tmp_path, monkeypatch):
    faux = PAQUET / "_faux_module_pour_le_test.py"
    assert not faux.exists()
    source = "def f():\n    from atelier.ui import messages\n    from atelier import recherche\n"
    ecrit = tmp_path / "data_faux.py"
    ecrit.write_text(source)
    importes = dict(_imports_atelier(ecrit))
    assert importes == {"ui": 2, "recherche": 3}
    assert max(_couche(m) for m in importes) > COUCHES["data"]
