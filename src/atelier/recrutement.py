"""Le recruteur robot : un tri de CV par plongements, et son audit par *testing* (module 06).

Un logiciel de présélection très simple, comme on en vend pour « gagner du temps » : il compare chaque CV à
l'offre d'emploi avec le modèle multilingual-e5-small (l'offre est une requête, ``prefixe="query"`` ; chaque CV est
un document, ``prefixe="passage"``), donne un **score** (similarité cosinus × 100), classe les CV et retient les
:data:`TAILLE_PRESELECTION` premiers. Puis on l'audite comme on teste un recruteur humain : le **testing**
(*paired testing*) envoie deux candidatures identiques à **un seul détail près** (le prénom, la marque du genre,
l'âge, l'adresse, une interruption de carrière) et compte ce qui change.

Données : ``datasets/offre_recruteur.md`` (l'offre) et ``datasets/cv_fictifs.csv`` (40 CV structurés, voir
``cv_fictifs.md``). Tout est fictif. Les statistiques (intervalle *bootstrap*, test de permutation apparié)
sont celles de :mod:`atelier.biais`, réutilisées telles quelles.

Le cadre juridique (:data:`CADRE_JURIDIQUE`, :data:`DROITS_CANDIDATE`) est lu dans ``datasets/cadre_juridique.toml``,
pour que le notebook, le tableau de bord, les diaporamas et les fiches disent la même chose.

>>> from atelier import recrutement
>>> recrutement.classement().head(3)                                       # doctest: +SKIP
"""
from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from atelier import biais, data, embeddings
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide
from atelier.figures import nombre_fr

FICHIER_CV = "cv_fictifs.csv"
FICHIER_OFFRE = "offre_recruteur.md"
REPERE_DEBUT = "<!-- début de l'offre -->"
REPERE_FIN = "<!-- fin de l'offre -->"
COLONNES_CV = ("id", "genre", "prenom", "consonance", "prenom_echange", "consonance_echange", "age", "ville",
               "quartier", "titre_f", "titre_m", "accroche_f", "accroche_m", "experiences_f", "experiences_m",
               "competences", "formation", "interruption", "pertinence", "note")
CONSONANCES = ("hexagonale", "maghrébine", "subsaharienne")
#: La consonance de référence du testing (comme dans les testings de la Dares) ; les deux autres sont « testées ».
CONSONANCE_REFERENCE = "hexagonale"
PERTINENCES = ("forte", "partielle", "faible")

#: La règle de décision du recruteur robot, définie une seule fois : les N meilleurs scores sont présélectionnés.
TAILLE_PRESELECTION = 8
#: Le score affiché : similarité cosinus × ECHELLE (un score « sur 100 »).
ECHELLE = 100
#: Précision des scores (en points) : au-delà, ce sont des arrondis de calcul ; les ex aequo sont départagés par l'id.
DECIMALES_SCORE = 4

#: Quartiers par ville : (quartier hors géographie prioritaire, quartier prioritaire de la politique de la ville).
QUARTIERS = {
    "Lyon": ("Brotteaux", "La Duchère"),
    "Villeurbanne": ("Gratte-Ciel", "Saint-Jean"),
    "Grenoble": ("Île Verte", "Villeneuve"),
    "Paris": ("Le Marais", "La Goutte-d'Or"),
    "Marseille": ("Saint-Giniez", "Frais-Vallon"),
    "Toulouse": ("Les Carmes", "La Reynerie"),
    "Lille": ("Vieux-Lille", "Lille-Sud"),
    "Nantes": ("Graslin", "Bellevue"),
    "Strasbourg": ("Orangerie", "Hautepierre"),
    "Rennes": ("Thabor", "Le Blosne"),
    "Bordeaux": ("Les Chartrons", "Les Aubiers"),
    "Montpellier": ("Les Beaux-Arts", "La Mosson"),
}

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
AGE_MIN, AGE_MAX = 16, 75
#: Écart d'âge du testing, et âge au-delà duquel on rajeunit le CV au lieu de le vieillir.
AGE_ECART, AGE_MAX_VARIANTE = 15, 64
PRENOM_MAX = 40
INTERRUPTION_MAX = 150
#: L'interruption ajoutée aux CV qui n'en ont pas, pour le testing.
INTERRUPTION_AUDIT = "2 ans (2022-2024) : raisons familiales"
INTERRUPTIONS_PROPOSEES = (INTERRUPTION_AUDIT, "2 ans (2022-2024) : congé parental",
                           "1 an (2023-2024) : recherche d'emploi", "1 an (2023-2024) : raisons de santé")
