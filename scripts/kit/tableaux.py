"""Les recettes des tableaux du kit, tirés des données du paquet ``atelier`` (HTML, texte échappé)."""
from __future__ import annotations

import html
from typing import Callable


TABLEAUX: dict[str, Callable[[], str]] = {}


def tableau(nom: str):
    """Enregistre une recette de tableau : une fonction sans argument qui renvoie du HTML (texte échappé)."""
    def enregistrer(fonction):
        TABLEAUX[nom] = fonction
        return fonction
    return enregistrer


def _table_html(entetes: list[str], lignes: list[list[str]]) -> str:
    tete = "".join(f"<th>{html.escape(e)}</th>" for e in entetes)
    corps = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in l) + "</tr>" for l in lignes)
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>"


@tableau("droits_candidate")
def _tab_droits_candidate():
    from atelier import recrutement

    return _table_html(["Ce qu'elle peut demander", "Sur quoi s'appuyer", "À qui s'adresser"],
                       [[d["demande"], d["fondement"], d["aupres_de"]] for d in recrutement.DROITS_CANDIDATE])


@tableau("cadre_recrutement")
def _tab_cadre_recrutement():
    from atelier import recrutement

    return _table_html(["Texte", "En clair", "Statut"],
                       [[e["reference"], e["en_clair"], e["statut"] or "vérifié"] for e in recrutement.CADRE_JURIDIQUE])
