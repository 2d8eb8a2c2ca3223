"""Toutes les lectures de ``datasets/`` : un chargeur par table, lu une seule fois par noyau.

Chaque fonction renvoie un ``pandas.DataFrame`` propre (une ligne par objet, des colonnes nommées en
français). Si un fichier manque ou est abîmé, l'erreur dit lequel et comment le reconstruire.

>>> from atelier import data
>>> data.metiers().shape            # les 13 120 appellations ROME 4.0
(13120, 16)
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
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
TEXTES_FICHES = Table("textes_fiches.csv", ("code_rome", "intitule", "definition"))
LEXIQUE_SMS = Table("lexique_sms.csv", ("ecrit", "sens", "type", "commentaire"), (("ecrit", "str"), ("sens", "str")))
VECTEURS = "vecteurs_textes_e5.npz"
VECTEURS_COMPETENCES = "vecteurs_competences_e5.npz"
#: Un vecteur e5 (préfixe ``passage:``) par fiche : sa définition (``textes_fiches.csv``).
VECTEURS_FICHES = "vecteurs_fiches_e5.npz"
#: Vecteurs e5 précalculés des textes des leçons (CV, FAQ, personas…) : un accélérateur, facultatif.
VECTEURS_LECONS = "vecteurs_lecons_e5.npz"
VECTEURS_APPELLATIONS_MINILM = "vecteurs_appellations_minilm.npz"
CARTE_PARAMETRES = "carte_metiers_umap.json"

_STR_COLUMNS = ("code_ogr", "code_rome", "code_rome_parent", "code_fap", "code_isco", "code_esco")


def chemin(fichier: str) -> Path:
    """Chemin complet d'un fichier de ``datasets/``."""
    return DATA_DIR / fichier


def _introuvable(fichier: str, raison: str) -> DonneesIndisponibles:
    return DonneesIndisponibles(
        f"le fichier de données « datasets/{fichier} » {raison}. "
        f"Pour le reconstruire depuis les sources ouvertes, lancez dans un terminal, à la racine du dépôt : "
        f"{REBUILD_COMMAND}"
    )