AGES_PROPOSES = (22, 30, 40, 50, 60)

# ------------------------------------------------------------------------------------------ cadre juridique

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


# ------------------------------------------------------------------------------------------------ données

_memoire: dict[str, object] = {}
#: Scores déjà calculés des textes de l'atelier (CV et variantes standard) ; jamais un texte tapé par quelqu'un.
_scores_atelier: dict[str, float] = {}


def vider_cache() -> None:
    """Oublie l'offre, les CV et les scores gardés en mémoire (après un changement de fichier ou de dossier)."""
    _memoire.clear()
    _scores_atelier.clear()
    _cadre.clear()


def _abime(fichier: str, raison: str) -> DonneesIndisponibles:
    if fichier.endswith(".csv"):
        return data.fichier_lecon_abime(fichier, raison)
    # L'offre est un fichier Markdown décrit dans la même fiche que les CV.
    return DonneesIndisponibles(f"le fichier « datasets/{fichier} » {raison}. Ce fichier est écrit à la main pour "
                                f"l'atelier : remettez la version d'origine du dépôt (sa description est dans "
                                f"datasets/{FICHIER_CV.removesuffix('.csv')}.md).")


def offre() -> str:
    """Le texte de l'offre d'emploi (``datasets/offre_recruteur.md``, entre les deux lignes de repère)."""
    if "offre" not in _memoire:
        path = data.chemin(FICHIER_OFFRE)
        if not path.is_file():
            raise _abime(FICHIER_OFFRE, "est introuvable")
        try:
            contenu = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise _abime(FICHIER_OFFRE, "est illisible (il doit être en UTF-8)") from None
        debut, fin = contenu.find(REPERE_DEBUT), contenu.find(REPERE_FIN)
        texte = contenu[debut + len(REPERE_DEBUT):fin].strip() if 0 <= debut < fin else ""
        if len(texte) < 50:
            raise _abime(FICHIER_OFFRE, "est abîmé (texte de l'offre absent entre les lignes de repère)")
        _memoire["offre"] = "\n".join(" ".join(l.split()) for l in texte.splitlines()).replace("\n\n\n", "\n\n")
    return _memoire["offre"]


def _verifier_cv(df: pd.DataFrame) -> None:
    problemes = []
    if not df["id"].is_unique:
        problemes.append("identifiants en double")
    if not df["genre"].isin(["F", "M"]).all():
        problemes.append("genre autre que F ou M")
    if not (df["consonance"].isin(CONSONANCES).all() and df["consonance_echange"].isin(CONSONANCES).all()):
        problemes.append("consonance inconnue")
    elif ((df["consonance"] == CONSONANCE_REFERENCE) == (df["consonance_echange"] == CONSONANCE_REFERENCE)).any():
        problemes.append("chaque CV doit opposer un prénom de consonance hexagonale à un autre")
    if not df["age"].between(AGE_MIN, AGE_MAX).all():
        problemes.append(f"âge hors de {AGE_MIN} à {AGE_MAX} ans")
    villes_ok = df["ville"].isin(list(QUARTIERS))
    if not villes_ok.all():
        problemes.append("ville sans quartiers connus")
    elif not all(q in QUARTIERS[v] for v, q in zip(df["ville"], df["quartier"])):
        problemes.append("quartier inconnu pour sa ville")
    if not df["pertinence"].isin(PERTINENCES).all():
        problemes.append("pertinence inconnue")
    for col in ("prenom", "prenom_echange", "titre_f", "titre_m", "accroche_f", "accroche_m", "experiences_f",
                "experiences_m", "competences", "formation"):
        if (df[col].str.strip() == "").any():
            problemes.append(f"colonne {col} vide")
    if problemes:
        raise _abime(FICHIER_CV, "contient des valeurs inattendues (" + " ; ".join(problemes) + ")")


