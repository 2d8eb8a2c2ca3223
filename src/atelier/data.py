"""Les tables de ``datasets/`` : un chargeur par table, lu une seule fois par noyau.

Chaque fonction renvoie un ``pandas.DataFrame`` propre (une ligne par objet, des colonnes nommées en
français). Si un fichier manque ou est abîmé, l'erreur dit lequel et comment le reconstruire. Les vecteurs livrés
(``datasets/*.npz``) se lisent dans :mod:`atelier.vecteurs_livres`, la liste des modules dans :mod:`atelier.registre`.

>>> from atelier import data
>>> data.metiers().shape            # les 13 120 appellations ROME 4.0
(13120, 16)
"""
from __future__ import annotations

import functools
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from atelier.erreurs import DonneesIndisponibles

#: Dossier des données : ``datasets/`` à la racine du dépôt, ou la variable d'environnement ATELIER_DATA_DIR.
DATA_DIR = Path(os.environ.get("ATELIER_DATA_DIR") or Path(__file__).resolve().parents[2] / "datasets")

#: La commande qui reconstruit tous les fichiers à partir des sources ouvertes.
REBUILD_COMMAND = "python scripts/build_datasets.py"


@dataclass(frozen=True)
class Table:
    """Un fichier de ``datasets/`` et les colonnes qu'il doit contenir."""

    fichier: str
    colonnes: tuple[str, ...]
    types: tuple[tuple[str, str], ...] = ()


METIERS = Table(
    "metiers_rome.csv",
    ("code_ogr", "appellation", "forme_masculine", "forme_feminine", "genre", "appellation_courte",
     "code_rome", "code_rome_parent", "intitule_fiche", "code_domaine", "domaine_professionnel",
     "code_grand_domaine", "grand_domaine", "classification", "peu_usite", "emploi_cadre"),
)
FICHES = Table(
    "fiches_rome.csv",
    ("code_rome", "intitule", "code_rome_parent", "code_domaine", "domaine_professionnel",
     "code_grand_domaine", "grand_domaine", "riasec_majeur", "riasec_mineur", "n_appellations"),
)
COMPETENCES = Table("competences_rome.csv", ("code_ogr", "libelle", "type", "categorie", "sous_categorie"))
FICHES_COMPETENCES = Table(
    "fiches_competences.csv", ("code_rome", "code_ogr", "type", "principale", "emergente"),
    (("principale", "bool"), ("emergente", "bool")),
)
PART_FEMMES = Table(
    "part_femmes_rome.csv",
    ("code_rome", "code_rome_parent", "code_fap", "libelle_fap", "libelle_fap_est_agrege", "part_femmes",
     "periode", "n_familles_fap"),
    (("part_femmes", "float64"), ("libelle_fap_est_agrege", "bool")),
)
ESCO = Table(
    "esco_metiers_fr_en.csv",
    ("uri", "code_esco", "code_isco", "groupe_isco_fr", "groupe_isco_en", "libelle_fr", "libelle_en",
     "autres_libelles_fr", "autres_libelles_en"),
)
CARTE = Table("carte_metiers_umap.csv", ("code_ogr", "x", "y"))
SYNONYMES = Table("synonymes_metiers.csv", ("terme", "type", "appellation_rome", "code_rome", "commentaire"))
REQUETES = Table("requetes_recherche.csv", ("requete", "type", "codes_rome_attendus", "commentaire"))
REQUETES_PROFANES = Table("requetes_profanes.csv", ("requete", "type", "codes_rome_attendus", "commentaire"))
REQUETES_VALIDATION = Table("requetes_validation.csv", ("requete", "type", "codes_rome_attendus", "commentaire"))
TEXTES_FICHES = Table("textes_fiches.csv", ("code_rome", "intitule", "definition"))
DESCRIPTIONS_ESCO = Table("descriptions_esco.csv",
                          ("uri", "libelle_esco", "code_rome", "appellation_rome", "score_lien", "description"),
                          (("score_lien", "float64"),))
LEXIQUE_SMS = Table("lexique_sms.csv", ("ecrit", "sens", "type", "commentaire"), (("ecrit", "str"), ("sens", "str")))
CARTE_PARAMETRES = "carte_metiers_umap.json"

_STR_COLUMNS = ("code_ogr", "code_rome", "code_rome_parent", "code_fap", "code_isco", "code_esco")


def chemin(fichier: str) -> Path:
    """Chemin complet d'un fichier de ``datasets/``."""
    return DATA_DIR / fichier


def fichier_abime(fichier: str, raison: str) -> DonneesIndisponibles:
    """L'erreur d'un fichier de ``datasets/`` absent ou abîmé, avec la commande qui le reconstruit."""
    return DonneesIndisponibles(
        f"le fichier de données « datasets/{fichier} » {raison}. "
        f"Pour le reconstruire depuis les sources ouvertes, lancez dans un terminal, à la racine du dépôt : "
        f"{REBUILD_COMMAND}"
    )


