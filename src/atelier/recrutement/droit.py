"""Le cadre juridique du recruteur robot (modules 06 et 08), lu dans ``datasets/cadre_juridique.toml``.

Une seule source, datée, pour le notebook, le tableau de bord, les diaporamas et les fiches ; ce module la lit, la
vérifie et l'écrit en texte. Aucun texte de loi n'est écrit ici.
"""
from __future__ import annotations

from atelier import data
from atelier.erreurs import EntreeInvalide


#: Le cadre juridique est en données, dans ``datasets/cadre_juridique.toml`` (fiche : ``cadre_juridique.md``) : une
#: seule source, datée, pour le notebook, le tableau de bord, les diaporamas et les fiches. Chaque texte (``id``) a
#: sa référence exacte, une phrase en français courant, son ``statut`` ("" quand il est vérifié et en vigueur,
#: sinon ce qu'il reste à vérifier), sa ``source`` et la façon dont il a été vérifié. Les noms publics
#: :data:`DATE_ETAT_DU_DROIT`, :data:`A_VERIFIER_JO`, :data:`CADRE_JURIDIQUE` et :data:`DROITS_CANDIDATE` sont lus
#: dans ce fichier au premier usage.
FICHIER_CADRE = "cadre_juridique.toml"
_CHAMPS_TEXTE = ("id", "theme", "reference", "en_clair", "statut", "source", "verification")
_CHAMPS_DROIT = ("demande", "fondement", "aupres_de")
_cadre: dict[str, object] = {}


def cadre() -> dict:
    """Le cadre juridique lu dans ``datasets/cadre_juridique.toml`` (une fois par noyau) et vérifié : ``date``,
    ``a_verifier``, ``precaution``, ``textes`` (tuple de dict) et ``droits`` (tuple de dict)."""
    if not _cadre:
        brut = data.lire_toml_lecon(FICHIER_CADRE)
        try:
            textes = tuple(dict(t) for t in brut["texte"])
            droits = tuple(dict(d) for d in brut["droit"])
            a_verifier = str(brut["a_verifier_jo"])
            lu = {"date": str(brut["date_etat_du_droit"]), "a_verifier": a_verifier,
                  "precaution": str(brut["precaution"]), "textes": textes, "droits": droits}
        except (KeyError, TypeError, ValueError):
            raise data.fichier_lecon_abime(FICHIER_CADRE, "est abîmé (clés manquantes)") from None
        for t in textes:
            if any(not isinstance(t.get(c), str) for c in _CHAMPS_TEXTE) or t["statut"] not in ("", a_verifier) \
                    or (t["statut"] and not t.get("affirmations")):
                raise data.fichier_lecon_abime(FICHIER_CADRE, f"est abîmé (texte « {str(t.get('id'))[:30]} »)")
        if any(not isinstance(d.get(c), str) for d in droits for c in _CHAMPS_DROIT):
            raise data.fichier_lecon_abime(FICHIER_CADRE, "est abîmé (une demande incomplète)")
        _cadre.update(lu)
    return _cadre


_NOMS_CADRE = {"DATE_ETAT_DU_DROIT": "date", "A_VERIFIER_JO": "a_verifier", "CADRE_JURIDIQUE": "textes",
               "DROITS_CANDIDATE": "droits"}


def __getattr__(nom: str):
    # DATE_ETAT_DU_DROIT, A_VERIFIER_JO, CADRE_JURIDIQUE, DROITS_CANDIDATE : lus dans le fichier au premier usage.
    if nom in _NOMS_CADRE:
        return cadre()[_NOMS_CADRE[nom]]
    raise AttributeError(f"module {__name__!r} has no attribute {nom!r}")


def entree_juridique(identifiant: str) -> dict:
    """Une entrée de :data:`CADRE_JURIDIQUE` par son ``id`` (« ct_l1132_1 », « rgpd_22 »…)."""
    for entree in cadre()["textes"]:
        if entree["id"] == identifiant:
            return entree
    raise EntreeInvalide(f"texte juridique inconnu : « {str(identifiant)[:30]} ».")


def texte_cadre_juridique() -> str:
    """Le cadre juridique en texte brut, groupé par thème (ce que le notebook imprime)."""
    lignes = [f"État du droit au {cadre()['date']}"]
    theme = None
    for entree in cadre()["textes"]:
        if entree["theme"] != theme:
            theme = entree["theme"]
            lignes.append(f"\n— {theme} —")
        statut = f" [{entree['statut']}]" if entree["statut"] else ""
        lignes.append(f"• {entree['reference']}{statut} : {entree['en_clair']}")
    return "\n".join(lignes)