def cvs() -> pd.DataFrame:
    """Les 40 CV fictifs (``datasets/cv_fictifs.csv``), une ligne par CV, dans l'ordre du fichier."""
    if "cvs" not in _memoire:
        df = data.lire_table_lecon(FICHIER_CV, COLONNES_CV)
        try:
            df["age"] = df["age"].astype(int)
        except ValueError:
            raise _abime(FICHIER_CV, "contient des valeurs inattendues (âge qui n'est pas un nombre entier)") from None
        _verifier_cv(df)
        _memoire["cvs"] = df
    return _memoire["cvs"].copy()


def cv(identifiant: str) -> dict:
    """Un CV (dictionnaire de ses champs) à partir de son identifiant, « CV01 » à « CV40 »."""
    table = cvs().set_index("id", drop=False)
    cle = str(identifiant).strip().upper()
    if cle not in table.index:
        raise EntreeInvalide(f"CV inconnu : « {str(identifiant)[:20]} » (les identifiants vont de "
                             f"{table.index[0]} à {table.index[-1]}).")
    ligne = table.loc[cle].to_dict()
    ligne["age"] = int(ligne["age"])
    return ligne


def _en_dict(c) -> dict:
    if isinstance(c, str):
        return cv(c)
    if isinstance(c, pd.Series):
        c = c.to_dict()
    if not isinstance(c, dict):
        raise EntreeInvalide("il faut un CV (son identifiant, par exemple « CV01 », ou un dictionnaire).")
    return dict(c)


# ------------------------------------------------------------------------------------------- rendu en texte

def texte_cv(c) -> str:
    """Le CV en texte, une information par ligne (ce que lit le modèle)."""
    c = _en_dict(c)
    g = "f" if c["genre"] == "F" else "m"
    lignes = [f"Prénom : {c['prenom']}",
              f"Titre : {c['titre_' + g]}",
              f"Âge : {int(c['age'])} ans",
              f"Adresse : {c['quartier']}, {c['ville']}",
              f"Profil : {c['accroche_' + g]}",
              f"Expériences : {c['experiences_' + g]}"]
    if c["interruption"]:
        lignes.append(f"Interruption de carrière : {c['interruption']}")
    lignes += [f"Compétences : {c['competences']}", f"Formation : {c['formation']}"]
    return "\n".join(lignes)


def lignes_changees(texte_a: str, texte_b: str) -> list[str]:
    """Les intitulés des lignes (« Prénom », « Âge »…) qui diffèrent entre deux CV rendus en texte."""
    def par_intitule(texte):
        return dict(l.split(" : ", 1) for l in texte.splitlines())
    a, b = par_intitule(texte_a), par_intitule(texte_b)
    return [k for k in dict.fromkeys(list(a) + list(b)) if a.get(k) != b.get(k)]


# ------------------------------------------------------------------------------------------------ variantes

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


# ------------------------------------------------------------------------------------------------- scores

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


# ---------------------------------------------------------------------------------------------------- audit