def _lire_csv(table: Table) -> pd.DataFrame:
    path = chemin(table.fichier)
    if not path.is_file():
        raise _introuvable(table.fichier, "est introuvable")
    try:
        df = pd.read_csv(path, dtype={c: "string" for c in _STR_COLUMNS}, keep_default_na=False,
                         na_values={c: [""] for c in ("part_femmes", "x", "y")}, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise _introuvable(table.fichier, f"est illisible ({type(exc).__name__})") from None
    manquantes = [c for c in table.colonnes if c not in df.columns]
    if manquantes or df.empty:
        raise _introuvable(table.fichier, "est abîmé (colonnes manquantes : " + ", ".join(manquantes or ["aucune ligne"]) + ")")
    try:
        for colonne, dtype in table.types:
            if dtype == "bool":
                df[colonne] = df[colonne].astype(str).str.lower().map({"true": True, "false": False}).astype(bool)
            else:
                df[colonne] = df[colonne].astype(dtype)
    except (ValueError, TypeError) as exc:
        raise _introuvable(table.fichier, f"contient des valeurs inattendues ({exc})") from None
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


@functools.lru_cache(maxsize=None)
def _cached(table: Table) -> pd.DataFrame:
    return _lire_csv(table)


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


def textes_fiches() -> pd.DataFrame:
    """La définition de chaque fiche ROME (ses phrases réunies), dans l'ordre de :func:`fiches`."""
    return _copie(TEXTES_FICHES)


def lexique_sms() -> pd.DataFrame:
    """Écritures SMS, abrègements, argot et enseignes, avec leur sens (écrit pour l'atelier, ``atelier.reecriture``)."""
    return _copie(LEXIQUE_SMS)


#: Version du format des copies partagées (à changer si leur contenu change, pour qu'elles se refassent).
_FORMAT_PARTAGE = 1


def cache_dir() -> Path:
    """Dossier du cache de l'atelier : ``$ATELIER_CACHE_DIR`` ou ``~/.cache/atelier`` (vecteurs déjà calculés,
    copies partagées des vecteurs livrés). ``atelier.embeddings.cache_dir`` est le même."""
    return Path(os.environ.get("ATELIER_CACHE_DIR") or Path.home() / ".cache" / "atelier")


def dossier_partage() -> Path:
    """Dossier des copies décompressées des vecteurs livrés : ``vecteurs/`` dans le cache de l'atelier
    (``$ATELIER_CACHE_DIR`` ou ``~/.cache/atelier``)."""
    return cache_dir() / "vecteurs"


def _cle(*fichiers: str) -> str:
    """Empreinte des fichiers sources (chemin, taille, date) : une copie dérivée se refait s'ils changent."""
    h = hashlib.sha1(str(_FORMAT_PARTAGE).encode())
    for fichier in fichiers:
        st = chemin(fichier).stat()
        h.update(f"{chemin(fichier).resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _ecrire_atomique(cible: Path, ecrire) -> None:
    """Écrit ``cible`` par un fichier temporaire du même dossier puis ``os.replace`` : un autre noyau qui démarre
    au même moment voit l'ancien état ou le fichier complet, jamais un fichier à moitié écrit."""
    cible.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cible.parent, prefix=cible.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            ecrire(f)
        os.chmod(tmp, 0o644)
        os.replace(tmp, cible)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _partage(nom: str, sources: tuple[str, ...], calculer) -> np.ndarray:
    """Le tableau ``nom`` (calculé par ``calculer()`` à partir des fichiers ``sources`` de ``datasets/``), projeté
    en mémoire en lecture seule depuis :func:`dossier_partage`.

    Un ``.npz`` compressé ne se projette pas : la première lecture le décompresse une fois dans le cache (écriture
    atomique, sûre si plusieurs noyaux démarrent ensemble) ; ensuite, chaque noyau ne fait que projeter le
    fichier, et le système ne garde qu'une copie de ses pages pour tous les noyaux d'une machine (les tableaux de
    bord d'une salle entière). Si le cache n'est pas inscriptible, le tableau est simplement gardé en mémoire.
    """
    cible = None
    try:
        cible = dossier_partage() / f"{nom}-{_cle(*sources)}.npy"
        return np.load(cible, mmap_mode="r")
    except (OSError, ValueError):
        pass
    tableau = np.ascontiguousarray(calculer())
    tableau.setflags(write=False)
    if cible is None:
        return tableau
    try:
        _ecrire_atomique(cible, lambda f: np.save(f, tableau, allow_pickle=False))
        return np.load(cible, mmap_mode="r")
    except (OSError, ValueError):
        return tableau


def _lire_npz(fichier: str, *cles: str) -> list[np.ndarray]:
    """Les tableaux ``cles`` d'un ``.npz`` de ``datasets/`` (seuls ceux-là sont décompressés), ou une erreur claire."""
    path = chemin(fichier)
    if not path.is_file():
        raise _introuvable(fichier, "est introuvable")
    try:
        with np.load(path, allow_pickle=False) as npz:
            return [npz[c] for c in cles]
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise _introuvable(fichier, f"est illisible ({type(exc).__name__})") from None


def _calculer_table_textes() -> np.ndarray:
    textes, vecteurs = _lire_npz(VECTEURS, "textes", "vecteurs")
    if vecteurs.ndim != 2 or len(vecteurs) != len(textes):
        raise _introuvable(VECTEURS, "est abîmé (tailles incohérentes)")
    return vecteurs.astype(np.float32)


@functools.lru_cache(maxsize=None)
def _textes_et_meta() -> tuple[list[str], dict]:
    """Les textes du corpus (liste Python) et les métadonnées ; lus dans le cache partagé s'il existe."""
    cible = None
    try:
        cible = dossier_partage() / f"textes-{_cle(VECTEURS)}.json"
        contenu = json.loads(cible.read_text(encoding="utf-8"))
        return contenu["textes"], contenu["meta"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    textes, meta = _lire_npz(VECTEURS, "textes", "meta")
    try:
        textes, meta = textes.tolist(), json.loads(str(meta))
    except ValueError:
        raise _introuvable(VECTEURS, "est illisible (métadonnées)") from None
    if cible is not None:
        try:
            contenu = json.dumps({"textes": textes, "meta": meta}, ensure_ascii=False).encode("utf-8")
            _ecrire_atomique(cible, lambda f: f.write(contenu))
        except OSError:
            pass
    return textes, meta


@functools.lru_cache(maxsize=None)
def _table_textes() -> np.ndarray:
    """Tous les vecteurs livrés, ``(40 858, 384)`` float32 en lecture seule, partagés entre noyaux.

    float32 et non float16 : numpy n'a pas de produit matriciel rapide en float16 (mesuré : 111 ms contre 12 ms
    pour 34 852 × 384, et 60 ms rien que pour convertir). Les valeurs sont exactement celles, float16, du fichier
    livré : seul le stockage change, pas un résultat.
    """
    textes, _ = _textes_et_meta()
    table = _partage("textes_e5", (VECTEURS,), _calculer_table_textes)
    if table.ndim != 2 or len(table) != len(textes):
        raise _introuvable(VECTEURS, "est abîmé (tailles incohérentes)")
    return table


def vecteurs_textes() -> tuple[np.ndarray, np.ndarray, dict]:
    """Les vecteurs livrés avec l'atelier : ``(textes, vecteurs float16, métadonnées)``.

    Ils ont été calculés par ``scripts/build_datasets.py`` avec le modèle par défaut (préfixe ``query:``)
    pour chaque appellation, chacune de ses formes, chaque intitulé de fiche et chaque libellé ESCO.
    Chaque appel rend une copie float16 (31 Mo) : pour chercher vite, :func:`vecteurs_pour` et l'index de
    recherche lisent la table partagée sans la copier.
    """
    textes, meta = _textes_et_meta()
    vecteurs = _table_textes().astype(np.float16)
    vecteurs.setflags(write=False)
    return np.array(textes, dtype=np.str_), vecteurs, meta


def table_vecteurs() -> np.ndarray:
    """La table partagée de tous les vecteurs livrés (float32, lecture seule, projetée en mémoire) ; la ligne d'un
    texte est donnée par :func:`lignes_textes`."""
    return _table_textes()


def lignes_textes(textes: list[str] | pd.Series) -> np.ndarray:
    """Les lignes de :func:`table_vecteurs` des textes donnés (erreur claire si l'un n'a pas de vecteur livré)."""
    index = _index_textes()
    try:
        return np.fromiter((index[t] for t in textes), dtype=np.int64, count=len(textes))
    except KeyError as exc:
        raise DonneesIndisponibles(
            f"le texte {exc} n'a pas de vecteur livré dans datasets/{VECTEURS} ; "
            f"calculez-le avec atelier.embeddings.encode, ou reconstruisez les données ({REBUILD_COMMAND})."
        ) from None


def _calculer_competences() -> np.ndarray:
    codes, vecteurs = _lire_npz(VECTEURS_COMPETENCES, "code_ogr", "vecteurs")
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise _introuvable(VECTEURS_COMPETENCES, "est abîmé (tailles incohérentes)")
    vecteurs = vecteurs.astype(np.float32)
    vecteurs /= np.linalg.norm(vecteurs, axis=1, keepdims=True)
    return vecteurs


@functools.lru_cache(maxsize=None)
def _vecteurs_competences() -> tuple[np.ndarray, np.ndarray]:
    (codes,) = _lire_npz(VECTEURS_COMPETENCES, "code_ogr")
    vecteurs = _partage("competences_e5", (VECTEURS_COMPETENCES,), _calculer_competences)
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise _introuvable(VECTEURS_COMPETENCES, "est abîmé (tailles incohérentes)")
    return codes, vecteurs


def vecteurs_competences() -> tuple[np.ndarray, np.ndarray]:
    """``(code_ogr, vecteurs)`` des compétences principales d'au moins une fiche (préfixe ``passage:``, float32
    normés, lecture seule, partagés entre noyaux)."""
    return _vecteurs_competences()


def _calculer_fiches() -> np.ndarray:
    codes, vecteurs = _lire_npz(VECTEURS_FICHES, "code_rome", "vecteurs")
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise _introuvable(VECTEURS_FICHES, "est abîmé (tailles incohérentes)")
    vecteurs = vecteurs.astype(np.float32)
    vecteurs /= np.linalg.norm(vecteurs, axis=1, keepdims=True)
    return vecteurs


@functools.lru_cache(maxsize=None)
def _vecteurs_fiches() -> tuple[np.ndarray, np.ndarray]:
    (codes,) = _lire_npz(VECTEURS_FICHES, "code_rome")
    vecteurs = _partage("fiches_e5", (VECTEURS_FICHES,), _calculer_fiches)
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise _introuvable(VECTEURS_FICHES, "est abîmé (tailles incohérentes)")
    return codes, vecteurs


def vecteurs_fiches() -> tuple[np.ndarray, np.ndarray]:
    """``(code_rome, vecteurs)`` : un vecteur par fiche, celui de sa définition (préfixe ``passage:``, float32 normés,
    lecture seule, partagés entre noyaux), dans l'ordre de :func:`fiches`."""
    return _vecteurs_fiches()


def vecteurs_pour(textes: list[str] | pd.Series) -> np.ndarray:
    """Les vecteurs livrés (float32, normés) de textes qui font partie du corpus de l'atelier (une copie)."""
    return _table_textes()[lignes_textes(textes)]


@functools.lru_cache(maxsize=None)
def _index_textes() -> dict[str, int]:
    textes, _ = _textes_et_meta()
    return {t: i for i, t in enumerate(textes)}


def vecteurs_partages(textes: list[str] | pd.Series) -> np.ndarray:
    """Les mêmes vecteurs que :func:`vecteurs_pour`, mais en un tableau en lecture seule projeté en mémoire depuis
    le cache (:func:`dossier_partage`) : tous les noyaux qui demandent la même liste de textes partagent ses pages
    (l'index de recherche, les vecteurs des intitulés). Gardez le résultat : chaque appel relit la liste.

    Des textes rangés d'affilée dans la table livrée (les 34 852 formes de l'index de recherche en sont les
    premières lignes) donnent une simple vue de :func:`table_vecteurs` : aucune seconde copie de leurs pages."""
    textes = list(textes)
    lignes = lignes_textes(textes)
    if len(lignes) and np.array_equal(lignes, np.arange(lignes[0], lignes[0] + len(lignes))):
        return _table_textes()[lignes[0]:lignes[0] + len(lignes)]
    empreinte = hashlib.sha1("\n".join(textes).encode("utf-8")).hexdigest()[:16]
    return _partage(f"extrait_e5-{empreinte}", (VECTEURS,), lambda: vecteurs_pour(textes))


@functools.lru_cache(maxsize=None)
def _vecteurs_metiers() -> np.ndarray:
    return vecteurs_partages(_cached(METIERS)["appellation"])


def vecteurs_metiers() -> np.ndarray:
    """Un vecteur par appellation, dans l'ordre de :func:`metiers` : tableau ``(13120, 384)`` float32 en lecture
    seule, partagé entre noyaux."""
    return _vecteurs_metiers()


def carte_metiers() -> pd.DataFrame:
    """Les coordonnées 2D (UMAP, calculées une fois) de chaque appellation, jointes à :func:`metiers`."""
    coords = _cached(CARTE)
    df = _cached(METIERS).merge(coords, on="code_ogr", how="left", validate="one_to_one")
    return df


def parametres_carte() -> dict:
    """Les paramètres UMAP (graine, voisins, distance minimale…) qui ont produit :func:`carte_metiers`."""
    path = chemin(CARTE_PARAMETRES)
    if not path.is_file():
        raise _introuvable(CARTE_PARAMETRES, "est introuvable")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _introuvable(CARTE_PARAMETRES, f"est illisible ({type(exc).__name__})") from None


@functools.lru_cache(maxsize=4)
def vecteurs_lecons(modele: str) -> dict[str, np.ndarray]:
    """Les vecteurs livrés des textes des leçons, par clé du cache (modèle + préfixe + texte), s'ils ont été
    calculés avec ``modele`` ; sinon (ou si le fichier manque ou est abîmé) un dictionnaire vide : les textes sont
    alors simplement calculés. Reconstruction : ``python scripts/vecteurs_lecons.py``."""
    path = chemin(VECTEURS_LECONS)
    try:
        with np.load(path, allow_pickle=False) as z:
            if str(z["modele"]) != modele:
                return {}
            cles, vecteurs = z["cles"], z["vecteurs"].astype(np.float32)
    except (OSError, KeyError, ValueError, EOFError):
        return {}
    if len(cles) != len(vecteurs):
        return {}
    return dict(zip(cles.tolist(), vecteurs))


@functools.lru_cache(maxsize=None)
def vecteurs_appellations(modele: str) -> np.ndarray | None:
    """Les vecteurs livrés des 13 120 appellations (dans l'ordre de :func:`metiers`) calculés par un autre modèle
    que celui de l'atelier, s'ils ont été calculés avec ``modele`` (la clé du moteur, ``Encodeur.moteur.key``) ;
    sinon ``None`` (fichier absent ou abîmé, autre modèle, intitulés changés depuis) : il faut alors les calculer.

    Aujourd'hui : all-MiniLM-L6-v2 (``datasets/vecteurs_appellations_minilm.npz``, leçon 02, partie 8), float32
    normés, lecture seule, partagés entre noyaux. Reconstruction : ``python scripts/vecteurs_lecons.py``.
    """
    fichier = VECTEURS_APPELLATIONS_MINILM
    try:
        cle, textes = _lire_npz(fichier, "modele", "textes")
        if str(cle) != modele or textes.tolist() != _cached(METIERS)["appellation"].tolist():
            return None
        vecteurs = _partage(f"appellations-{modele}", (fichier,),
                            lambda: _lire_npz(fichier, "vecteurs")[0].astype(np.float32))
    except DonneesIndisponibles:
        return None
    if vecteurs.ndim != 2 or len(vecteurs) != len(textes):
        return None
    return vecteurs


# ------------------------------------------------------------------------------------- le registre du parcours

#: La liste des modules de l'atelier, écrite une seule fois : ``notebooks/parcours.toml`` (lue par le README, par
#: l'autodiagnostic du module 08 et par le kit d'animation).
PARCOURS = Path(__file__).resolve().parents[2] / "notebooks" / "parcours.toml"
_CHAMPS_MODULE = {"numero": str, "titre": str, "fichier": str, "duree": int, "resume": str, "duree_variante": str,
                  "notions": str, "fiche_falc": bool, "tableau_de_bord": list}


@dataclass(frozen=True)
class Module:
    """Un module du parcours, tel que ``notebooks/parcours.toml`` le décrit (voir les champs en tête du fichier)."""

    numero: str
    titre: str
    fichier: str
    duree: int
    resume: str
    duree_variante: str = ""
    notions: str = ""
    fiche_falc: bool = False
    #: Ses tableaux de bord : (fichier dans ``notebooks/dashboards/``, sans ``.ipynb`` ; titre).
    tableaux_de_bord: tuple[tuple[str, str], ...] = ()

    @property
    def libelle(self) -> str:
        """Le titre et ses notions entre parenthèses : « Des mots aux nombres (plongements) »."""
        return f"{self.titre} ({self.notions})" if self.notions else self.titre


def _parcours_abime(raison: str) -> DonneesIndisponibles:
    return DonneesIndisponibles(f"le registre du parcours « notebooks/{PARCOURS.name} » {raison}. Ce fichier est écrit "
                                "à la main (ses champs sont décrits en tête) : corrigez-le, ou remettez la version "
                                "d'origine du dépôt.")


def _module(brut: dict, rang: int) -> Module:
    if not isinstance(brut, dict):
        raise _parcours_abime(f"est abîmé (module n° {rang + 1} mal écrit)")
    nom = str(brut.get("numero", f"n° {rang + 1}"))[:10]
    for cle, valeur in brut.items():
        if cle not in _CHAMPS_MODULE:
            raise _parcours_abime(f"est abîmé (module {nom} : champ inconnu « {str(cle)[:30]} »)")
        if not isinstance(valeur, _CHAMPS_MODULE[cle]) or (cle == "duree" and isinstance(valeur, bool)):
            raise _parcours_abime(f"est abîmé (module {nom} : « {cle} » mal écrit)")
    manquants = [c for c in ("numero", "titre", "fichier", "duree", "resume") if not brut.get(c)]
    if manquants:
        raise _parcours_abime(f"est abîmé (module {nom} : il manque {', '.join(manquants)})")
    if brut["numero"] != f"{rang:02d}" or not brut["fichier"].startswith(brut["numero"] + "_"):
        raise _parcours_abime(f"est abîmé (module {nom} : les numéros vont de 00 à la suite, dans l'ordre, et "
                              "chaque nom de fichier commence par son numéro)")
    tableaux = []
    for t in brut.get("tableau_de_bord", []):
        if not (isinstance(t, dict) and set(t) == {"fichier", "titre"} and all(isinstance(v, str) and v
                                                                              for v in t.values())):
            raise _parcours_abime(f"est abîmé (module {nom} : un tableau de bord sans « fichier » ou sans « titre »)")
        tableaux.append((t["fichier"], t["titre"]))
    champs = {c: v for c, v in brut.items() if c != "tableau_de_bord"}
    return Module(**champs, tableaux_de_bord=tuple(tableaux))


@functools.lru_cache(maxsize=None)
def parcours() -> tuple[Module, ...]:
    """Les modules du parcours, dans l'ordre (``notebooks/parcours.toml``, lu une fois par noyau et vérifié).

    >>> [m.numero for m in parcours()][:3]
    ['00', '01', '02']
    """
    if not PARCOURS.is_file():
        raise _parcours_abime("est introuvable")
    try:
        with PARCOURS.open("rb") as f:
            brut = tomllib.load(f)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _parcours_abime(f"est illisible ({type(exc).__name__})") from None
    modules = brut.get("module")
    if not isinstance(modules, list) or not modules:
        raise _parcours_abime("est abîmé (aucun [[module]])")
    return tuple(_module(m, rang) for rang, m in enumerate(modules))


def vider_cache() -> None:
    """Oublie les fichiers déjà lus (utile après une reconstruction des données)."""
    for f in (_cached, _textes_et_meta, _table_textes, _index_textes, _vecteurs_metiers, _vecteurs_competences,
              vecteurs_lecons, vecteurs_appellations, parcours):
        f.cache_clear()
