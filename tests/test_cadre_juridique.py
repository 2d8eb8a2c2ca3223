"""Le droit, une seule source : ``datasets/cadre_juridique.toml``.

Tout ce qu'une personne lit (notebooks, tableaux de bord, diaporamas, plans, fiches, README) est parcouru paragraphe
par paragraphe : un fait que la table marque « à vérifier » (le numéro et les dates de l'« omnibus » sur l'IA, la
nouvelle rédaction de l'article 4…) n'y est jamais affirmé sans la même précaution dans le même paragraphe ; une
formulation fausse (« la Défenseure des droits a jugé… », pour une recommandation) n'y figure pas ; toute date
« État du droit au … » est celle de la table.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from atelier import data, recrutement
from atelier.erreurs import DonneesIndisponibles

RACINE = Path(__file__).resolve().parents[1]
_DEBUT_ELEMENT = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
_DATE_PROSE = re.compile(r"(?:[ÉE]tat du droit au|[Dd]ernière vérification\s*:)\s*\**\s*(\d{1,2}(?:er)? [a-zéû]+ \d{4})")


def _fichiers_prose() -> list[Path]:
    fichiers = sorted((RACINE / "notebooks").glob("**/*.ipynb"))
    for dossier in ("diaporamas", "plans", "fiches"):
        fichiers += sorted((RACINE / "slides" / dossier).glob("*.md"))
    return fichiers + [RACINE / "README.md"]


def _textes(fichier: Path) -> list[tuple[str, str]]:
    """(lieu, texte) : les cellules Markdown d'un notebook, ou le fichier Markdown entier."""
    if fichier.suffix == ".ipynb":
        nb = nbformat.read(fichier, as_version=4)
        return [(f"{fichier.relative_to(RACINE)} cellule {i}", c.source)
                for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    return [(str(fichier.relative_to(RACINE)), fichier.read_text(encoding="utf-8"))]


def paragraphes(texte: str) -> list[str]:
    """Découpe un texte Markdown en paragraphes : blocs séparés par une ligne vide, et chaque élément de liste
    ou ligne de tableau à part (avec ses lignes de suite)."""
    morceaux: list[list[str]] = []
    courant: list[str] = []
    for ligne in texte.splitlines():
        if not ligne.strip() or _DEBUT_ELEMENT.match(ligne):
            if courant:
                morceaux.append(courant)
            courant = [ligne] if ligne.strip() else []
        else:
            courant.append(ligne)
    if courant:
        morceaux.append(courant)
    return [" ".join(l.strip() for l in m) for m in morceaux]


def problemes(texte: str, cadre: dict) -> list[str]:
    """Ce qu'un texte affirme sans la précaution de la table, ou dit d'une manière que la table interdit."""
    precaution = re.compile(cadre["precaution"], re.I)
    trouves = []
    for para in paragraphes(texte):
        for entree in cadre["textes"]:
            if entree["statut"]:
                for motif in entree.get("affirmations", ()):
                    if re.search(motif, para, re.I) and not precaution.search(para):
                        trouves.append(f"« {motif} » ({entree['id']}, {entree['statut']}) sans précaution : {para[:160]}")
            for motif in entree.get("formulations_interdites", ()):
                if re.search(motif, para, re.I):
                    trouves.append(f"formulation fausse « {motif} » ({entree['id']}) : {para[:160]}")
        for date in _DATE_PROSE.findall(para):
            if date != cadre["date"]:
                trouves.append(f"date de l'état du droit {date} ≠ {cadre['date']} (la table) : {para[:120]}")
    return trouves


def test_la_table_est_complete_et_datee():
    cadre = recrutement.cadre()
    assert re.fullmatch(r"\d{1,2} [a-zéû]+ \d{4}", cadre["date"])
    non_verifies = [t for t in cadre["textes"] if t["statut"]]
    assert {t["id"] for t in non_verifies} >= {"ia_omnibus", "ia_art4"}
    for t in cadre["textes"]:
        assert t["source"].strip() and t["verification"].strip(), t["id"]
        for motif in list(t.get("affirmations", ())) + list(t.get("formulations_interdites", ())):
            re.compile(motif)
    # le numéro et les dates de publication de l'omnibus sont des affirmations surveillées
    omnibus = recrutement.entree_juridique("ia_omnibus")
    assert any(re.search(m, "règlement (UE) 2026/1744") for m in omnibus["affirmations"])
    assert any(re.search(m, "en vigueur depuis le 27 juillet 2026") for m in omnibus["affirmations"])
    # les noms publics de recruiting viennent du fichier
    assert recrutement.CADRE_JURIDIQUE is cadre["textes"] and recrutement.DROITS_CANDIDATE is cadre["droits"]
    assert recrutement.DATE_ETAT_DU_DROIT == cadre["date"] and recrutement.A_VERIFIER_JO == cadre["a_verifier"]
    fiche = (RACINE / "datasets" / "cadre_juridique.md").read_text(encoding="utf-8")
    assert "cadre_juridique.toml" in fiche and "cadre_juridique.toml" in (RACINE / "datasets/README.md").read_text(
        encoding="utf-8")


def test_le_controle_attrape_une_affirmation_sans_precaution():
    cadre = recrutement.cadre()
    faux = ("L'omnibus, publié au Journal officiel (règlement (UE) 2026/1744, en vigueur depuis le 27 juillet "
            "2026), reporte les obligations.\n\nLe droit de l'IA change vite : à vérifier avant un atelier.")
    assert len(problemes(faux, cadre)) >= 2          # la précaution d'un autre paragraphe ne compte pas
    liste = "- Omnibus : règlement (UE) 2026/1744.\n- Autre point, à vérifier."
    assert problemes(liste, cadre)                     # ni celle d'un autre élément de liste
    bon = ("L'omnibus (règlement (UE) 2026/1744 d'après des comptes rendus ; numéro et dates à vérifier au "
           "Journal officiel) reporte les obligations au 2 décembre 2027.")
    assert problemes(bon, cadre) == []
    assert problemes("La Défenseure des droits a jugé en 2025 que Facebook discrimine.", cadre)
    assert problemes("La Défenseure des droits a recommandé en 2025 à Meta de corriger.", cadre) == []
    assert problemes("*État du droit au 1er janvier 2020.*", cadre)
    assert problemes(f"*État du droit au {cadre['date']}.*", cadre) == []


def test_aucune_prose_n_affirme_un_fait_non_verifie_sans_precaution():
    cadre = recrutement.cadre()
    fichiers = _fichiers_prose()
    assert len(fichiers) > 30
    trouves = [f"{lieu} : {p}" for f in fichiers for lieu, texte in _textes(f) for p in problemes(texte, cadre)]
    assert not trouves, "\n".join(trouves)


def test_fichier_abime_message_clair(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    recrutement.vider_cache()
    try:
        with pytest.raises(DonneesIndisponibles, match="cadre_juridique.toml.*introuvable"):
            recrutement.cadre()
        (tmp_path / "cadre_juridique.toml").write_text("date_etat_du_droit = ", encoding="utf-8")
        with pytest.raises(DonneesIndisponibles, match="illisible.*cadre_juridique.md"):
            recrutement.cadre()
        source = (RACINE / "datasets" / "cadre_juridique.toml").read_text(encoding="utf-8")
        (tmp_path / "cadre_juridique.toml").write_text(
            source.replace('statut = "à vérifier au Journal officiel"', 'statut = "peut-être"', 1), encoding="utf-8")
        with pytest.raises(DonneesIndisponibles, match="abîmé"):
            recrutement.cadre()
    finally:
        monkeypatch.undo()
        recrutement.vider_cache()
    assert recrutement.entree_juridique("rgpd_22")["reference"].startswith("Règlement (UE) 2016/679")