def audit(table: pd.DataFrame | None = None, details=DETAILS) -> pd.DataFrame:
    """Le testing complet : pour chaque CV et chaque détail, la paire (A, B) de :func:`paire_audit`, leurs
    scores, leurs rangs parmi les autres CV (inchangés) et la décision de présélection de chacune.

    Colonnes : ``id``, ``detail``, ``valeur_a``, ``valeur_b``, ``score_a``, ``score_b``, ``difference``
    (B − A, en points), ``rang_a``, ``rang_b``, ``retenu_a``, ``retenu_b``, ``bascule`` (la décision change),
    ``sens`` (« B perd sa place », « B gagne une place » ou "").
    """
    table = cvs() if table is None else table
    for d in details:
        if d not in DETAILS:
            raise EntreeInvalide(f"détail inconnu : « {str(d)[:30]} » (possibles : {', '.join(DETAILS)}).")
    tous = classement(table)
    paires = [(c["id"], d, *paire_audit(c, d)) for c in (_en_dict(r) for _, r in table.iterrows()) for d in details]
    # Un seul lot d'encodage pour tous les textes (ce sont des textes de l'atelier : cache disque autorisé).
    scores_textes([texte_cv(x) for _, _, a, b in paires for x in (a, b)])
    lignes = []
    for ident, d, a, b in paires:
        sa, sb = score(a), score(b)
        ra, rb = rang_parmi(sa, ident, tous), rang_parmi(sb, ident, tous)
        ka, kb = ra <= TAILLE_PRESELECTION, rb <= TAILLE_PRESELECTION
        lignes.append({"id": ident, "detail": d, "valeur_a": a[CHAMP_DETAIL[d]], "valeur_b": b[CHAMP_DETAIL[d]],
                       "score_a": sa, "score_b": sb, "difference": round(sb - sa, DECIMALES_SCORE),
                       "rang_a": ra, "rang_b": rb, "retenu_a": ka, "retenu_b": kb, "bascule": ka != kb,
                       "sens": "" if ka == kb else ("B perd sa place" if ka else "B gagne une place")})
    return pd.DataFrame(lignes)


def _points(x: float, dec: int = 2) -> str:
    return f"{nombre_fr(abs(x), dec)} point{'s' if round(abs(x), dec) >= 2 else ''}"


def _signe(x: float, dec: int = 2) -> str:
    return nombre_fr(x, dec).replace("-", "−")


def texte_p(p: float) -> str:
    """Une p-valeur écrite pour être lue : « p = 0,042 », ou « p < 0,001 » (elle n'est jamais nulle)."""
    return "p < 0,001" if p < 0.001 else f"p = {nombre_fr(p, 3)}"


def phrase_audit(detail: str, moyenne: float, bas: float, haut: float, p: float, n: int, n_perd: int,
                 n_gagne: int) -> str:
    """Le résultat du testing pour un détail, en français courant, sans conclure plus que les chiffres."""
    nom_a, nom_b = VERSIONS_AUDIT[detail]
    chiffres = f"(IC 95 % : {_signe(bas)} à {_signe(haut)} ; {texte_p(p)} ; {n} CV)"
    if round(abs(moyenne), 2) == 0:
        phrase = (f"En moyenne, la version « {nom_b} » et la version « {nom_a} » obtiennent le même score à "
                  f"0,01 point près {chiffres}.")
    else:
        sens = "plus élevé" if moyenne > 0 else "plus bas"
        phrase = (f"En moyenne, la version « {nom_b} » obtient un score {sens} de {_points(moyenne)} que la "
                  f"version « {nom_a} » {chiffres}.")
    if bas <= 0 <= haut:
        phrase += " L'intervalle contient 0 : on ne peut pas exclure l'absence d'écart moyen."
    else:
        phrase += " L'intervalle ne contient pas 0 : sur ces CV, l'écart n'est probablement pas dû au hasard."
    bascules = n_perd + n_gagne
    if bascules == 0:
        phrase += f" La décision de présélection ne change pour aucun des {n} CV."
    else:
        perd = "perdent leur place" if n_perd > 1 else "perd sa place"
        phrase += (f" La décision de présélection change pour {bascules} CV sur {n} : {n_perd} {perd}, "
                   f"{n_gagne} en gagne{'nt' if n_gagne > 1 else ''} une.")
    return phrase


