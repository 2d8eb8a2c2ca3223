"""La feuille de style des tableaux de bord (src/atelier/ui/tableaux.css) : une seule, chargée par chaque tableau
(atelier.ui.style.feuille_de_style) ; elle se lit (accolades équilibrées), chaque classe qu'elle vise existe dans
le code, aucune règle n'est écrite deux fois, et aucun module ne garde sa propre balise ``<style>``."""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import ipywidgets as widgets
import pytest

from atelier.palette import OKABE_ITO
from atelier.ui import style

RACINE = Path(__file__).resolve().parents[1]
PAQUET = RACINE / "src" / "atelier"
TABLEAUX = ("carte", "chatbot", "cv", "diagnostic", "mots_nombres", "profil", "recherche", "recruteur", "sonde")
#: Les classes posées par ipywidgets, JupyterLab, Voilà et bqplot (la graduation des axes, « tick ») : pas les nôtres.
CLASSES_DES_BIBLIOTHEQUES = re.compile(r"(widget-|jp-|lm-)[\w-]+|tick")


def regles(css: str, contexte: str = "") -> list[tuple[str, str, str]]:
    """Les règles de ``css`` : (contexte @media, sélecteur, déclarations), dans l'ordre ; ValueError si les accolades
    ne s'équilibrent pas."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    trouvees, profondeur, debut, tete = [], 0, 0, ""
    for i, c in enumerate(css):
        if c == "{":
            if profondeur == 0:
                tete, debut = css[:i][css[:i].rfind("}") + 1:].strip(), i + 1
            profondeur += 1
        elif c == "}":
            profondeur -= 1
            if profondeur < 0:
                raise ValueError(f"« }} » sans « {{ » au caractère {i}")
            if profondeur == 0:
                corps = css[debut:i]
                if tete.startswith("@"):
                    trouvees += regles(corps, contexte + tete)
                else:
                    trouvees.append((contexte, " ".join(tete.split()), corps))
    if profondeur:
        raise ValueError("« { » jamais fermée")
    if css[css.rfind("}") + 1:].strip():
        raise ValueError("texte après la dernière règle")
    return trouvees


def classes_visees(css: str) -> set[str]:
    """Les classes que visent les sélecteurs de ``css`` (pas les valeurs : « 0.4em » n'est pas une classe)."""
    return {c for _, selecteur, _ in regles(css) for c in re.findall(r"\.(-?[A-Za-z_][\w-]*)", selecteur)}


def motifs_de_classes(source: str) -> list[re.Pattern]:
    """Les noms de classe possibles dans le code : chaque mot des chaînes du module ; dans une f-string, un
    ``{…}`` peut valoir n'importe quel morceau de nom (``f"sonde-{cote}"`` → ``sonde-a``, ``sonde-b``)."""
    textes = []
    for noeud in ast.walk(ast.parse(source)):
        if isinstance(noeud, ast.JoinedStr):
            textes.append("".join(v.value if isinstance(v, ast.Constant) else "\0" for v in noeud.values))
        elif isinstance(noeud, ast.Constant) and isinstance(noeud.value, str):
            textes.append(noeud.value)
    motifs = set()
    for texte in textes:
        for mot in re.split(r"[^\w\0-]+", texte):
            if len(re.sub(r"[\0_-]", "", mot)) >= 2:         # au moins deux lettres écrites dans le code
                motifs.add(re.escape(mot).replace("\0", r"[\w-]+"))
    return [re.compile(m) for m in motifs]


def classes_inconnues(css: str, sources: list[str]) -> list[str]:
    motifs = [m for s in sources for m in motifs_de_classes(s)]
    return sorted(c for c in classes_visees(css) if not CLASSES_DES_BIBLIOTHEQUES.fullmatch(c)
                  and not any(m.fullmatch(c) for m in motifs))


@pytest.fixture(scope="module")
def feuille() -> str:
    return style.FICHIER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sources() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(PAQUET.rglob("*.py"))]


def test_la_feuille_se_lit(feuille):
    assert len(regles(feuille)) > 100
    assert [c for c, _, _ in regles(feuille) if c] == ["@media (max-width: 760px)"] + ["@media print"] * 7


def test_chaque_classe_visee_existe_dans_le_code(feuille, sources):
    assert classes_inconnues(feuille, sources) == []