def _lire_csv(table: Table) -> pd.DataFrame:
    path = chemin(table.fichier)
    if not path.is_file():
        raise fichier_abime(table.fichier, "est introuvable")
    try:
        df = pd.read_csv(path, dtype={c: "string" for c in _STR_COLUMNS}, keep_default_na=False,
                         na_values={c: [""] for c in ("part_femmes", "x", "y")}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise fichier_abime(table.fichier, f"est illisible ({type(exc).__name__})") from None
    manquantes = [c for c in table.colonnes if c not in df.columns]
    if manquantes or df.empty:
        raise fichier_abime(table.fichier, "est abîmé (colonnes manquantes : " + ", ".join(manquantes or ["aucune ligne"]) + ")")
    try:
        for colonne, dtype in table.types:
            if dtype == "bool":
                df[colonne] = df[colonne].astype(str).str.lower().map({"true": True, "false": False}).astype(bool)
            else:
                df[colonne] = df[colonne].astype(dtype)
    except (ValueError, TypeError) as exc:
        raise fichier_abime(table.fichier, f"contient des valeurs inattendues ({exc})") from None
    return df[list(table.colonnes)]


def fichier_lecon_abime(fichier: str, raison: str) -> DonneesIndisponibles:
    """L'erreur d'un fichier écrit à la main pour une leçon (il ne se reconstruit pas : il se remet)."""
    fiche = Path(fichier).stem
    return DonneesIndisponibles(
        f"le fichier « datasets/{fichier} » {raison}. Ce fichier est écrit à la main pour l'atelier : remettez la "
        f"version d'origine du dépôt (sa description est dans datasets/{fiche}.md).")


def lire_table_lecon(fichier: str, colonnes: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """Lit un CSV de ``datasets/`` écrit pour une leçon (personas, CV, FAQ, questionnaire…), tout en texte, espaces
    de bord retirés ; erreur en français qui nomme le fichier s'il est absent, illisible, vide ou s'il lui manque
    une colonne. Relu à chaque appel : ces fichiers sont petits, et une personne peut les modifier."""
    path = chemin(fichier)
    if not path.is_file():
        raise fichier_lecon_abime(fichier, "est introuvable")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise fichier_lecon_abime(fichier, f"est illisible ({type(exc).__name__})") from None
    manquantes = [c for c in colonnes if c not in df.columns]
    if manquantes or df.empty:
        raise fichier_lecon_abime(fichier, "est abîmé (colonnes manquantes : "
                                  + ", ".join(manquantes or ["aucune ligne"]) + ")")
    return df[list(colonnes)].apply(lambda s: s.str.strip())


def lire_toml_lecon(fichier: str) -> dict:
    """Lit un fichier TOML de ``datasets/`` écrit pour une leçon (le cadre juridique) ; même erreur en français que
    :func:`lire_table_lecon` s'il est absent ou illisible. Relu à chaque appel (un petit fichier)."""
    path = chemin(fichier)
    if not path.is_file():
        raise fichier_lecon_abime(fichier, "est introuvable")
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise fichier_lecon_abime(fichier, f"est illisible ({type(exc).__name__})") from None


#: Les tables gardées en mémoire par :func:`_cached`.
_GARDEES: set[Table] = set()


@functools.lru_cache(maxsize=None)
def _cached(table: Table) -> pd.DataFrame:
    _GARDEES.add(table)
    return _lire_csv(table)


def lire_sans_garder(table: Table) -> pd.DataFrame:
    """La table, lue sans être gardée en mémoire si elle n'y est pas déjà : pour ce qu'un noyau ne calcule
    qu'une fois à partir d'un gros fichier (le vocabulaire de la réécriture, le cœur des fiches). Le tableau de
    bord « Recherche de métiers » n'a ainsi pas en mémoire les 30 Mo des compétences et de leurs liens."""
    return _cached(table).copy() if table in _GARDEES else _lire_csv(table)


def _copie(table: Table) -> pd.DataFrame:
    # Le fichier n'est lu qu'une fois ; chaque appel reçoit sa copie, qu'il peut modifier sans risque.
    return _cached(table).copy()


def metiers() -> pd.DataFrame:
    """Les 13 120 appellations (intitulés de métiers) du ROME 4.0, une ligne chacune.

    Colonnes : ``appellation`` (libellé complet, « masculin / féminin »), ``forme_masculine`` et
    ``forme_feminine`` (séparées ; identiques pour un titre épicène), ``genre`` (``double`` ou ``unique``),
    la fiche (``code_rome``, ``intitule_fiche``, ``code_rome_parent``), le domaine professionnel et le grand
    domaine.
    """
    return _copie(METIERS)


def fiches() -> pd.DataFrame:
    """Les 1 584 fiches métiers du ROME 4.0, avec domaine, grand domaine et code RIASEC."""
    return _copie(FICHES)


def competences() -> pd.DataFrame:
    """Les savoir-faire, savoir-être et savoirs du ROME 4.0 (``code_ogr``, ``libelle``, ``type``…)."""
    return _copie(COMPETENCES)


def fiches_competences() -> pd.DataFrame:
    """Les liens fiche ↔ compétence/savoir, avec ``principale`` (cœur de métier) et ``emergente``."""
    return _copie(FICHES_COMPETENCES)


def part_femmes_rome() -> pd.DataFrame:
    """Part de femmes (en %) parmi les personnes en emploi, par famille FAP 2009, reliée aux fiches ROME.

    Une ligne par couple (fiche ROME, famille FAP) : une fiche peut appartenir à plusieurs familles.
    Ce sont des chiffres d'enquête **par famille** (Insee, enquête Emploi, 2017-2019), pas par métier.
    """
    return _copie(PART_FEMMES)


def part_femmes_par_fiche() -> pd.DataFrame:
    """Une ligne par fiche ROME : la part de femmes moyenne de ses familles FAP, son minimum et son maximum."""
    df = _cached(PART_FEMMES).dropna(subset=["part_femmes"])
    out = df.groupby("code_rome").agg(
        part_femmes=("part_femmes", "mean"),
        part_femmes_min=("part_femmes", "min"),
        part_femmes_max=("part_femmes", "max"),
        n_familles_fap=("code_fap", "nunique"),
    )
    return out.reset_index()


def esco_metiers() -> pd.DataFrame:
    """Les 3 007 métiers ESCO v1.1.1 avec leur libellé français et anglais et leur groupe CITP/ISCO-08."""
    return _copie(ESCO)


def synonymes() -> pd.DataFrame:
    """Mots familiers, sigles et intitulés anglais reliés à une appellation ROME (écrits pour l'atelier)."""
    return _copie(SYNONYMES)


def requetes_recherche() -> pd.DataFrame:
    """Les requêtes étiquetées qui mesurent la recherche de métiers (leçon 02) : requête, type, codes attendus."""
    return _copie(REQUETES)


def requetes_profanes() -> pd.DataFrame:
    """Les requêtes « comme on parle » (descriptions, envies, argot, ESS, SMS) qui mesurent :func:`atelier.recherche.
    chercher` : requête, type, codes attendus. C'est le jeu de développement de la recherche : voir sa fiche."""
    return _copie(REQUETES_PROFANES)


def requetes_validation() -> pd.DataFrame:
    """Des requêtes « comme on parle », des mêmes cinq types que :func:`requetes_profanes`, écrites sans voir ni
    ce jeu, ni le lexique, ni les résultats de la recherche : le jeu de **validation**, qui dit si les choix faits
    sur le jeu de développement tiennent ailleurs. Il ne sert pas à régler : voir sa fiche."""
    return _copie(REQUETES_VALIDATION)


def textes_fiches() -> pd.DataFrame:
    """La définition de chaque fiche ROME (ses phrases réunies), dans l'ordre de :func:`fiches`."""
    return _copie(TEXTES_FICHES)


def descriptions_esco() -> pd.DataFrame:
    """Les descriptions françaises des métiers ESCO v1.1.1, chacune reliée à la fiche ROME dont une appellation
    ressemble le plus à son libellé (``scripts/build_datasets.py --fiches``, voir ``descriptions_esco.md``)."""
    return _copie(DESCRIPTIONS_ESCO)


def lexique_sms() -> pd.DataFrame:
    """Écritures SMS, abrègements, argot et enseignes, avec leur sens (écrit pour l'atelier, ``atelier.reecriture``)."""
    return _copie(LEXIQUE_SMS)


def carte_metiers() -> pd.DataFrame:
    """Les coordonnées 2D (UMAP, calculées une fois) de chaque appellation, jointes à :func:`metiers`."""
    coords = _cached(CARTE)
    df = _cached(METIERS).merge(coords, on="code_ogr", how="left", validate="one_to_one")
    return df


def parametres_carte() -> dict:
    """Les paramètres UMAP (graine, voisins, distance minimale…) qui ont produit :func:`carte_metiers`."""
    path = chemin(CARTE_PARAMETRES)
    if not path.is_file():
        raise fichier_abime(CARTE_PARAMETRES, "est introuvable")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise fichier_abime(CARTE_PARAMETRES, f"est illisible ({type(exc).__name__})") from None


def vider_cache() -> None:
    """Oublie les fichiers déjà lus, dans les trois modules : les tables, les vecteurs livrés
    (:func:`atelier.vecteurs_livres.vider_cache`) et le registre du parcours (utile après une reconstruction)."""
    _cached.cache_clear()
    _GARDEES.clear()
    vecteurs_livres.vider_cache()
    registre.parcours.cache_clear()


# En fin de fichier : atelier.vecteurs_livres lit ses fichiers par ce module (chemin, erreurs, metiers).
from atelier import registre, vecteurs_livres  # noqa: E402

# utilisé par les leçons (00 et 03 appellent data.vecteurs_pour et data.vecteurs_metiers)
from atelier.vecteurs_livres import vecteurs_metiers, vecteurs_pour  # noqa: E402, F401
