"""Les candidatures du recruteur robot (module 06) : l'offre d'emploi, les 40 CV fictifs et leur rendu en texte.

Données : ``datasets/offre_recruteur.md`` (l'offre, entre deux lignes de repère) et ``datasets/cv_fictifs.csv``
(40 CV rangés en champs, voir ``cv_fictifs.md``). Tout est fictif. Lues une fois par noyau, vérifiées.
"""
from __future__ import annotations

import pandas as pd

from atelier import data
from atelier.erreurs import DonneesIndisponibles, EntreeInvalide

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


AGE_MIN, AGE_MAX = 16, 75


_memoire: dict[str, object] = {}


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