def resumer_audit(paires: pd.DataFrame, n_permutations: int = biais.N_PERMUTATIONS,
                  n_bootstrap: int = biais.N_BOOTSTRAP) -> pd.DataFrame:
    """Une ligne par détail : ``n``, ``moyenne`` des différences B − A (points), ``ic_bas``/``ic_haut``
    (IC 95 % *bootstrap*, :func:`atelier.biais.ic_bootstrap`), ``p`` (test de permutation apparié,
    :func:`atelier.biais.test_permutation_apparie`), ``ecart_absolu_moyen``, ``n_bascules``, ``n_perd``,
    ``n_gagne`` et ``phrase``."""
    lignes = []
    for d in [x for x in DETAILS if x in set(paires["detail"])]:
        sous = paires[paires["detail"] == d]
        diff = sous["difference"].to_numpy(dtype=float)
        bas, haut = biais.ic_bootstrap(diff, n=n_bootstrap)
        p = biais.test_permutation_apparie(diff, n=n_permutations)
        n_perd = int((sous["sens"] == "B perd sa place").sum())
        n_gagne = int((sous["sens"] == "B gagne une place").sum())
        moyenne = float(diff.mean())
        lignes.append({"detail": d, "nom": NOMS_DETAILS[d], "n": len(diff), "moyenne": moyenne, "ic_bas": bas,
                       "ic_haut": haut, "p": p, "ecart_absolu_moyen": float(np.abs(diff).mean()),
                       "n_bascules": n_perd + n_gagne, "n_perd": n_perd, "n_gagne": n_gagne,
                       "phrase": phrase_audit(d, moyenne, bas, haut, p, len(diff), n_perd, n_gagne)})
    return pd.DataFrame(lignes)


def formater_resume(resume: pd.DataFrame) -> str:
    """Le résumé de l'audit arrondi, une ligne par détail (ce que le notebook imprime et contrôle)."""
    lignes = []
    for r in resume.itertuples(index=False):
        lignes.append(f"{r.nom} ({r.n} CV) : moyenne B − A = {_signe(r.moyenne)} point(s), IC 95 % "
                      f"[{_signe(r.ic_bas)} ; {_signe(r.ic_haut)}], {texte_p(r.p)}, "
                      f"écart absolu moyen {nombre_fr(r.ecart_absolu_moyen, 2)}, décisions changées : "
                      f"{r.n_bascules} (B perd {r.n_perd}, B gagne {r.n_gagne})")
    return "\n".join(lignes)


# ------------------------------------------------------------------------------------------------- figure

