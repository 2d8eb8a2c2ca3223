"""Le tri du recruteur robot (module 06) : le score de chaque CV face à l'offre, le classement, la présélection,
et l'essai d'un seul détail changé (pour le tableau de bord et les exercices).

Le score est la similarité cosinus entre l'offre (encodée comme requête, ``prefixe="query"``) et le CV (encodé comme
document, ``prefixe="passage"``), × :data:`ECHELLE`. Seuls les textes écrits pour l'atelier vont dans le cache ;
un texte où quelqu'un a tapé quelque chose n'est gardé nulle part.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from atelier import embeddings
from atelier.recrutement.candidatures import _en_dict, cv, cvs, lignes_changees, offre, texte_cv
from atelier.recrutement.variantes import CHAMP_DETAIL, valeurs_proposees, variante

#: La règle de décision du recruteur robot, définie une seule fois : les N meilleurs scores sont présélectionnés.
TAILLE_PRESELECTION = 8
#: Le score affiché : similarité cosinus × ECHELLE (un score « sur 100 »).
ECHELLE = 100
#: Précision des scores (en points) : au-delà, ce sont des arrondis de calcul ; les ex aequo sont départagés par l'id.
DECIMALES_SCORE = 4


#: Le vecteur de l'offre, calculé une fois par noyau.
_memoire: dict[str, object] = {}
#: Scores déjà calculés des textes de l'atelier (CV et variantes standard) ; jamais un texte tapé par quelqu'un.
_scores_atelier: dict[str, float] = {}


def _vecteur_offre() -> np.ndarray:
    if "vecteur_offre" not in _memoire:
        # L'offre est un texte de l'atelier : son vecteur peut aller dans le cache disque.
        _memoire["vecteur_offre"] = embeddings.encode([offre()], prefixe="query", cache=True)[0]
    return _memoire["vecteur_offre"]


def scores_textes(textes: list[str], atelier: bool = True) -> np.ndarray:
    """Score de chaque texte de CV : similarité cosinus avec l'offre × :data:`ECHELLE`, arrondie.

    ``atelier=True`` : textes écrits pour l'atelier (CV et variantes standard), gardés en cache (disque et
    mémoire). ``atelier=False`` : un texte où quelqu'un a tapé quelque chose ; rien n'est gardé.
    """
    textes = list(textes)
    if not atelier:
        v = embeddings.encode(textes, prefixe="passage", cache=False)
        return np.round(ECHELLE * (v @ _vecteur_offre()).astype(float), DECIMALES_SCORE)
    a_calculer = [t for t in dict.fromkeys(textes) if t not in _scores_atelier]
    if a_calculer:
        v = embeddings.encode(a_calculer, prefixe="passage", cache=True)
        for t, s in zip(a_calculer, np.round(ECHELLE * (v @ _vecteur_offre()).astype(float), DECIMALES_SCORE)):
            _scores_atelier[t] = float(s)
    return np.array([_scores_atelier[t] for t in textes], dtype=float)


def score(c, atelier: bool = True) -> float:
    """Le score d'un CV (identifiant ou dictionnaire)."""
    return float(scores_textes([texte_cv(c)], atelier)[0])


def classement(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tous les CV classés par score décroissant (ex aequo : ordre des identifiants), avec leur rang et la
    décision du recruteur robot (``retenu`` : dans les :data:`TAILLE_PRESELECTION` premiers)."""
    table = cvs() if table is None else table
    lignes = [_en_dict(r) for _, r in table.iterrows()]
    s = scores_textes([texte_cv(c) for c in lignes])
    out = pd.DataFrame({"id": [c["id"] for c in lignes], "prenom": [c["prenom"] for c in lignes],
                        "titre": [c["titre_f" if c["genre"] == "F" else "titre_m"] for c in lignes],
                        "pertinence": [c["pertinence"] for c in lignes], "score": s})
    out = out.sort_values(["score", "id"], ascending=[False, True]).reset_index(drop=True)
    out["rang"] = np.arange(1, len(out) + 1)
    out["retenu"] = out["rang"] <= TAILLE_PRESELECTION
    return out


def preselection(table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Les CV présélectionnés (les :data:`TAILLE_PRESELECTION` premiers du classement)."""
    c = classement(table)
    return c[c["retenu"]].reset_index(drop=True)


def rang_parmi(score_cv: float, identifiant: str, autres: pd.DataFrame) -> int:
    """Le rang qu'aurait un CV de score ``score_cv`` parmi ``autres`` (colonnes ``id`` et ``score``, sans lui)."""
    autres = autres[autres["id"] != identifiant]
    devant = (autres["score"] > score_cv) | ((autres["score"] == score_cv) & (autres["id"] < identifiant))
    return int(devant.sum()) + 1


def _mouvement(avant: bool, apres: bool) -> str:
    if avant == apres:
        return "reste dans la présélection" if avant else "reste hors de la présélection"
    return "entre dans la présélection" if apres else "sort de la présélection"


def essai(identifiant: str, detail: str, valeur) -> dict:
    """Un CV, un détail changé : le score et le rang avant et après, parmi les 39 autres CV inchangés, et la
    décision avant et après. Pour le tableau de bord et les exercices.

    Renvoie ``texte_avant``, ``texte_apres``, ``lignes_changees``, ``score_avant``, ``score_apres``,
    ``difference`` (après − avant, en points), ``rang_avant``, ``rang_apres``, ``retenu_avant``,
    ``retenu_apres``, ``mouvement`` (« entre dans… », « sort de… », « reste dans… », « reste hors de… ») et
    ``n`` (nombre de CV en lice).
    """
    original = cv(identifiant)
    modifie = variante(original, detail, valeur)
    atelier = modifie[CHAMP_DETAIL[detail]] in valeurs_proposees(original, detail)
    tous = classement()
    avant = float(tous.loc[tous["id"] == original["id"], "score"].iloc[0])
    apres = score(modifie, atelier=atelier)
    rang_avant = rang_parmi(avant, original["id"], tous)
    rang_apres = rang_parmi(apres, original["id"], tous)
    texte_avant, texte_apres = texte_cv(original), texte_cv(modifie)
    return {"id": original["id"], "detail": detail, "valeur_avant": original[CHAMP_DETAIL[detail]],
            "valeur_apres": modifie[CHAMP_DETAIL[detail]], "texte_avant": texte_avant, "texte_apres": texte_apres,
            "lignes_changees": lignes_changees(texte_avant, texte_apres),
            "score_avant": avant, "score_apres": apres, "difference": round(apres - avant, DECIMALES_SCORE),
            "rang_avant": rang_avant, "rang_apres": rang_apres,
            "retenu_avant": rang_avant <= TAILLE_PRESELECTION, "retenu_apres": rang_apres <= TAILLE_PRESELECTION,
            "mouvement": _mouvement(rang_avant <= TAILLE_PRESELECTION, rang_apres <= TAILLE_PRESELECTION),
            "n": len(tous)}
