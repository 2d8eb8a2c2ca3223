"""Les vecteurs livrés avec l'atelier (``datasets/*.npz``), partagés entre les noyaux d'une machine.

Un ``.npz`` compressé est décompressé une fois dans le cache (:func:`dossier_partage`), puis chaque noyau le projette
en mémoire en lecture seule : les tableaux de bord d'une salle entière ne gardent qu'une copie de ses pages. Les
tables (CSV) se lisent dans :mod:`atelier.data`, dont ce module prend le dossier et les messages d'erreur.

>>> from atelier import vecteurs_livres
>>> vecteurs_livres.vecteurs_metiers().shape      # un vecteur par appellation, dans l'ordre de data.metiers()
(13120, 384)
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from atelier.erreurs import DonneesIndisponibles

VECTEURS = "vecteurs_textes_e5.npz"
VECTEURS_COMPETENCES = "vecteurs_competences_e5.npz"
#: Un vecteur e5 (préfixe ``passage:``) par fiche : sa définition (``textes_fiches.csv``).
VECTEURS_FICHES = "vecteurs_fiches_e5.npz"
#: Vecteurs e5 précalculés des textes des leçons (CV, FAQ, personas…) : un accélérateur, facultatif.
VECTEURS_LECONS = "vecteurs_lecons_e5.npz"
#: Un vecteur e5 (préfixe ``passage:``) par description ESCO reliée à une fiche (``descriptions_esco.csv``).
VECTEURS_DESCRIPTIONS_ESCO = "vecteurs_descriptions_esco_e5.npz"
VECTEURS_APPELLATIONS_MINILM = "vecteurs_appellations_minilm.npz"

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
        st = data.chemin(fichier).stat()
        h.update(f"{data.chemin(fichier).resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
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
    path = data.chemin(fichier)
    if not path.is_file():
        raise data.fichier_abime(fichier, "est introuvable")
    try:
        with np.load(path, allow_pickle=False) as npz:
            return [npz[c] for c in cles]
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise data.fichier_abime(fichier, f"est illisible ({type(exc).__name__})") from None


def _calculer_table_textes() -> np.ndarray:
    textes, vecteurs = _lire_npz(VECTEURS, "textes", "vecteurs")
    if vecteurs.ndim != 2 or len(vecteurs) != len(textes):
        raise data.fichier_abime(VECTEURS, "est abîmé (tailles incohérentes)")
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
        raise data.fichier_abime(VECTEURS, "est illisible (métadonnées)") from None
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
        raise data.fichier_abime(VECTEURS, "est abîmé (tailles incohérentes)")
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
            f"calculez-le avec atelier.embeddings.encode, ou reconstruisez les données ({data.REBUILD_COMMAND})."
        ) from None


def _calculer_normes(fichier: str, cle: str) -> np.ndarray:
    codes, vecteurs = _lire_npz(fichier, cle, "vecteurs")
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise data.fichier_abime(fichier, "est abîmé (tailles incohérentes)")
    vecteurs = vecteurs.astype(np.float32)
    vecteurs /= np.linalg.norm(vecteurs, axis=1, keepdims=True)
    return vecteurs


@functools.lru_cache(maxsize=None)
def _codes_et_vecteurs(fichier: str, cle: str, nom: str) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, vecteurs normés)`` d'un ``.npz`` livré qui range un vecteur par code (colonne ``cle``)."""
    (codes,) = _lire_npz(fichier, cle)
    vecteurs = _partage(nom, (fichier,), lambda: _calculer_normes(fichier, cle))
    if vecteurs.ndim != 2 or len(codes) != len(vecteurs):
        raise data.fichier_abime(fichier, "est abîmé (tailles incohérentes)")
    return codes, vecteurs


def vecteurs_competences() -> tuple[np.ndarray, np.ndarray]:
    """``(code_ogr, vecteurs)`` des compétences principales d'au moins une fiche (préfixe ``passage:``, float32
    normés, lecture seule, partagés entre noyaux)."""
    return _codes_et_vecteurs(VECTEURS_COMPETENCES, "code_ogr", "competences_e5")