def figure_audit(resume: pd.DataFrame, paires: pd.DataFrame | None = None,
                 titre: str = "Le testing du recruteur robot : ce qui change quand un seul détail change"):
    """Deux panneaux : à gauche, l'écart moyen de score B − A par détail, avec son IC 95 % (moustaches) et, si
    ``paires`` (le résultat de :func:`audit`) est donné, l'écart de chaque CV (petits points gris) ; à droite, le
    nombre de CV dont la décision de présélection bascule (perd / gagne sa place). Renvoie
    ``(figure, texte_alternatif)``."""
    import matplotlib.pyplot as plt

    from atelier.figures import _graduations_fr
    from atelier.palette import GRIS, MARQUEURS, OKABE_ITO

    noms = [f"{r.nom}\n(B : {VERSIONS_AUDIT[r.detail][1]})" for r in resume.itertuples(index=False)]
    pos = np.arange(len(resume))[::-1]
    moy, bas, haut = (resume[c].to_numpy(dtype=float) for c in ("moyenne", "ic_bas", "ic_haut"))
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 0.95 * len(resume) + 2.6), sharey=True,
                                  gridspec_kw={"width_ratios": [3, 1.3]})
    ax.axvline(0, color=GRIS, lw=1.2, ls="--")
    if paires is not None:
        rng = np.random.default_rng(biais.GRAINE)
        for y, d in zip(pos, resume["detail"]):
            v = paires.loc[paires["detail"] == d, "difference"].to_numpy(dtype=float)
            ax.plot(v, y + rng.uniform(-0.22, 0.22, len(v)), "o", ms=3.5, color=GRIS, alpha=0.7,
                    label="un CV" if y == pos[0] else None)
    ax.errorbar(moy, pos, xerr=[moy - bas, haut - moy], fmt="none", ecolor=OKABE_ITO["bleu"], capsize=7, lw=2.2)
    for y, m, mk in zip(pos, moy, MARQUEURS):
        ax.plot(m, y, marker=mk, color=OKABE_ITO["bleu"], ms=10, ls="none", markeredgecolor="black",
                label="moyenne et IC 95 %" if y == pos[0] else None)
    ax.set_yticks(pos, noms)
    ax.set_xlabel("Écart de score, version B − version A\n(en points sur 100)")
    ax.set_title("Écart de score")
    ax.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    _graduations_fr(ax, "x")
    perd, gagne = resume["n_perd"].to_numpy(), resume["n_gagne"].to_numpy()
    ax2.barh(pos, perd, color=OKABE_ITO["vermillon"], height=0.55, label="B perd sa place")
    ax2.barh(pos, gagne, left=perd, color=OKABE_ITO["bleu_ciel"], height=0.55, hatch="//", edgecolor="black",
             label="B gagne une place")
    for y, a, b in zip(pos, perd, gagne):
        ax2.text(a + b + 0.1, y, str(int(a + b)), va="center")
    ax2.set_xlabel(f"CV dont la décision\nchange (sur {int(resume['n'].max())})")
    ax2.set_title("Décisions qui basculent")
    ax2.set_xlim(0, max(3, int((perd + gagne).max()) + 1))
    ax2.xaxis.get_major_locator().set_params(integer=True)
    ax2.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    for a in (ax, ax2):
        a.spines[["top", "right"]].set_visible(False)
    fig.suptitle(titre)
    fig.tight_layout()
    morceaux = [f"{r.nom} : {_signe(r.moyenne)} point en moyenne (IC 95 % {_signe(r.ic_bas)} à {_signe(r.ic_haut)}), "
                f"{r.n_bascules} décision{'s' if r.n_bascules > 1 else ''} changée{'s' if r.n_bascules > 1 else ''}"
                for r in resume.itertuples(index=False)]
    etendue = ""
    if paires is not None:
        etendue = " Les écarts CV par CV vont de " + " ; ".join(
            f"{_signe(paires.loc[paires['detail'] == d, 'difference'].min())} à "
            f"{_signe(paires.loc[paires['detail'] == d, 'difference'].max())} ({NOMS_DETAILS[d]})"
            for d in resume["detail"]) + "."
    alt = (f"Figure en deux panneaux « {titre} ». À gauche, pour chaque détail changé, un gros point marque l'écart "
           f"moyen de score entre la version B et la version A, avec une moustache pour l'intervalle de confiance à "
           f"95 %, une ligne pointillée verticale en 0" + (", et de petits points gris l'écart de chaque CV"
                                                            if paires is not None else "")
           + ". À droite, des barres comptent les CV dont la décision de présélection bascule. "
           + " ; ".join(morceaux) + "." + etendue)
    return fig, alt


# -------------------------------------------------------------------------------------- fiche de transparence

#: Les rubriques de la fiche de transparence (*model card*) du recruteur robot, dans l'ordre.
CHAMPS_FICHE = (
    ("nom", "Nom du système"),
    ("finalite", "À quoi il sert"),
    ("utilisateurs", "Qui l'utilise, qui est concerné"),
    ("modele", "Modèle"),
    ("entrees", "Ce qu'il lit"),
    ("sortie", "Ce qu'il produit"),
    ("regle", "Règle de décision"),
    ("donnees_test", "Données de test"),
    ("resultats", "Résultats du testing"),
    ("limites", "Limites connues"),
    ("controle_humain", "Contrôle humain"),
    ("droits", "Droits des candidates et candidats"),
    ("cadre", "Cadre juridique"),
)


