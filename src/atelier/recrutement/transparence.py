"""La fiche de transparence (*model card*) du recruteur robot (module 06).

Ses rubriques et leurs textes sont en données, dans ``datasets/fiche_transparence.toml`` (fiche :
``fiche_transparence.md``) ; ce module les lit, les vérifie, et les remplit avec les valeurs du moment : le modèle,
la règle de décision et ses scores, les CV de test, les résultats de l'audit, la date de l'état du droit.
"""
from __future__ import annotations

import string

import pandas as pd

from atelier import data, embeddings
from atelier.nombres import nombre_fr, nombre_signe
from atelier.recrutement import audit_testing, tri
from atelier.recrutement.candidatures import cvs
from atelier.recrutement.droit import cadre

FICHIER_FICHE = "fiche_transparence.toml"
#: Les mots entre accolades permis dans le texte d'une rubrique, et dans la phrase de résultat d'un détail.
VALEURS_RUBRIQUE = ("modele", "echelle", "taille", "taille_suivante", "score_dernier", "score_suivant", "n_cv",
                    "n_forte", "n_partielle", "n_faible", "resultats", "date")
VALEURS_RESULTAT = ("nom", "moyenne", "bas", "haut", "bascules", "n")
_fiche: dict[str, object] = {}


def _mots(gabarit: str) -> set[str]:
    """Les mots entre accolades d'un gabarit ("" pour des accolades vides) ; ValueError pour une accolade mal
    fermée."""
    return {nom for _, nom, _, _ in string.Formatter().parse(gabarit) if nom is not None}


def rubriques() -> dict:
    """La fiche lue dans ``datasets/fiche_transparence.toml`` (une fois par noyau) et vérifiée : ``rubriques``
    (tuple de ``(cle, titre, texte)``, dans l'ordre) et ``resultat`` (le gabarit de la phrase d'un détail)."""
    if not _fiche:
        brut = data.lire_toml_lecon(FICHIER_FICHE)
        try:
            lues = tuple((r["cle"], r["titre"], r["texte"]) for r in brut["rubrique"])
            resultat = brut["resultat"]
        except (KeyError, TypeError):
            raise data.fichier_lecon_abime(FICHIER_FICHE, "est abîmé (clés manquantes)") from None
        if not lues or not all(isinstance(x, str) and x.strip() for r in lues for x in r) \
                or not isinstance(resultat, str) or len({c for c, _, _ in lues}) != len(lues):
            raise data.fichier_lecon_abime(FICHIER_FICHE, "est abîmé (une rubrique vide ou en double)")
        try:
            inconnus = set().union(*(_mots(t) for _, _, t in lues)) - set(VALEURS_RUBRIQUE)
            inconnus |= _mots(resultat) - set(VALEURS_RESULTAT)
        except ValueError:
            raise data.fichier_lecon_abime(FICHIER_FICHE, "est abîmé (une accolade mal fermée)") from None
        if inconnus:
            raise data.fichier_lecon_abime(FICHIER_FICHE, "est abîmé (mot inconnu entre accolades : "
                                           + ", ".join(f"« {m[:20]} »" for m in sorted(inconnus)) + ")")
        _fiche.update(rubriques=lues, resultat=resultat)
    return _fiche


def __getattr__(nom: str):
    # CHAMPS_FICHE : les (clé, titre) des rubriques, dans l'ordre, lus dans le fichier au premier usage.
    if nom == "CHAMPS_FICHE":
        return tuple((cle, titre) for cle, titre, _ in rubriques()["rubriques"])
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


def fiche_transparence(resume: pd.DataFrame | None = None) -> dict[str, str]:
    """La fiche de transparence remplie à partir du module : modèle, données, seuil, chiffres de l'audit.

    ``resume`` : le résultat de :func:`~atelier.recrutement.audit_testing.resumer_audit` (calculé s'il manque —
    compter une trentaine de secondes).
    """
    resume = audit_testing.resumer_audit(audit_testing.audit()) if resume is None else resume
    fiche = rubriques()
    signe = nombre_signe
    table, c, k = cvs(), tri.classement(), tri.TAILLE_PRESELECTION
    comptes = table["pertinence"].value_counts()
    resultats = " ".join(fiche["resultat"].format(nom=r.nom.capitalize(), moyenne=signe(r.moyenne), bas=signe(r.ic_bas),
                                                  haut=signe(r.ic_haut), bascules=r.n_bascules, n=r.n)
                         for r in resume.itertuples(index=False))
    valeurs = {"modele": embeddings.decrire().removeprefix("Modèle : "), "echelle": tri.ECHELLE, "taille": k,
               "taille_suivante": k + 1, "score_dernier": nombre_fr(c["score"].iloc[k - 1], 2),
               "score_suivant": nombre_fr(c["score"].iloc[k], 2), "n_cv": len(table),
               "n_forte": comptes.get("forte", 0), "n_partielle": comptes.get("partielle", 0),
               "n_faible": comptes.get("faible", 0), "resultats": resultats, "date": cadre()["date"]}
    return {cle: texte.format(**valeurs) for cle, _, texte in fiche["rubriques"]}


def formater_fiche(fiche: dict[str, str]) -> str:
    """La fiche de transparence en texte, une rubrique par ligne (« (à remplir) » pour une rubrique absente)."""
    return "\n".join(f"{titre} : {fiche.get(cle, '(à remplir)')}" for cle, titre, _ in rubriques()["rubriques"])