def vecteurs_fiches() -> tuple[np.ndarray, np.ndarray]:
    """``(code_rome, vecteurs)`` : un vecteur par fiche, celui de sa définition (préfixe ``passage:``, float32
    normés, lecture seule, partagés entre noyaux), dans l'ordre de :func:`atelier.data.fiches`."""
    return _codes_et_vecteurs(VECTEURS_FICHES, "code_rome", "fiches_e5")


def vecteurs_descriptions_esco() -> tuple[np.ndarray, np.ndarray]:
    """``(uri, vecteurs)`` : un vecteur par description ESCO reliée à une fiche (préfixe ``passage:``, float32
    normés, lecture seule, partagés entre noyaux), dans l'ordre de :func:`atelier.data.descriptions_esco`."""
    return _codes_et_vecteurs(VECTEURS_DESCRIPTIONS_ESCO, "uri", "descriptions_esco_e5")


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
    return vecteurs_partages(data.metiers()["appellation"])


def vecteurs_metiers() -> np.ndarray:
    """Un vecteur par appellation, dans l'ordre de :func:`atelier.data.metiers` : tableau ``(13120, 384)`` float32
    en lecture seule, partagé entre noyaux."""
    return _vecteurs_metiers()


@functools.lru_cache(maxsize=4)
def vecteurs_lecons(modele: str) -> dict[str, np.ndarray]:
    """Les vecteurs livrés des textes des leçons, par clé du cache (modèle + préfixe + texte), s'ils ont été
    calculés avec ``modele`` ; sinon (ou si le fichier manque ou est abîmé) un dictionnaire vide : les textes sont
    alors simplement calculés. Reconstruction : ``python scripts/vecteurs_lecons.py``."""
    path = data.chemin(VECTEURS_LECONS)
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
    """Les vecteurs livrés des 13 120 appellations (dans l'ordre de :func:`atelier.data.metiers`) calculés par un
    autre modèle que celui de l'atelier, s'ils ont été calculés avec ``modele`` (la clé du moteur, ``Encodeur.moteur.key``) ;
    sinon ``None`` (fichier absent ou abîmé, autre modèle, intitulés changés depuis) : il faut alors les calculer.

    Aujourd'hui : all-MiniLM-L6-v2 (``datasets/vecteurs_appellations_minilm.npz``, leçon 02, partie 8), float32
    normés, lecture seule, partagés entre noyaux. Reconstruction : ``python scripts/vecteurs_lecons.py``.
    """
    fichier = VECTEURS_APPELLATIONS_MINILM
    try:
        cle, textes = _lire_npz(fichier, "modele", "textes")
        if str(cle) != modele or textes.tolist() != data.metiers()["appellation"].tolist():
            return None
        vecteurs = _partage(f"appellations-{modele}", (fichier,),
                            lambda: _lire_npz(fichier, "vecteurs")[0].astype(np.float32))
    except DonneesIndisponibles:
        return None
    if vecteurs.ndim != 2 or len(vecteurs) != len(textes):
        return None
    return vecteurs


def vider_cache() -> None:
    """Oublie les vecteurs déjà lus (:func:`atelier.data.vider_cache` l'appelle, avec le cache des tables)."""
    for f in (_textes_et_meta, _table_textes, _index_textes, _vecteurs_metiers, _codes_et_vecteurs, vecteurs_lecons,
              vecteurs_appellations):
        f.cache_clear()


# Importé en dernier, exprès : ``atelier.data`` reprend vecteurs_pour et vecteurs_metiers pour les leçons (il importe
# donc ce module à sa fin). Ici, ``data`` ne sert que dans les fonctions ; l'importer après elles permet de commencer
# par l'un ou l'autre module.
from atelier import data  # noqa: E402
