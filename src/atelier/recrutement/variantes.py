"""Les variantes d'un CV (module 06) : le même CV à **un seul détail près** (prénom, marque du genre, âge,
adresse, interruption de carrière), et les paires (A, B) du *testing* : A la version de référence, B la version
testée.
"""
from __future__ import annotations

import unicodedata

from atelier.erreurs import EntreeInvalide
from atelier.recrutement.candidatures import AGE_MAX, AGE_MIN, CONSONANCE_REFERENCE, QUARTIERS, _en_dict

#: Les détails qu'une variante peut changer, et le champ du CV qui porte chacun.
DETAILS = ("prenom", "genre", "age", "adresse", "interruption")
CHAMP_DETAIL = {"prenom": "prenom", "genre": "genre", "age": "age", "adresse": "quartier",
                "interruption": "interruption"}
NOMS_DETAILS = {"prenom": "prénom", "genre": "marque du genre", "age": "âge", "adresse": "adresse",
                "interruption": "interruption de carrière"}
#: Les lignes du CV rendu en texte qui dépendent de chaque détail.
LIGNES_DETAIL = {"prenom": ("Prénom",), "genre": ("Titre", "Profil", "Expériences"), "age": ("Âge",),
                 "adresse": ("Adresse",), "interruption": ("Interruption de carrière",)}
#: Pour chaque détail, la version A (référence) et la version B (testée) du testing.
VERSIONS_AUDIT = {
    "prenom": ("prénom à consonance hexagonale", "prénom à consonance maghrébine ou subsaharienne"),
    "genre": ("écrit au masculin", "écrit au féminin"),
    "age": ("plus jeune", "15 ans de plus"),
    "adresse": ("adresse hors quartier prioritaire", "adresse en quartier prioritaire"),
    "interruption": ("sans interruption de carrière", "avec une interruption de carrière"),
}
#: Écart d'âge du testing, et âge au-delà duquel on rajeunit le CV au lieu de le vieillir.
AGE_ECART, AGE_MAX_VARIANTE = 15, 64
PRENOM_MAX = 40
INTERRUPTION_MAX = 150
#: L'interruption ajoutée aux CV qui n'en ont pas, pour le testing.
INTERRUPTION_AUDIT = "2 ans (2022-2024) : raisons familiales"
INTERRUPTIONS_PROPOSEES = (INTERRUPTION_AUDIT, "2 ans (2022-2024) : congé parental",
                           "1 an (2023-2024) : recherche d'emploi", "1 an (2023-2024) : raisons de santé")
AGES_PROPOSES = (22, 30, 40, 50, 60)


def _valider_prenom(valeur) -> str:
    if not isinstance(valeur, str):
        raise EntreeInvalide("un prénom doit être un texte.")
    texte = " ".join(unicodedata.normalize("NFC", valeur).split())
    if not texte:
        raise EntreeInvalide("écrivez un prénom (au moins une lettre).")
    if len(texte) > PRENOM_MAX:
        raise EntreeInvalide(f"un prénom fait au plus {PRENOM_MAX} caractères (celui-ci en fait {len(texte)}).")
    if not all(ch.isalpha() or ch in " -'’" for ch in texte) or not any(ch.isalpha() for ch in texte):
        raise EntreeInvalide("un prénom ne contient que des lettres, des espaces, des traits d'union ou des "
                             "apostrophes : pas de chiffres, de symboles ni d'émojis.")
    return texte


def _valider_age(valeur) -> int:
    if isinstance(valeur, bool):
        raise EntreeInvalide("un âge doit être un nombre entier d'années.")
    try:
        age = int(str(valeur).strip()) if isinstance(valeur, str) else int(valeur)
    except (TypeError, ValueError):
        raise EntreeInvalide("un âge doit être un nombre entier d'années.") from None
    if isinstance(valeur, float) and valeur != age:
        raise EntreeInvalide("un âge doit être un nombre entier d'années.")
    if not AGE_MIN <= age <= AGE_MAX:
        raise EntreeInvalide(f"choisissez un âge entre {AGE_MIN} et {AGE_MAX} ans.")
    return age


