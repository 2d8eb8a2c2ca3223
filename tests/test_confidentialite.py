"""Ce qui est gardé, et où : des promesses vraies, dites partout de la même façon.

- Chaque tableau de bord dit, dans sa première cellule, :data:`messages.CONFIDENTIALITE_TABLEAU` (rien n'est
  enregistré : le texte reste en mémoire, sur l'ordinateur ou le serveur qui fait tourner la page, jusqu'à sa
  fermeture ; rien de réel sur les personnes accompagnées). Que les tableaux de bord n'écrivent rien sur le disque est
  vérifié par les tests de chaque module (``test_embeddings.test_sans_cache_rien_n_est_ecrit``, ``test_recommandation``,
  ``test_faq``, ``test_maps``, ``test_recruiting``).
- Chaque leçon où l'on tape du texte dit :data:`messages.CONFIDENTIALITE_NOTEBOOK` (JupyterLab sauvegarde le
  fichier du notebook, ici ou sur le serveur de Binder ou de la salle).
- Aucune leçon, aucun diaporama, plan ou fiche ne promet « rien n'est enregistré » d'un notebook, ni que le texte
  « reste sur cet ordinateur ».
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from atelier.ui import messages

RACINE = Path(__file__).resolve().parents[1]
#: Les leçons où l'on tape ses propres textes.
LECONS_OU_L_ON_TAPE = ("00_demarrer", "02_recherche_tolerante", "03_carte_des_metiers", "04_moteur_de_recommandation",
                       "07_chatbot_faq", "08_ia_dans_ma_structure", "09_cv_ecrit_par_la_machine")
#: Des promesses fausses pour un notebook (JupyterLab l'enregistre) ou sur Binder (ce n'est pas « cet ordinateur »).
PROMESSES_FAUSSES = (
    r"reste(nt)? (sur|dans) (cet|votre) ordinateur",
    r"(reste|restent) dans la mémoire de (votre|la) (session|séance)",
    r"rien n'est (écrit|enregistré) sur le disque",
    r"n'est jamais (écrit|enregistré) sur le disque",
)
#: « Rien n'est enregistré » n'est vrai que d'un tableau de bord : la phrase doit le nommer.
RIEN_ENREGISTRE = re.compile(r"rien (de ce qu[^.]*)?n'est (enregistré|gardé)", re.I)


def _normal(texte: str) -> str:
    return " ".join(texte.replace("**", "").replace("🔒", "").split())


def _paragraphes(texte: str) -> list[str]:
    return [_normal(p) for p in re.split(r"\n\s*\n|\n(?=\s*[-*|] )", texte) if p.strip()]


def _prose() -> list[tuple[str, str]]:
    lieux = []
    for f in sorted((RACINE / "notebooks").glob("0*.ipynb")):
        nb = nbformat.read(f, as_version=4)
        lieux += [(f"{f.name} cellule {i}", c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    for dossier in ("diaporamas", "plans", "fiches"):
        lieux += [(str(f.relative_to(RACINE)), f.read_text(encoding="utf-8"))
                  for f in sorted((RACINE / "slides" / dossier).glob("*.md"))]
    return lieux


def promesses_fausses(texte: str) -> list[str]:
    trouvees = []
    for para in _paragraphes(texte):
        trouvees += [f"« {m} » : {para[:140]}" for m in PROMESSES_FAUSSES if re.search(m, para, re.I)]
        if RIEN_ENREGISTRE.search(para) and not re.search(r"tableaux? de bord|la page|cette page", para, re.I):
            trouvees.append(f"« rien n'est enregistré » sans dire de quoi : {para[:140]}")
    return trouvees


def test_le_controle_attrape_une_promesse_fausse():
    assert promesses_fausses("Ce que vous tapez reste sur cet ordinateur, dans cette page : rien n'est enregistré.")
    assert promesses_fausses("- Ce que vous tapez reste dans la mémoire de la séance : **rien n'est enregistré**.")
    assert promesses_fausses("Rappelez que rien n'est enregistré.")
    assert promesses_fausses(messages.CONFIDENTIALITE_NOTEBOOK) == []
    assert promesses_fausses("Le tableau de bord ne garde rien ; rien n'est enregistré quand on ferme la page.") == []


def test_les_phrases_disent_ou_va_le_texte():
    phrase = messages.CONFIDENTIALITE_NOTEBOOK
    assert "Binder" in phrase and "serveur de la salle" in phrase
    assert "N'écrivez jamais de vraies données personnelles sur les personnes que vous accompagnez" in phrase
    assert "JupyterLab" in phrase and "enregistré" in phrase
    # la phrase des tableaux de bord est courte (≤ 30 mots, tests/test_mots_des_tableaux.py) : elle dit le serveur
    # sans nommer la salle ni Binder, et ne promet pas que rien n'est « envoyé »
    tableau = messages.CONFIDENTIALITE_TABLEAU
    for idee in ("Rien n'est enregistré", "en mémoire", "l'ordinateur ou le serveur qui fait tourner la page",
                 "jusqu'à sa fermeture", "rien de réel sur les personnes accompagnées"):
        assert idee in tableau
    assert "envoyé" not in tableau


@pytest.mark.parametrize("tableau", sorted(p.stem for p in (RACINE / "notebooks" / "dashboards").glob("*.ipynb")))
def test_chaque_tableau_de_bord_le_dit(tableau):
    nb = nbformat.read(RACINE / "notebooks" / "dashboards" / f"{tableau}.ipynb", as_version=4)
    premiere = _normal(nb.cells[0].source)
    assert _normal(messages.CONFIDENTIALITE_TABLEAU) in premiere
    assert "cet ordinateur, dans cette page" not in premiere


@pytest.mark.parametrize("lecon", LECONS_OU_L_ON_TAPE)
def test_chaque_lecon_ou_l_on_tape_le_dit(lecon):
    nb = nbformat.read(RACINE / "notebooks" / f"{lecon}.ipynb", as_version=4)
    texte = " ".join(_normal(c.source) for c in nb.cells if c.cell_type == "markdown")
    cible = _normal(messages.CONFIDENTIALITE_NOTEBOOK)
    # dans une liste à puces, la phrase peut commencer par « - » : on compare sans la ponctuation de liste
    assert cible in texte or cible in texte.replace("- ", ""), lecon


def test_aucune_promesse_fausse_dans_la_prose():
    trouvees = [f"{lieu} : {p}" for lieu, texte in _prose() for p in promesses_fausses(texte)]
    assert not trouvees, "\n".join(trouvees)