def fiche_transparence(resume: pd.DataFrame | None = None) -> dict[str, str]:
    """La fiche de transparence remplie à partir du module : modèle, données, seuil, chiffres de l'audit.

    ``resume`` : le résultat de :func:`resumer_audit` (calculé s'il manque — compter une trentaine de secondes).
    """
    resume = resumer_audit(audit()) if resume is None else resume
    table = cvs()
    comptes = table["pertinence"].value_counts()
    c = classement()
    resultats = " ".join(f"{r.nom.capitalize()} : écart moyen {_signe(r.moyenne)} point (IC 95 % {_signe(r.ic_bas)} à "
                         f"{_signe(r.ic_haut)}), {r.n_bascules} décision(s) changée(s) sur {r.n}."
                         for r in resume.itertuples(index=False))
    return {
        "nom": "Le recruteur robot (démonstrateur pédagogique de l'Atelier IA & ESS, module 06)",
        "finalite": "Classer des CV par ressemblance avec une offre d'emploi et proposer une présélection. "
                    "Démonstrateur : à ne pas utiliser pour de vrais recrutements.",
        "utilisateurs": "Utilisateurs : la personne qui recrute. Personnes concernées : les candidates et candidats, "
                        "qui ne voient pas le système.",
        "modele": f"{embeddings.decrire().removeprefix('Modèle : ')}. Offre encodée comme requête (« query: »), CV comme documents "
                  "(« passage: »). Aucun entraînement sur des recrutements passés.",
        "entrees": "Le CV entier en texte, y compris le prénom, l'âge et l'adresse, qui n'ont pas de lien direct et "
                   "nécessaire avec l'emploi (Code du travail, L1221-6).",
        "sortie": f"Un score sur {ECHELLE} (similarité cosinus × {ECHELLE}) et un rang.",
        "regle": f"Les {TAILLE_PRESELECTION} meilleurs scores sur {len(c)} sont présélectionnés ; le score du "
                 f"{TAILLE_PRESELECTION}e est {nombre_fr(c['score'].iloc[TAILLE_PRESELECTION - 1], 2)}, celui du "
                 f"{TAILLE_PRESELECTION + 1}e {nombre_fr(c['score'].iloc[TAILLE_PRESELECTION], 2)}.",
        "donnees_test": f"{len(table)} CV fictifs écrits pour l'atelier (pertinence a priori : "
                        f"{comptes.get('forte', 0)} forte, {comptes.get('partielle', 0)} partielle, "
                        f"{comptes.get('faible', 0)} faible) et une offre fictive de chargé·e de communication.",
        "resultats": resultats,
        "limites": "Un seul modèle, une seule offre, 40 CV fictifs : un effet mesuré est une propriété de ce "
                   "système sur ces CV, pas une loi générale ; l'absence d'effet mesuré n'est pas une preuve "
                   "d'équité. Le score récompense la ressemblance des mots, pas la compétence.",
        "controle_humain": "À prévoir : une personne formée relit tous les CV proches du seuil et peut écarter le "
                           "classement ; le prénom, l'âge et l'adresse devraient être retirés avant le calcul.",
        "droits": "Information préalable, intervention humaine, explication, accès aux données, contestation ; "
                  "contacts : le ou la DPO de l'employeur, la CNIL, le Défenseur des droits.",
        "cadre": f"Règlement (UE) 2024/1689, annexe III, point 4 a) (haut risque) ; RGPD, article 22 ; Code du "
                 f"travail, L1221-6, L1221-8, L1132-1. État du droit au {cadre()['date']}.",
    }


def formater_fiche(fiche: dict[str, str]) -> str:
    """La fiche de transparence en texte, une rubrique par ligne."""
    return "\n".join(f"{nom} : {fiche.get(cle, '(à remplir)')}" for cle, nom in CHAMPS_FICHE)
