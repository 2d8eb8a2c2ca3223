"""Petits outils sur les intitulés de métiers : séparer « masculin / féminin », enlever les accents.

Le ROME écrit la plupart des intitulés sous la forme « Infirmier / Infirmière anesthésiste (IADE) » : le
mot (ou les mots) genrés de part et d'autre de la barre, puis un complément commun. On reconstruit les
deux formes complètes :

>>> separer_genres("Infirmier / Infirmière anesthésiste (IADE)")
('Infirmier anesthésiste (IADE)', 'Infirmière anesthésiste (IADE)')
>>> separer_genres("Artiste Plasticien / Plasticienne")
('Artiste Plasticien', 'Artiste Plasticienne')
>>> separer_genres("Secrétaire")
('Secrétaire', 'Secrétaire')
"""
from __future__ import annotations

import unicodedata

SEPARATEUR = " / "

#: Intitulés dont les deux formes ne se déduisent pas de la règle générale (vérifiés à la main).
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "Homme sage-femme / Sage-femme": ("Homme sage-femme", "Sage-femme"),
    "Traminot / Employée de tramway": ("Traminot", "Employée de tramway"),
    "Chef d'équipe assistant / Cheffe assistante avion": ("Chef d'équipe assistant avion", "Cheffe assistante avion"),
    "Chef d'équipe dépanneur / Cheffe dépanneuse de chaudières domestiques": (
        "Chef d'équipe dépanneur de chaudières domestiques", "Cheffe dépanneuse de chaudières domestiques"),
    "Chef d'équipe dépanneur / Cheffe dépanneuse d'installations sanitaires": (
        "Chef d'équipe dépanneur d'installations sanitaires", "Cheffe dépanneuse d'installations sanitaires"),
}

#: Couples de mots masculin ↔ féminin qui ne partagent pas leur racine.
PAIRES_LEXICALES = {("homme", "femme"), ("garcon", "fille"), ("monsieur", "dame"), ("man", "woman"),
                    ("steward", "hotesse"), ("valet", "femme")}


def sans_accents(texte: str) -> str:
    """« Infirmière » → « infirmiere » : minuscules, sans accents ni cédilles (œ → oe)."""
    texte = texte.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decompose = unicodedata.normalize("NFKD", texte.casefold())
    return "".join(c for c in decompose if not unicodedata.combining(c))


def _meme_racine(a: str, b: str) -> bool:
    a, b = sans_accents(a), sans_accents(b)
    return a[:3] == b[:3] or (a, b) in PAIRES_LEXICALES


def separer_genres(libelle: str) -> tuple[str, str] | None:
    """Les formes (masculine, féminine) d'un intitulé ; ``None`` si la barre ne sépare pas deux genres.

    Un intitulé sans « / » est épicène ou n'a qu'une forme : les deux formes sont identiques.
    """
    libelle = " ".join(libelle.split())
    if libelle in EXCEPTIONS:
        return EXCEPTIONS[libelle]
    if libelle.count(SEPARATEUR) != 1:
        return (libelle, libelle) if SEPARATEUR not in libelle else None
    gauche, droite = (partie.split() for partie in libelle.split(SEPARATEUR))
    m, n = len(gauche), len(droite)
    # gauche = préfixe commun + k mots masculins ; droite = k mots féminins + complément commun.
    for k in range(min(m, n), 0, -1):
        prefixe, masc = gauche[: m - k], gauche[m - k:]
        fem, suffixe = droite[:k], droite[k:]
        if all(_meme_racine(a, b) for a, b in zip(masc, fem)):
            return (" ".join(prefixe + masc + suffixe), " ".join(prefixe + fem + suffixe))
    return None