def doublons(css: str) -> list[tuple[str, str, str]]:
    """(contexte, sélecteur, propriété) écrits plus d'une fois ; un groupe « .a, .b » compte pour .a et pour .b."""
    vues: dict[tuple[str, str, str], int] = {}
    for contexte, selecteurs, corps in regles(css):
        for selecteur in (s.strip() for s in selecteurs.split(",")):
            for declaration in filter(str.strip, corps.split(";")):
                cle = (contexte, selecteur, declaration.split(":")[0].strip())
                vues[cle] = vues.get(cle, 0) + 1
    return [cle for cle, n in vues.items() if n > 1]


def balises_style(fichiers: dict[str, str]) -> list[str]:
    """Les fichiers (nom → texte) qui écrivent une balise ``<style>``."""
    return [nom for nom, texte in fichiers.items() if re.search(r"<style", texte, re.I)]


def test_aucune_regle_ecrite_deux_fois(feuille):
    """Une propriété d'un sélecteur n'a qu'une valeur dans la feuille ; deux tableaux ne se disputent pas une classe
    (:where(.racine) borne celles qu'ils partagent)."""
    assert doublons(feuille) == []


def test_aucun_module_ne_garde_sa_balise_style():
    fichiers = {str(p.relative_to(PAQUET)): p.read_text(encoding="utf-8") for p in sorted(PAQUET.rglob("*.py"))
                if p != Path(style.__file__)}
    assert balises_style(fichiers) == []
    for nom in TABLEAUX:
        source = (PAQUET / "ui" / f"{nom}.py").read_text(encoding="utf-8")
        assert "feuille_de_style()" in source, nom
        assert not re.search(r"^STYLE\s*=", source, re.M), nom


def test_les_couleurs_viennent_de_la_palette(feuille):
    """``var(--atelier-<nom>)`` : une couleur de la palette, posée par feuille_de_style() (pas écrite deux fois)."""
    employees = set(re.findall(r"var\(--atelier-([\w-]+)\)", feuille))
    assert employees and employees <= set(OKABE_ITO)
    for nom in employees:
        assert f"--atelier-{nom}: {OKABE_ITO[nom]};" in style.variables_de_couleur()


def test_le_widget_porte_toute_la_feuille(feuille):
    a, b = style.feuille_de_style(), style.feuille_de_style()
    assert isinstance(a, widgets.HTML) and a is not b           # un widget par tableau affiché
    assert a.value.startswith("<style>") and a.value.endswith("</style>")
    assert feuille in a.value and style.variables_de_couleur() in a.value
    assert a.value.count("</style>") == 1                        # la feuille ne ferme pas la balise avant la fin


def test_la_feuille_est_dans_le_paquet_installe():
    """``pip install .`` (sans -e) emporte la feuille : pyproject.toml la déclare comme donnée du paquet."""
    projet = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    motifs = projet["tool"]["setuptools"]["package-data"]["atelier.ui"]
    assert any(style.FICHIER.match(m) for m in motifs)
    assert style.FICHIER.parent == PAQUET / "ui"


def test_les_verifications_voient_une_faute(sources):
    """Témoins : une accolade qui manque, une classe que le code ne pose nulle part, une propriété écrite deux fois,
    un module qui garde sa balise ``<style>`` sont vus."""
    for casse in (".a { color: red;", ".a { color: red; } }", ".a { color: red; } .b"):
        with pytest.raises(ValueError):
            regles(casse)
    assert classes_inconnues(".cv-page .atelier-inexistante { color: red; }", sources) == ["atelier-inexistante"]
    assert classes_inconnues(".sonde-a, .recruteur-retour-pari { color: red; }", sources) == []   # f-strings
    assert classes_inconnues(".ab { margin: 0.4em; }", ["x = 'ab'"]) == []        # « 0.4em » n'est pas une classe
    assert regles("@media print { .a { color: red; } }") == [("@media print", ".a", " color: red; ")]
    assert doublons(".a { color: red; } .b, .a { color: blue; }") == [("", ".a", "color")]
    assert doublons("@media print { .a { color: red; } } .a { color: blue; }") == []
    assert balises_style({"vieux.py": "STYLE = '<STYLE>.a {}</style>'", "neuf.py": "x = 1"}) == ["vieux.py"]