def _valider_interruption(valeur) -> str:
    if valeur is None:
        return ""
    if not isinstance(valeur, str):
        raise EntreeInvalide("une interruption de carrière se décrit par un texte (ou rien).")
    texte = " ".join(valeur.split())
    if len(texte) > INTERRUPTION_MAX:
        raise EntreeInvalide(f"décrivez l'interruption en {INTERRUPTION_MAX} caractères au plus.")
    return texte


def variante(c, detail: str, valeur) -> dict:
    """Le même CV avec **un seul** détail changé : ``prenom`` (un prénom), ``genre`` (« F » ou « M » : tous les
    accords du CV changent, le prénom non), ``age`` (un nombre entier), ``adresse`` (l'autre quartier de la même
    ville, voir :data:`QUARTIERS`) ou ``interruption`` (un texte, ou "" pour l'enlever)."""
    c = _en_dict(c)
    if detail not in DETAILS:
        raise EntreeInvalide(f"détail inconnu : « {str(detail)[:30]} » (possibles : {', '.join(DETAILS)}).")
    if detail == "prenom":
        nouveau = _valider_prenom(valeur)
    elif detail == "genre":
        if valeur not in ("F", "M"):
            raise EntreeInvalide("la marque du genre vaut « F » (féminin) ou « M » (masculin).")
        nouveau = valeur
    elif detail == "age":
        nouveau = _valider_age(valeur)
    elif detail == "adresse":
        possibles = QUARTIERS.get(c["ville"], ())
        if valeur not in possibles:
            raise EntreeInvalide(f"pour un CV de {c['ville']}, choisissez l'un de ces quartiers : "
                                 + " ou ".join(f"« {q} »" for q in possibles) + ".")
        nouveau = valeur
    else:
        nouveau = _valider_interruption(valeur)
    c[CHAMP_DETAIL[detail]] = nouveau
    return c


def valeurs_proposees(c, detail: str) -> list:
    """Les valeurs « de l'atelier » pour un détail (celles du tableau de bord et du testing) : leurs scores
    peuvent être gardés en cache ; toute autre valeur est calculée sans rien écrire sur le disque."""
    c = _en_dict(c)
    if detail == "prenom":
        return [c["prenom"], c["prenom_echange"]]
    if detail == "genre":
        return ["F", "M"]
    if detail == "age":
        return sorted({*AGES_PROPOSES, int(c["age"]), *(v for v in (int(c["age"]) + AGE_ECART,
                                                                      int(c["age"]) - AGE_ECART)
                                                          if AGE_MIN <= v <= AGE_MAX)})
    if detail == "adresse":
        return list(QUARTIERS[c["ville"]])
    if detail == "interruption":
        return list(dict.fromkeys(["", c["interruption"], *INTERRUPTIONS_PROPOSEES]))
    raise EntreeInvalide(f"détail inconnu : « {str(detail)[:30]} » (possibles : {', '.join(DETAILS)}).")


def paire_audit(c, detail: str) -> tuple[dict, dict]:
    """La paire (A, B) du testing pour un CV et un détail : A est la version de référence, B la version testée
    (voir :data:`VERSIONS_AUDIT`). L'une des deux est toujours le CV tel qu'il est écrit."""
    c = _en_dict(c)
    if detail == "prenom":
        autre = variante(c, "prenom", c["prenom_echange"])
        return (c, autre) if c["consonance"] == CONSONANCE_REFERENCE else (autre, c)
    if detail == "genre":
        return (c, variante(c, "genre", "F")) if c["genre"] == "M" else (variante(c, "genre", "M"), c)
    if detail == "age":
        age = int(c["age"])
        if age + AGE_ECART <= AGE_MAX_VARIANTE:
            return c, variante(c, "age", age + AGE_ECART)
        return variante(c, "age", age - AGE_ECART), c
    if detail == "adresse":
        hors, prioritaire = QUARTIERS[c["ville"]]
        return (c, variante(c, "adresse", prioritaire)) if c["quartier"] == hors else (variante(c, "adresse", hors), c)
    if detail == "interruption":
        return (c, variante(c, "interruption", INTERRUPTION_AUDIT)) if not c["interruption"] else \
            (variante(c, "interruption", ""), c)
    raise EntreeInvalide(f"détail inconnu : « {str(detail)[:30]} » (possibles : {', '.join(DETAILS)}).")
